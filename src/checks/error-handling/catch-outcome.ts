import { Node, SyntaxKind, type Block, type CatchClause, type NewExpression, type ThrowStatement } from 'ts-morph';
import { caughtName } from './error-use.js';

/** Statements of the catch block itself, not of functions declared inside it. */
function ownDescendants<T extends Node>(block: Block, kind: SyntaxKind): T[] {
  const owner = block.getFirstAncestor((a) => Node.isFunctionLikeDeclaration(a));
  return block.getDescendantsOfKind(kind).filter((n) => n.getFirstAncestor((a) => Node.isFunctionLikeDeclaration(a)) === owner) as unknown as T[];
}

/** `throw error` / `throw new X(…)` in the catch block. */
export function throwsIn(clause: CatchClause): ThrowStatement[] {
  return ownDescendants<ThrowStatement>(clause.getBlock(), SyntaxKind.ThrowStatement);
}

/** The caught error itself goes on: `throw error`. */
export function rethrowsCaught(clause: CatchClause): boolean {
  const name = caughtName(clause);
  return name !== undefined && throwsIn(clause).some((t) => t.getExpression()?.getText() === name);
}

/** `throw new Error('…')` whose arguments do not include the caught error (`{ cause: error }`, or the error passed on). */
export function newErrorsThrown(clause: CatchClause): NewExpression[] {
  return throwsIn(clause)
    .map((t) => t.getExpression())
    .filter((e): e is NewExpression => Node.isNewExpression(e));
}

/** Every path through the block ends in `return`/`throw` or falls off: true when some path continues past the catch. */
export function endsWithoutReturnOrThrow(clause: CatchClause): boolean {
  const last = clause.getBlock().getStatements().at(-1);
  if (!last) return true;
  if (Node.isThrowStatement(last)) return false;
  if (Node.isReturnStatement(last)) {
    const value = last.getExpression()?.getText();
    return value === undefined || value === 'null' || value === 'undefined';
  }
  return !ownDescendants(clause.getBlock(), SyntaxKind.ReturnStatement).length && !throwsIn(clause).length;
}

/**
 * The function returns a value on success (`return order` in the try block, or a declared non-void
 * return type): a caller that gets `undefined` after a logged failure cannot tell it from a result.
 */
export function callerExpectsValue(clause: CatchClause): boolean {
  const tryStatement = clause.getParentIfKind(SyntaxKind.TryStatement);
  const fn = clause.getFirstAncestor((a) => Node.isFunctionLikeDeclaration(a));
  if (!tryStatement || !fn) return false;
  // Only the function's last statement: code after the try/catch may still decide what the caller gets.
  const body = (fn as Node & { getBody?(): Node | undefined }).getBody?.();
  if (!Node.isBlock(body) || body.getStatements().at(-1) !== tryStatement) return false;
  const returns = ownDescendants<Node>(tryStatement.getTryBlock(), SyntaxKind.ReturnStatement);
  return returns.some((r) => Node.isReturnStatement(r) && r.getExpression() !== undefined);
}
