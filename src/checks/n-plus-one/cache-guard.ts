import { Node, SyntaxKind } from 'ts-morph';

/**
 * Whether the query runs only when a lookup missed — `cache.get(id) ?? await find(id)`,
 * `if (cache.has(id)) return cache.get(id);` before it, `if (!hit) { … find(id) }` — so it may not
 * run for every element (memoisation). `lookups`: catalog `memo-lookups` (methods on in-memory types).
 * Looks from `call` up to `boundary` (the loop body or the function that contains the call).
 */
export interface MemoLookups {
  methods: readonly string[];
  types: readonly string[];
}

export function isBehindLookup(call: Node, boundary: Node, lookups: MemoLookups): boolean {
  const hasLookup = (node: Node) => lookupIn(node, lookups);
  let child = call;
  for (let parent = call.getParent(); parent && child !== boundary; child = parent, parent = parent.getParent()) {
    if (Node.isBinaryExpression(parent) && ['??', '||'].includes(parent.getOperatorToken().getText()) && parent.getRight() === child) {
      if (hasLookup(parent.getLeft())) return true;
    }
    if (Node.isConditionalExpression(parent) && parent.getCondition() !== child && hasLookup(parent.getCondition())) return true;
    if (Node.isIfStatement(parent) && parent.getExpression() !== child && conditionLooksUp(parent.getExpression(), lookups)) return true;
    if (Node.isBlock(parent)) {
      const statements = parent.getStatements();
      const before = statements.slice(0, statements.indexOf(child as never));
      if (before.some((s) => Node.isIfStatement(s) && endsInReturn(s.getThenStatement()) && conditionLooksUp(s.getExpression(), lookups))) {
        return true;
      }
    }
    if (parent === boundary) break;
  }
  return false;
}

/** The condition calls a lookup, or tests a variable initialised by one (`const hit = cache.get(id); if (hit)`). */
function conditionLooksUp(condition: Node, lookups: MemoLookups): boolean {
  if (lookupIn(condition, lookups)) return true;
  const identifiers = [condition, ...condition.getDescendantsOfKind(SyntaxKind.Identifier)].filter((n) => Node.isIdentifier(n));
  return identifiers.some((id) =>
    (id.getSymbol()?.getDeclarations() ?? []).some((d) => {
      const init = Node.isVariableDeclaration(d) ? d.getInitializer() : undefined;
      return init !== undefined && lookupIn(init, lookups);
    }),
  );
}

function lookupIn(node: Node, lookups: MemoLookups): boolean {
  return [node, ...node.getDescendantsOfKind(SyntaxKind.CallExpression)].some((c) => {
    if (!Node.isCallExpression(c)) return false;
    const callee = c.getExpression();
    return Node.isPropertyAccessExpression(callee) && lookups.methods.includes(callee.getName()) && isInMemory(callee.getExpression(), lookups.types);
  });
}

/** An in-memory type (`Map`, an LRU), or a receiver whose type is unknown. A remote cache is a query itself. */
function isInMemory(receiver: Node, types: readonly string[]): boolean {
  const type = receiver.getType();
  if (type.isAny() || type.isUnknown()) return true;
  return types.includes(type.getSymbol()?.getName() ?? '');
}

function endsInReturn(statement: Node): boolean {
  const last = Node.isBlock(statement) ? statement.getStatements().at(-1) : statement;
  return last !== undefined && Node.isReturnStatement(last);
}
