import type { PlanNode } from '../plan-reader.js';
import { formatCount, type PlanRule } from './plan-rule.js';

/** The planner's row estimate is off by 10× or more: its join and scan choices are made for the wrong size. */
export const rowMisestimate: PlanRule = {
  id: 'query-plan/row-misestimate',
  title: 'Row estimate off by 10× or more',
  description: 'The planner expected a very different number of rows than the node produced, so the plan above it was chosen for the wrong size.',
  defaultSeverity: 'info',
  silentWhen: 'estimate and actual differ by less than `misestimateFactor`, both are under `misestimateMinRows`, the node never ran, or it stopped early (below a LIMIT, inner side of a semi/anti join). Only the deepest misestimated node is reported: the error propagates upwards.',
  check({ plan, thresholds }) {
    const off = plan.nodes.filter((n) => !stoppedEarly(n) && factor(n) !== undefined && (factor(n) as number) >= thresholds.misestimateFactor && Math.max(n.planRows, n.actualRows ?? 0) >= thresholds.misestimateMinRows);
    const deepest = off.filter((n) => !off.some((o) => o !== n && isAncestor(n, o)));
    return deepest.slice(0, 1).map((n) => {
      const table = n.relation ?? nearestRelation(n);
      return {
        ruleId: this.id,
        node: n,
        message:
          `${n.nodeType}${n.relation ? ` on \`${n.relation}\`` : ''} was estimated at ${formatCount(n.planRows)} rows and produced ${formatCount(n.actualRows ?? 0)} per loop: ` +
          'the planner chose the plan above it for the wrong size. ' +
          `Refresh statistics (\`ANALYZE ${table ?? '<table>'}\`), and for correlated columns create extended statistics (\`CREATE STATISTICS … ON col_a, col_b FROM ${table ?? '<table>'}\`).`,
        suggestion: table ? `ANALYZE ${table};` : undefined,
      };
    });
  },
};

/**
 * Below a LIMIT, or on the inner side of a semi/anti join or EXISTS, a node stops after the rows its
 * parent needs: "Plan Rows" counts all it would return, "Actual Rows" what was read. Not a misestimate.
 */
function stoppedEarly(n: PlanNode): boolean {
  for (let child = n, p = n.parent; p; child = p, p = p.parent) {
    if (p.nodeType === 'Limit') return true;
    if ((p.joinType === 'Semi' || p.joinType === 'Anti') && p.children[1] === child) return true;
  }
  return false;
}

function factor(n: PlanNode): number | undefined {
  if (n.actualRows === undefined || !n.loops) return undefined;
  const est = Math.max(n.planRows, 1);
  const act = Math.max(n.actualRows, 1);
  return Math.max(est, act) / Math.min(est, act);
}

function isAncestor(ancestor: PlanNode, node: PlanNode): boolean {
  for (let p = node.parent; p; p = p.parent) if (p === ancestor) return true;
  return false;
}

function nearestRelation(n: PlanNode): string | undefined {
  if (n.relation) return n.relation;
  for (const c of n.children) {
    const r = nearestRelation(c);
    if (r) return r;
  }
  return undefined;
}
