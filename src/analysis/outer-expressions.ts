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
