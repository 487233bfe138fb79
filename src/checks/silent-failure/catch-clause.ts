import { Node, SyntaxKind, type Block, type CatchClause, type Expression } from 'ts-morph';
import { insideErrorExit, onlyCleanup } from './best-effort.js';
import { matchesPrefixGlob, type Vocabulary } from './vocabulary.js';
import { skipOuterExpressions } from '../../analysis/outer-expressions.js';
import { enclosingFunctionName } from '../../analysis/function-names.js';

/** Why a `catch` clause loses the error, or undefined when it does something with it. */
export type CatchVerdict = { kind: 'empty'; commented: boolean } | { kind: 'fallback'; value: string } | undefined;

export function classifyCatch(clause: CatchClause, vocabulary: Vocabulary): CatchVerdict {
  const block = clause.getBlock();
  const statements = block.getStatements();
  const commented = hasComment(block);
  if (statements.length === 0) {
    const tryStatement = clause.getParentIfKind(SyntaxKind.TryStatement);
    // `try { fs.unlinkSync(tmp) } catch {}`: best-effort cleanup whose failure changes nothing.
    if (tryStatement && onlyCleanup(tryStatement.getTryBlock(), vocabulary)) return undefined;
    if (insideErrorExit(clause)) return undefined;
    return { kind: 'empty', commented };
  }
  const [only] = statements;
  if (statements.length !== 1 || !Node.isReturnStatement(only)) return undefined;
  const value = fallbackValue(only.getExpression());
  if (value === undefined) return undefined;
  // A comment saying why the fallback is safe (`// invalid JSON means "no preference"`) is a decision, not an accident.
  if (commented) return undefined;
  if (announcesFallback(clause, vocabulary)) return undefined;
  return { kind: 'fallback', value };
}

/** `null`, `undefined`, `void 0`, `[]` or a bare `return`: values a caller cannot tell from "nothing found". */
export function fallbackValue(expression: Expression | undefined): string | undefined {
  if (!expression) return 'undefined';
  const inner = unwrapParentheses(expression);
  if (Node.isNullLiteral(inner)) return 'null';
  if (Node.isIdentifier(inner) && inner.getText() === 'undefined') return 'undefined';
  if (Node.isVoidExpression(inner) && Node.isLiteralExpression(inner.getExpression())) return 'undefined';
  if (Node.isArrayLiteralExpression(inner) && inner.getElements().length === 0) return '[]';
  return undefined;
}

export function isUndefinedValue(expression: Expression): boolean {
  return fallbackValue(expression) === 'undefined';
}

/** Comments inside the braces (a block with no statements keeps them only as trivia). */
export function hasComment(block: Block): boolean {
  const text = block.getText();
  return /\/\/|\/\*/.test(text.slice(1, -1));
}

/** Inside `tryParse`, `safeJson`, `isValid`…: "null on failure" is the function's contract (silent-failure-fallback-functions). */
export function announcesFallback(node: Node, vocabulary: Vocabulary): boolean {
  const name = enclosingFunctionName(node);
  return name !== undefined && matchesPrefixGlob(name, vocabulary.fallbackFunctions);
}

/** Parentheses, `as`, `!` and `satisfies` around a handler do not change what it is. */
export function unwrapParentheses(expression: Expression): Expression {
  return skipOuterExpressions(expression) as Expression;
}
