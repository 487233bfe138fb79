import { Node, SyntaxKind, type SourceFile } from 'ts-morph';

/** A Prisma call's argument object as data: constants, run-time values (→ `$n`), objects, arrays. */
export type Arg =
  | { kind: 'object'; entries: Map<string, Arg> }
  | { kind: 'array'; items: Arg[] }
  | { kind: 'const'; value: string | number | boolean | null }
  | { kind: 'value'; text: string };

/** Thrown for what cannot be read with certainty; its message is the notice's reason. */
export class Untranslatable extends Error {}

export function readArg(node: Node): Arg {
  const n = unwrap(node);
  if (Node.isObjectLiteralExpression(n)) {
    const entries = new Map<string, Arg>();
    for (const property of n.getProperties()) {
      if (Node.isShorthandPropertyAssignment(property)) entries.set(property.getName(), { kind: 'value', text: property.getName() });
      else if (Node.isPropertyAssignment(property)) {
        const name = property.getNameNode();
        if (Node.isComputedPropertyName(name)) throw new Untranslatable(`a computed key (\`${name.getText()}\`) in the arguments`);
        const value = property.getInitializerOrThrow();
        if (unwrap(value).getKind() === SyntaxKind.UndefinedKeyword || unwrap(value).getText() === 'undefined') continue;
        entries.set(Node.isStringLiteral(name) ? name.getLiteralValue() : name.getText(), readArg(value));
      } else throw new Untranslatable(`\`${property.getText().slice(0, 40)}\` in the arguments (spread or method) is only known at run time`);
    }
    return { kind: 'object', entries };
  }
  if (Node.isArrayLiteralExpression(n)) {
    if (n.getElements().some((e) => Node.isSpreadElement(e))) throw new Untranslatable(`a spread array (\`${n.getText().slice(0, 40)}\`)`);
    return { kind: 'array', items: n.getElements().map(readArg) };
  }
  if (Node.isStringLiteral(n) || Node.isNoSubstitutionTemplateLiteral(n)) return { kind: 'const', value: n.getLiteralValue() };
  if (Node.isNumericLiteral(n)) return { kind: 'const', value: n.getLiteralValue() };
  if (Node.isPrefixUnaryExpression(n) && n.getOperatorToken() === SyntaxKind.MinusToken && Node.isNumericLiteral(n.getOperand())) return { kind: 'const', value: -Number(n.getOperand().getText()) };
  if (n.getKind() === SyntaxKind.TrueKeyword) return { kind: 'const', value: true };
  if (n.getKind() === SyntaxKind.FalseKeyword) return { kind: 'const', value: false };
  if (n.getKind() === SyntaxKind.NullKeyword) return { kind: 'const', value: null };
  if (n.getKind() === SyntaxKind.BigIntLiteral) return { kind: 'const', value: Number(n.getText().slice(0, -1)) };
  if (Node.isIdentifier(n)) {
    const constant = moduleConstant(n.getSourceFile(), n.getText());
    if (constant) return constant;
  }
  return { kind: 'value', text: n.getText() };
}

/** `const PAGE_SIZE = 50` at the top of the file: the value is known. */
function moduleConstant(sf: SourceFile, name: string): Arg | undefined {
  const declaration = sf.getVariableDeclaration(name);
  const statement = declaration?.getVariableStatement();
  const init = declaration?.getInitializer();
  if (!statement || statement.getDeclarationKind() !== 'const' || !init) return undefined;
  const value = readArg(init);
  return value.kind === 'const' ? value : undefined;
}

function unwrap(node: Node): Node {
  let n = node;
  while (Node.isParenthesizedExpression(n) || Node.isAsExpression(n) || Node.isSatisfiesExpression(n) || Node.isNonNullExpression(n) || Node.isTypeAssertion(n)) n = n.getExpression();
  return n;
}

export function objectArg(arg: Arg | undefined, what: string): Map<string, Arg> {
  if (arg === undefined) return new Map();
  if (arg.kind === 'object') return arg.entries;
  if (arg.kind === 'value') throw new Untranslatable(`\`${what}\` is built at run time (\`${arg.text}\`)`);
  throw new Untranslatable(`\`${what}\` is not an object`);
}

export function constArg(arg: Arg | undefined, what: string): string | number | boolean | null | undefined {
  if (arg === undefined) return undefined;
  if (arg.kind === 'const') return arg.value;
  if (arg.kind === 'value') throw new Untranslatable(`\`${what}\` is only known at run time (\`${arg.text}\`)`);
  throw new Untranslatable(`\`${what}\` has an unexpected shape`);
}
