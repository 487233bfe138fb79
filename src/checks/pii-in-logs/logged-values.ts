import { Node, type CallExpression } from 'ts-morph';
import { stripThis } from '../../analysis/call-matcher.js';
import { skipAwaitAndOuterExpressions, skipOuterExpressions } from '../../analysis/outer-expressions.js';
import { valueDeclarationOf } from '../../analysis/request-input.js';
import { splitWords } from './name-words.js';
import { valueKind } from './value-type.js';
import type { Vocabulary } from './vocabulary.js';

/** A value a log call writes: an expression inside one of its arguments. */
export interface LoggedValue {
  node: Node;
  /** Index of the log call's argument that holds it. */
  argIndex: number;
  /**
   * Where it lands in the structured record, e.g. ["user"] for `{ user }`: what a pino `redact` path must
   * name. `[]` is the record itself (the argument is the object); undefined inside message text,
   * where no redaction reaches.
   */
  keyPath?: string[];
  /** The object key it is logged under (`{ contact: user.email }` → "contact"). */
  alias?: string;
  /**
   * Placed in text (a template literal or `+`): an object there is written as `[object Object]`,
   * not with its fields; a string named `email` is still the email.
   */
  inText: boolean;
}

/**
 * The values one argument of a log call writes. String literals and template text are message
 * text, not data; masked values (`mask(x)`) are left out; values inside template literals,
 * concatenation, object literals (nested), spreads, arrays and value-preserving calls
 * (`JSON.stringify(x)`) are followed.
 */
export function valuesOfArgument(argument: Node, argIndex: number, vocabulary: Vocabulary): LoggedValue[] {
  const values: LoggedValue[] = [];
  const walk = (node: Node, keyPath: string[] | undefined, alias?: string, inText = false): void => {
    const expr = unwrap(node);
    // Inside text the key that holds the text is what redaction can censor; at the top there is none.
    const textKey = keyPath && keyPath.length > 0 ? keyPath : undefined;
    if (isLiteral(expr)) return;
    if (Node.isTemplateExpression(expr)) {
      for (const span of expr.getTemplateSpans()) walk(span.getExpression(), textKey, undefined, true);
    } else if (Node.isBinaryExpression(expr)) {
      // `a + b` joins text; `a ?? b`, `a || b`, `a && b` log one of the operands; `,` the last one.
      // Comparisons and arithmetic log a boolean or a number, not the operands.
      const operator = expr.getOperatorToken().getText();
      const joins = operator === '+' || operator === '+=';
      const path = joins ? textKey : keyPath;
      if (joins || ['??', '||', '&&'].includes(operator)) walk(expr.getLeft(), path, alias, joins || inText);
      if (joins || ['??', '||', '&&', ','].includes(operator)) walk(expr.getRight(), path, alias, joins || inText);
    } else if (Node.isConditionalExpression(expr)) {
      walk(expr.getWhenTrue(), keyPath, alias, inText);
      walk(expr.getWhenFalse(), keyPath, alias, inText);
    } else if (Node.isObjectLiteralExpression(expr)) {
      for (const property of expr.getProperties()) {
        if (Node.isSpreadAssignment(property)) walk(property.getExpression(), keyPath);
        else if (Node.isShorthandPropertyAssignment(property)) {
          values.push({ node: property.getNameNode(), argIndex, keyPath: keyPath && [...keyPath, property.getName()], alias: property.getName(), inText: false });
          const built = builtText(property.getNameNode(), followed);
          if (built) walk(built, keyPath && [...keyPath, property.getName()], property.getName());
        } else if (Node.isPropertyAssignment(property)) {
          const key = propertyKey(property.getNameNode());
          walk(property.getInitializerOrThrow(), keyPath && [...keyPath, key], key);
        }
      }
    } else if (Node.isArrayLiteralExpression(expr)) {
      for (const element of expr.getElements()) walk(element, keyPath && [...keyPath, '*'], alias, inText);
    } else if (Node.isSpreadElement(expr)) {
      walk(expr.getExpression(), keyPath, alias, inText);
    } else if (Node.isCallExpression(expr)) {
      if (isMaskingCall(expr, vocabulary)) return;
      // A project function that returns text is assumed to show its arguments (`normalize(email)`,
      // `resetLink(token)`); one that returns an object is judged by that object's type.
      // Their arguments are serialised (`JSON.stringify(user)` shows the fields), not text.
      const preserved = preservedValues(expr, vocabulary) ?? (valueKind(expr.getType()) === 'string' ? expr.getArguments() : undefined);
      if (preserved) for (const inner of preserved) walk(inner, textKey, alias);
      // `await loadUser()` is judged by the awaited type; `user.getPassword()` by the name the getter returns.
      const outer = skipOuterExpressions(node);
      if (!preserved || isGetter(expr)) values.push({ node: Node.isAwaitExpression(outer) ? outer : expr, argIndex, keyPath, alias, inText });
    } else if (isValueExpression(expr)) {
      values.push({ node: expr, argIndex, keyPath, alias, inText });
      // `const url = \`postgres://${user}:${password}@db\`; log(url)`: the text shows what it was built from.
      const built = builtText(expr, followed);
      if (built) walk(built, textKey, alias, inText);
    }
  };
  const followed = new Set<Node>();
  walk(argument, []);
  return values;
}

