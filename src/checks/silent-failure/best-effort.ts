import { Node, type Block } from 'ts-morph';
import type { Vocabulary } from './vocabulary.js';

/**
 * Places where dropping an error is the point: cleanup that must not hide the error already on its
 * way out (`finally { await client.end().catch(() => {}) }`, `catch (e) { await rollback().catch(noop); throw e; }`),
 * and cleanup calls whose failure changes nothing (`try { unlinkSync(tmp) } catch {}`).
 */
export function isBestEffort(node: Node, vocabulary: Vocabulary): boolean {
  return insideErrorExit(node) || isCleanupCall(node, vocabulary);
}

/** Inside a `finally` block, or a `catch` block that rethrows, of the same function. */
export function insideErrorExit(node: Node): boolean {
  for (let child: Node = node, parent = node.getParent(); parent; child = parent, parent = parent.getParent()) {
    if (Node.isFunctionLikeDeclaration(parent)) return false;
    if (Node.isTryStatement(parent) && parent.getFinallyBlock() === child) return true;
    if (Node.isCatchClause(parent) && parent.getBlock().getStatements().some((s) => Node.isThrowStatement(s))) return true;
  }
  return false;
}

/** A try block made only of cleanup calls (silent-failure-cleanup-methods). */
export function onlyCleanup(tryBlock: Block, vocabulary: Vocabulary): boolean {
  const statements = tryBlock.getStatements();
  return statements.length > 0 && statements.every((s) => Node.isExpressionStatement(s) && isCleanupCall(s.getExpression(), vocabulary));
}

/** `fs.unlink(tmp)`, `await client.release()`, `void socket.destroy()`. */
export function isCleanupCall(node: Node, vocabulary: Vocabulary): boolean {
  let expression = node;
  while (Node.isParenthesizedExpression(expression) || Node.isAwaitExpression(expression) || Node.isVoidExpression(expression)) {
    expression = expression.getExpression();
  }
  if (!Node.isCallExpression(expression)) return false;
  const callee = expression.getExpression();
  const name = Node.isPropertyAccessExpression(callee) ? callee.getName() : Node.isIdentifier(callee) ? callee.getText() : undefined;
  return name !== undefined && vocabulary.cleanupMethods.includes(name);
}
