import { formatMs, type PlanRule } from './plan-rule.js';

/** Total execution time against a budget (default 100 ms, per-query override). */
export const slowQuery: PlanRule = {
  id: 'query-plan/slow-query',
  title: 'Query slower than its budget',
  description: 'The median execution time on the staging data is above the query\'s time budget.',
  defaultSeverity: 'warning',
  silentWhen: 'the median of the timed runs is within `budgetMs` (default 100 ms; `explain.queries[].budgetMs` per query), or the query did not run.',
  check({ totalMs, thresholds }) {
    if (totalMs === undefined || totalMs <= thresholds.budgetMs) return [];
    return [
      {
        ruleId: this.id,
        message:
          `The query takes ${formatMs(totalMs)} (median of 3 runs) against a budget of ${formatMs(thresholds.budgetMs)}: ` +
          'at production call rates this holds connections and CPU for every request. Look at the hot path (▶) in the plan for where the time goes, or raise the budget for this query in `.plumbline.yml` if it is expected.',
      },
    ];
  },
};
