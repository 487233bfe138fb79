import { Node, SyntaxKind, type CatchClause, type Node as AnyNode } from 'ts-morph';
import { skipOuterExpressions } from '../../analysis/outer-expressions.js';

/** How a call's arguments use the caught error: the whole error (stack included), only its text, or not at all. */
export type ErrorUse = 'whole' | 'text' | 'none';

/**
 * `logger.error('save failed', error)`, `{ err: error }`, `error.stack`: whole. `error.message`,
 * `${error}`, `String(error)`, `error.code`: only text, the stack and the cause chain are gone.
 */
export function errorUse(args: readonly AnyNode[], clause: CatchClause): ErrorUse {
  const name = caughtName(clause);
  if (!name) return 'none';
  let use: ErrorUse = 'none';
  for (const arg of args) {
    const refs = Node.isIdentifier(arg) ? [arg] : arg.getDescendantsOfKind(SyntaxKind.Identifier);
    for (const ref of refs) {
      if (ref.getText() !== name || !refersToCaught(ref, clause)) continue;
      if (usesWhole(ref)) return 'whole';
      use = 'text';
    }
  }
  return use;
}

/** The binding of `catch (error)`; undefined for `catch {}` or a destructured `catch ({ message })`. */
export function caughtName(clause: CatchClause): string | undefined {
  const declaration = clause.getVariableDeclaration();
  const name = declaration?.getNameNode();
  return name && Node.isIdentifier(name) ? name.getText() : undefined;
}

function refersToCaught(ref: AnyNode, clause: CatchClause): boolean {
  const declaration = clause.getVariableDeclaration();
  // `{ err }`: the shorthand's own symbol is the property; its value is the variable.
  const parent = ref.getParent();
  const symbol = Node.isShorthandPropertyAssignment(parent) ? parent.getValueSymbol() : ref.getSymbol();
  // Without a symbol (plain JS edge cases) the name alone decides.
  return !symbol || symbol.getDeclarations().some((d) => d === declaration);
}

function usesWhole(ref: AnyNode): boolean {
  let node: AnyNode = ref;
  let parent = node.getParent();
  while (parent && skipOuterExpressions(parent) !== parent) {
    node = parent;
    parent = node.getParent();
  }
  if (!parent) return true;
  // `error.message`, `error.code`: a part; `error.stack` keeps where it happened.
  if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === node) return parent.getName() === 'stack';
  if (Node.isElementAccessExpression(parent) && parent.getExpression() === node) return false;
  if (Node.isTemplateSpan(parent)) return false;
  if (Node.isCallExpression(parent) && ['String', 'JSON.stringify'].includes(parent.getExpression().getText())) return false;
  if (Node.isBinaryExpression(parent) && parent.getOperatorToken().getKind() === SyntaxKind.PlusToken) return false;
  // `error instanceof X ? … : …`, `error?.x`: not passed on.
  if (Node.isBinaryExpression(parent) && parent.getOperatorToken().getKind() === SyntaxKind.InstanceOfKeyword) return false;
  return true;
}
