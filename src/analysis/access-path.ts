import { Node } from 'ts-morph';
import { skipOuterExpressions } from './outer-expressions.js';

export interface AccessStep {
  base: Node;
  /** The keys read from `base` to reach the expression, outermost last. */
  segments: string[];
}

/**
 * `req.query['q']` → [{ base: req.query['q'], [] }, { base: req.query, [q] }, { base: req, [query, q] }]: every
 * object the expression reads from, with the keys read from it; the last step's base is the root. A computed
 * key that is not a string literal is `computed`; `skip` sees through parentheses, `as`, `!` (and what else it skips).
 */
export function accessPath(node: Node, { computed = '[]', skip = skipOuterExpressions }: { computed?: string; skip?: (node: Node) => Node } = {}): AccessStep[] {
  const steps: AccessStep[] = [];
  const segments: string[] = [];
  let current = skip(node);
  for (;;) {
    steps.push({ base: current, segments: [...segments] });
    if (Node.isPropertyAccessExpression(current)) {
      segments.unshift(current.getName());
    } else if (Node.isElementAccessExpression(current)) {
      const arg = current.getArgumentExpression();
      segments.unshift(arg && Node.isStringLiteral(arg) ? arg.getLiteralValue() : computed);
    } else {
      return steps;
    }
    current = skip(current.getExpression());
  }
}
