import { formatMs, type PlanRule } from './plan-rule.js';

/** The changed query is much slower than the same query on the base commit, run on the same database. */
export const regression: PlanRule = {
  id: 'query-plan/regression',
  title: 'Slower than on the base commit',
  description: 'The query on the head commit is much slower than the same query (same name or location) on the base commit, measured on the same database in the same run.',
  defaultSeverity: 'warning',
  silentWhen: 'the query did not exist on the base commit, or head is less than `regressionFactor` times and `regressionMinMs` slower than base (run-to-run noise).',
  check({ totalMs, baseTotalMs, thresholds }) {
    if (totalMs === undefined || baseTotalMs === undefined) return [];
    if (totalMs < baseTotalMs * thresholds.regressionFactor || totalMs - baseTotalMs < thresholds.regressionMinMs) return [];
    return [
      {
        ruleId: this.id,
        message:
          `The query now takes ${formatMs(totalMs)}, ${(totalMs / Math.max(baseTotalMs, 0.001)).toFixed(1)}× the ${formatMs(baseTotalMs)} it took on the base commit: ` +
          'the change makes an existing code path slower for every caller. Compare the plans below and keep the access path the old query used (usually an index).',
      },
    ];
  },
};
