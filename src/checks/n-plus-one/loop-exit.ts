import { Node, SyntaxKind } from 'ts-morph';
import { isFunctionLike, type Iteration } from '../../analysis/loops.js';

/**
 * Whether a call runs at most once per run of the loop, or until the first success, so it is a search or a
 * retry rather than one query per element:
 *  - the call sits in a `return`/`throw`, or a `return`/`break`/`throw` follows it unconditionally;
 *  - an `if` after it tests its result and leaves the loop (`if (user) return user;`, `if (res.ok) break;`).
 * Only for loop statements: `return` in a `map` callback ends the callback, not the iteration.
 */
export function leavesLoopAfter(call: Node, iteration: Iteration): boolean {
  if (iteration.kind === 'callback') return false;
  const loop = iteration.node;
  const continues = iteration.body
    .getDescendantsOfKind(SyntaxKind.ContinueStatement)
    .some((c) => !c.getLabel() && nearestLoop(c) === loop);
  const result = resultName(call);
  for (let node: Node = call; node !== iteration.body; ) {
    const parent = node.getParent();
    if (!parent || isFunctionLike(parent)) return false;
    if (Node.isReturnStatement(parent) || Node.isThrowStatement(parent)) return true;
    if (Node.isBlock(parent) || Node.isCaseClause(parent) || Node.isDefaultClause(parent)) {
      const statements = parent.getStatements();
      const after = statements.slice(statements.indexOf(node as never) + 1);
      if (!continues && after.some((s) => exitsLoop(s, loop))) return true;
      if (result && after.some((s) => leavesOnSuccess(s, result, loop))) return true;
    }
    node = parent;
  }
  return false;
}

/**
 * `if (user) return user;` / `if (res.ok) break;`: tests the result and leaves with it. A guard that
 * throws or tests for absence (`if (!user) throw …`) leaves on failure: the loop still runs per element.
 */
function leavesOnSuccess(statement: Node, result: string, loop: Node): boolean {
  if (!Node.isIfStatement(statement)) return false;
  const condition = statement.getExpression().getText();
  if (!new RegExp(`(^|[^\\w$.])${result.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(condition)) return false;
  if (/^!|[=!]==?\s*(null|undefined|0|false)\b/.test(condition)) return false;
  const then = statement.getThenStatement();
  const last = Node.isBlock(then) ? then.getStatements().at(-1) : then;
  return last !== undefined && !Node.isThrowStatement(last) && exitsLoop(last, loop);
}

/** `return`, `throw`, or a `break` of this loop; a block whose last statement is one. */
function exitsLoop(statement: Node, loop: Node): boolean {
  if (Node.isBlock(statement)) {
    const last = statement.getStatements().at(-1);
    return last !== undefined && exitsLoop(last, loop);
  }
  if (Node.isReturnStatement(statement) || Node.isThrowStatement(statement)) return true;
  if (Node.isBreakStatement(statement)) return statement.getLabel() !== undefined || nearestLoop(statement) === loop;
  return false;
}

function nearestLoop(node: Node): Node | undefined {
  return node.getFirstAncestor(
    (a) =>
      Node.isForStatement(a) || Node.isForOfStatement(a) || Node.isForInStatement(a) || Node.isWhileStatement(a) ||
      Node.isDoStatement(a) || Node.isSwitchStatement(a) || isFunctionLike(a),
  );
}

/** `const user = await find(id)` → "user". */
function resultName(call: Node): string | undefined {
  let outer: Node = call;
  while (Node.isAwaitExpression(outer.getParent()!) || Node.isParenthesizedExpression(outer.getParent()!)) outer = outer.getParent()!;
  const parent = outer.getParent();
  if (Node.isVariableDeclaration(parent) && Node.isIdentifier(parent.getNameNode())) return parent.getName();
  if (Node.isBinaryExpression(parent) && parent.getOperatorToken().getKind() === SyntaxKind.EqualsToken) return parent.getLeft().getText();
  return undefined;
}
