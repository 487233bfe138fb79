import { formatCount, type PlanRule } from './plan-rule.js';

/** The realism gate: a plan measured on a small table says nothing about production (seed 000: 500 vs 2.4 M rows). */
export const unrepresentativeData: PlanRule = {
  id: 'query-plan/unrepresentative-data',
  title: 'Staging data too small to judge the plan',
  description: 'A table the query reads holds far fewer rows than its scale profile or production statistics say, so a fast result here is not evidence that the query is fast in production.',
  defaultSeverity: 'info',
  silentWhen: 'every table the query reads has at least `realismMinFraction` (10 %) of its expected rows, or no expected size is known.',
  check({ plan, undersized }) {
    const read = new Set(plan.nodes.map((n) => n.relation).filter(Boolean));
    const small = undersized.filter((u) => read.has(u.table));
    if (small.length === 0) return [];
    const list = small.map((u) => `\`${u.table}\` has ${formatCount(u.rows)} of ${formatCount(u.expected)} rows`).join(', ');
    return [
      {
        ruleId: this.id,
        message: `Not representative: ${list}. Plans change with table size, so this result says nothing about production. Load the scale profile (\`plumbline staging load\`) or point \`--database-url\` at a production-sized staging database.`,
      },
    ];
  },
};
