import { Node } from 'ts-morph';

/** Parentheses, `as`, `!` and `satisfies` do not change where a value comes from or what it is. */
export function skipOuterExpressions(node: Node): Node {
  let current = node;
  for (;;) {
    if (
      Node.isParenthesizedExpression(current) ||
      Node.isAsExpression(current) ||
      Node.isNonNullExpression(current) ||
      Node.isSatisfiesExpression(current) ||
      Node.isTypeAssertion(current)
    ) {
      current = current.getExpression();
    } else {
      return current;
    }
  }
}

/** Also `await`: the awaited value is the one the expression stands for (`await this.logger`). */
export function skipAwaitAndOuterExpressions(node: Node): Node {
  let current = skipOuterExpressions(node);
  while (Node.isAwaitExpression(current)) current = skipOuterExpressions(current.getExpression());
  return current;
}
