import type { Check } from './check.js';
import type { ExplainedQuery } from './review-result.js';
import type { CheckFinding } from './run-check.js';

/**
 * Lets a check re-grade its findings with what EXPLAIN learned about the query on the same lines
 * (e.g. unbounded-query: the estimated row count decides the severity). Findings of checks without
 * `withPlan`, and findings on lines with no planned query, are returned unchanged.
 */
export function regradeWithPlans(
  drafts: CheckFinding[],
  explained: ExplainedQuery[],
  checks: Array<Check<unknown>>,
  optionsOf: (checkId: string) => unknown,
): CheckFinding[] {
  const planned = explained.filter((q) => q.status === 'ok' && q.estimatedRows !== undefined);
  if (planned.length === 0) return drafts;
  return drafts.map((draft) => {
    const check = checks.find((c) => c.id === draft.ruleId);
    if (!check?.withPlan) return draft;
    const onLines = planned.filter((q) => q.path === draft.path && q.line >= draft.line && q.line <= draft.endLine);
    if (onLines.length === 0) return draft;
    const largest = onLines.reduce((a, b) => ((b.estimatedRows ?? 0) > (a.estimatedRows ?? 0) ? b : a));
    const regraded = check.withPlan(draft, { estimatedRows: largest.estimatedRows ?? 0, name: largest.name }, optionsOf(check.id));
    return regraded ? { ...draft, ...regraded } : draft;
  });
}