/**
 * The initialiser of a `const` that builds text (a template literal, `+`, `util.format(…)`), for a
 * logged identifier that names it: the text shows its pieces. Each `const` is followed once per argument.
 */
function builtText(node: Node, followed: Set<Node>): Node | undefined {
  if (!Node.isIdentifier(node)) return undefined;
  const declaration = declarationOfValue(node);
  if (!declaration || !Node.isVariableDeclaration(declaration) || followed.has(declaration)) return undefined;
  if (declaration.getVariableStatement()?.getDeclarationKind() !== 'const') return undefined;
  const init = declaration.getInitializer() && unwrap(declaration.getInitializerOrThrow());
  if (!init) return undefined;
  const textual =
    Node.isTemplateExpression(init) ||
    (Node.isBinaryExpression(init) && init.getOperatorToken().getText() === '+') ||
    (Node.isCallExpression(init) && /^(util\.)?format$/.test(init.getExpression().getText()));
  if (!textual) return undefined;
  followed.add(declaration);
  return init;
}

/** `mask(x)`, `maskEmail(x)`, `bcrypt.hash(x)`, `createHash('sha256').update(x).digest('hex')`. */
export function isMaskingCall(call: CallExpression, vocabulary: Vocabulary): boolean {
  const name = calleeName(call);
  return name !== undefined && splitWords(name).some((word) => vocabulary.masking.has(word));
}

/** For `JSON.stringify(x)`/`util.format(f, x)` the arguments, for `x.toString()` the receiver; else undefined. */
function preservedValues(call: CallExpression, vocabulary: Vocabulary): Node[] | undefined {
  const callee = call.getExpression();
  const text = stripThis(callee.getText());
  const method = Node.isPropertyAccessExpression(callee) ? callee.getName() : undefined;
  for (const entry of vocabulary.preserving) {
    if (entry.keeps === 'arguments' && entry.name === text) return call.getArguments();
    if (entry.keeps === 'receiver' && method === entry.name && Node.isPropertyAccessExpression(callee)) {
      return [callee.getExpression(), ...call.getArguments()];
    }
  }
  return undefined;
}

/** `getPassword()`, `readToken()`: a call without arguments named for what it returns. */
export function isGetter(call: CallExpression): boolean {
  return call.getArguments().length === 0 && GETTER.test(calleeName(call) ?? '');
}

export const GETTER = /^(get|read|load|fetch|decrypt)([A-Z].*)$/;

function calleeName(call: CallExpression): string | undefined {
  const callee = unwrap(call.getExpression());
  if (Node.isPropertyAccessExpression(callee)) return callee.getName();
  if (Node.isIdentifier(callee)) return callee.getText();
  return undefined;
}

/**
 * The declaration a logged identifier refers to; for the shorthand `{ dto }` the variable or
 * parameter `dto`, not the object property the shorthand declares.
 */
export function declarationOfValue(node: Node): Node | undefined {
  const parent = node.getParent();
  if (parent && Node.isShorthandPropertyAssignment(parent) && parent.getNameNode() === node) {
    const symbol = parent.getValueSymbol();
    const target = symbol?.isAlias() ? (symbol.getAliasedSymbol() ?? symbol) : symbol;
    return target?.getValueDeclaration() ?? target?.getDeclarations()[0];
  }
  return Node.isIdentifier(node) ? valueDeclarationOf(node) : undefined;
}

/** Parentheses, `as`, `!`, `satisfies` and `await` do not change what is logged. */
export const unwrap = skipAwaitAndOuterExpressions;

function isLiteral(node: Node): boolean {
  return (
    Node.isStringLiteral(node) ||
    Node.isNoSubstitutionTemplateLiteral(node) ||
    Node.isNumericLiteral(node) ||
    Node.isTrueLiteral(node) ||
    Node.isFalseLiteral(node) ||
    Node.isNullLiteral(node) ||
    Node.isRegularExpressionLiteral(node)
  );
}

function isValueExpression(node: Node): boolean {
  return (
    Node.isIdentifier(node) ||
    Node.isPropertyAccessExpression(node) ||
    Node.isElementAccessExpression(node) ||
    Node.isNewExpression(node) ||
    Node.isTaggedTemplateExpression(node)
  );
}

/** `{ email: x }`, `{ 'set-cookie': x }` → the key; a computed key is unknown ("*"). */
function propertyKey(name: Node): string {
  if (Node.isIdentifier(name) || Node.isPrivateIdentifier(name)) return name.getText();
  if (Node.isStringLiteral(name) || Node.isNumericLiteral(name) || Node.isNoSubstitutionTemplateLiteral(name)) return name.getLiteralText();
  return '*';
}
