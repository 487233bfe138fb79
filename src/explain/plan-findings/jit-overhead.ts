import { formatMs, type PlanRule } from './plan-rule.js';

/** JIT compilation that costs a large share of a query's time (common on short OLTP queries with high cost estimates). */
export const jitOverhead: PlanRule = {
  id: 'query-plan/jit-overhead',
  title: 'JIT compilation overhead',
  description: 'PostgreSQL spent a large share of the execution time compiling the query with JIT, which pays off only for long analytical queries.',
  defaultSeverity: 'info',
  silentWhen: 'JIT did not run, took under `jitMinMs`, or under `jitMinFraction` of the execution time.',
  check({ plan, thresholds }) {
    const jit = plan.jit;
    const exec = plan.executionMs;
    if (!jit || exec === undefined || jit.totalMs < thresholds.jitMinMs || jit.totalMs / exec < thresholds.jitMinFraction) return [];
    return [
      {
        ruleId: this.id,
        message:
          `JIT compilation of ${jit.functions} functions took ${formatMs(jit.totalMs)} of ${formatMs(exec)}: the query pays the compile cost on every call. ` +
          'Fix the estimate that makes the plan look expensive, raise `jit_above_cost`, or turn JIT off for this workload (`SET jit = off`).',
      },
    ];
  },
};
