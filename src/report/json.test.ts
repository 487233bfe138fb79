import { describe, expect, it } from 'vitest';
import { json } from './json.js';
import { finding, reviewResult, sampleResult } from '../../test/support/review-results.js';

describe('json formatter', () => {
  it('follows the DESIGN.md contract, plus notices and explained', () => {
    const result = sampleResult();
    const out = JSON.parse(json(result, { color: false }));
    expect(Object.keys(out)).toEqual(['version', 'findings', 'checklist', 'stats', 'notices', 'explained']);
    expect(out.version).toBe(1);
    expect(out.stats).toEqual(result.stats);
    expect(out.notices).toEqual(result.notices);
    expect(out.checklist[0]).toEqual({ id: 'correct.edge-cases', title: 'Edge cases handled (null, empty, boundary values)?', status: 'manual', findings: 0 });
    for (const item of out.checklist) expect(Object.keys(item)).toEqual(['id', 'title', 'status', 'findings']);
    expect(out.checklist.map((i: { status: string }) => i.status)).toEqual(['manual', 'failed', 'manual', 'failed', 'failed', 'failed', 'manual']);
    // performs.indexes is manual: no query-plan rule ran (no database), so nothing decided it.
  });

  it('writes every finding field of the contract, in a fixed order', () => {
    const [first] = JSON.parse(json(sampleResult(), { color: false })).findings;
    expect(first).toEqual({
      ruleId: 'n-plus-one',
      severity: 'error',
      path: 'src/orders/service.ts',
      line: 12,
      column: 26,
      endLine: 12,
      endColumn: 73,
      message: '`db.order.findMany` runs once per element of `users`: 1 query per user instead of 1 in total.',
      checklistItem: 'performs.n-plus-one',
      fingerprint: 'a1b2c3d4e5f6a7b8c9d0',
      suggestion: 'Load the orders of all users at once: `db.order.findMany({ where: { userId: { in: ids } } })`, then group them by `userId`.',
      related: [
        { path: 'src/orders/service.ts', line: 11, column: 3, message: 'the loop over `users`' },
        { path: 'src/orders/repository.ts', line: 40, message: 'the query it reaches' },
      ],
    });
    expect(Object.keys(first)).toEqual(['ruleId', 'severity', 'path', 'line', 'column', 'endLine', 'endColumn', 'message', 'checklistItem', 'fingerprint', 'suggestion', 'related']);
  });

  it('leaves out undefined optionals instead of writing null', () => {
    const f = finding({ path: 'a.ts', line: 1, suggestion: undefined, related: [] });
    const text = json(reviewResult({ findings: [f] }), { color: false });
    const [out] = JSON.parse(text).findings;
    expect(out).not.toHaveProperty('suggestion');
    expect(out).not.toHaveProperty('related');
    expect(text).not.toContain(': null');
  });

  it('is valid JSON ending in a newline even with no findings', () => {
    const text = json(reviewResult(), { color: false });
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text).findings).toEqual([]);
  });
});
