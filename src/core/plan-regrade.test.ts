import { describe, expect, it } from 'vitest';
import { defineCheck } from './check.js';
import type { ExplainedQuery } from './review-result.js';
import { regradeWithPlans } from './plan-regrade.js';
import type { CheckFinding } from './run-check.js';

const graded = defineCheck<{ bar: number }>({
  id: 'graded',
  meta: { title: 't', description: 'd', checklistItem: 'x', defaultSeverity: 'warning', messages: { m: 'm' } },
  run() {},
  withPlan: (finding, plan, options) => (finding.messageId === 'm' ? { severity: plan.estimatedRows >= options.bar ? 'error' : 'info', message: `${finding.message} (${plan.name}: ${plan.estimatedRows})` } : undefined),
});
const plain = defineCheck({ id: 'plain', meta: { title: 't', description: 'd', checklistItem: 'x', defaultSeverity: 'warning', messages: { m: 'm' } }, run() {} });

const draft = (ruleId: string, line: number, endLine = line, messageId = 'm'): CheckFinding => ({ ruleId, messageId, path: 'a.ts', line, column: 1, endLine, endColumn: 5, message: 'unbounded' });
const query = (line: number, estimatedRows: number | undefined, status: ExplainedQuery['status'] = 'ok', name = `q${line}`): ExplainedQuery => ({ path: 'a.ts', line, name, sql: 'select 1', status, notes: [], parameters: [], estimatedRows });

describe('regradeWithPlans', () => {
  const run = (drafts: CheckFinding[], explained: ExplainedQuery[]) => regradeWithPlans(drafts, explained, [graded, plain] as never, () => ({ bar: 100 }));

  it('hands the largest estimate of the queries within the finding’s lines to the check', () => {
    const [out] = run([draft('graded', 3, 6)], [query(2, 10_000), query(4, 50), query(5, 500, 'ok', 'big')]);
    expect(out).toMatchObject({ severity: 'error', message: 'unbounded (big: 500)' });
  });

  it('leaves findings alone without a plan on their lines, without withPlan, or when the check declines', () => {
    const drafts = [draft('graded', 9), draft('plain', 3), draft('graded', 3, 3, 'other')];
    expect(run(drafts, [query(3, 5_000)])).toEqual(drafts);
  });

  it('ignores queries that were not planned', () => {
    const drafts = [draft('graded', 3)];
    expect(run(drafts, [query(3, 5_000, 'timed-out'), query(3, undefined)])).toEqual(drafts);
    expect(run(drafts, [query(3, 5)])[0].severity).toBe('info');
  });
});
