import { formatMs, type PlanRule } from './plan-rule.js';

const FAR_OVER_BUDGET = 10;

/** Total execution time against a budget (default 100 ms, per-query override); 10× over it is an error. */
export const slowQuery: PlanRule = {
  id: 'query-plan/slow-query',
  title: 'Query slower than its budget',
  description: 'The median execution time on the staging data is above the query\'s time budget.',
  defaultSeverity: 'warning',
  silentWhen: 'the median of the timed runs is within `budgetMs` (default 100 ms; `explain.queries[].budgetMs` per query), or the query did not run.',
  check({ totalMs, thresholds }) {
    if (totalMs === undefined || totalMs <= thresholds.budgetMs) return [];
    // Ten times the budget is the incident's shape (400 ms at 60 calls a second): it blocks the merge.
    const severity = totalMs >= FAR_OVER_BUDGET * thresholds.budgetMs ? 'error' : undefined;
    return [
      {
        ruleId: this.id,
        severity,
        message:
          `The query takes ${formatMs(totalMs)} (median of 3 runs) against a budget of ${formatMs(thresholds.budgetMs)}: ` +
          'at production call rates this holds connections and CPU for every request. Look at the hot path (▶) in the plan for where the time goes, or raise the budget for this query in `.plumbline.yml` if it is expected.',
      },
    ];
  },
};
