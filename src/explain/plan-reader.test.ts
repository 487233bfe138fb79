import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findPlanIssues } from './plan-findings/index.js';
import { DEFAULT_THRESHOLDS } from './plan-findings/plan-rule.js';
import { hotPath, readPlan, type ReadPlan } from './plan-reader.js';
import { renderPlanText } from './plan-text.js';

// Recorded EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) plans: pg15/pg17 captured from real servers on the shop
// schema, the others written to the shape each version emits (13: no "Async Capable"; 17: "Serialization",
// planning "Memory"; 18: fractional "Actual Rows", "Index Searches", "Disabled", JIT "Generation" object).
const load = (name: string): ReadPlan => readPlan(JSON.parse(readFileSync(new URL(`../../test/explain/fixtures/plans/${name}.json`, import.meta.url), 'utf8')));
const issuesOf = (plan: ReadPlan) => findPlanIssues({ plan, thresholds: DEFAULT_THRESHOLDS, totalMs: plan.executionMs, undersized: [] });
const ids = (plan: ReadPlan) => issuesOf(plan).map((i) => i.ruleId).sort();

describe('readPlan', () => {
  it.each(['pg13-seq-scan', 'pg14-nested-loop', 'pg15-incident', 'pg16-hash-spill', 'pg17-incident', 'pg18-fractional-rows'])(
    '%s: exclusive times add up to the root time',
    (name) => {
      const plan = load(name);
      expect(plan.analyzed).toBe(true);
      const sum = plan.nodes.reduce((s, n) => s + (n.exclusiveMs ?? 0), 0);
      expect(sum).toBeCloseTo(plan.root.inclusiveMs ?? 0, 0);
      for (const n of plan.nodes) expect(n.exclusiveMs).toBeGreaterThanOrEqual(0);
    },
  );

  it('divides time under Gather Merge by the processes that shared it (pg15)', () => {
    const plan = load('pg15-incident');
    const sort = plan.nodes.find((n) => n.nodeType === 'Sort')!;
    expect(sort.parallelism).toBe(2); // 1 worker launched + the leader
    expect(sort.loops).toBe(2);
    expect(sort.inclusiveMs).toBeCloseTo(194.544, 2); // 194.544 ms per loop × 2 loops / 2 processes
    expect(sort.exclusiveMs).toBeCloseTo(194.544 - 169.359, 2);
  });

  it('keeps fractional rows per loop on 18 and multiplies them out', () => {
    const plan = load('pg18-fractional-rows');
    const inner = plan.nodes.find((n) => n.relation === 'order_items')!;
    expect(inner.actualRows).toBe(0.5);
    expect(inner.actualRowsTotal).toBe(5000);
    expect(inner.inclusiveMs).toBeCloseTo(50, 5);
    expect(plan.jit).toEqual({ functions: 6, totalMs: 30.1 });
  });

  it('reads a plan without ANALYZE (estimates only)', () => {
    const plan = readPlan([{ Plan: { 'Node Type': 'Seq Scan', 'Relation Name': 't', 'Plan Rows': 10, 'Total Cost': 1 } }]);
    expect(plan.analyzed).toBe(false);
    expect(plan.timed).toBe(false);
    expect(issuesOf(plan)).toEqual([]);
  });

  it('rejects what is not an EXPLAIN JSON document', () => {
    expect(() => readPlan({ foo: 1 })).toThrow(/no "Plan" key/);
  });
});

describe('query-plan rules on recorded plans', () => {
  it('pg13: a sequential scan keeping 0.03 % of the table names the filter columns', () => {
    const [issue] = issuesOf(load('pg13-seq-scan'));
    expect(issue.ruleId).toBe('query-plan/seq-scan-filter');
    expect(issue.message).toMatch(/reads 300,000 rows to keep 104/);
    expect(issue.suggestion).toBe('CREATE INDEX ON orders (total_cents, status);');
  });

  it('pg14: the inner side of a nested loop running 24,000 times, and the deepest misestimate', () => {
    expect(ids(load('pg14-nested-loop'))).toEqual(['query-plan/nested-loop-inner', 'query-plan/row-misestimate']);
    const misestimate = issuesOf(load('pg14-nested-loop')).find((i) => i.ruleId === 'query-plan/row-misestimate')!;
    expect(misestimate.node?.relation).toBe('users');
  });

  it.each(['pg15-incident', 'pg17-incident'])('%s: the incident — ORDER BY … LIMIT sorting every joined row', (name) => {
    const plan = load(name);
    const issue = issuesOf(plan).find((i) => i.ruleId === 'query-plan/sort-for-limit')!;
    expect(issue.message).toMatch(/`ORDER BY o\.created_at DESC` sorts [\d,]+ rows \(top-N heapsort\) to return 50/);
    expect(issue.suggestion).toBe('CREATE INDEX ON orders (created_at);');
    expect(issue.severity).toBe('error');
  });

  it('pg16: a hash spilling into 8 batches, a 92 % discarding scan, a 50× misestimate, over budget', () => {
    expect(ids(load('pg16-hash-spill'))).toEqual(['query-plan/disk-spill', 'query-plan/row-misestimate', 'query-plan/seq-scan-filter', 'query-plan/slow-query']);
  });

  it('pg18: JIT taking a third of the time and a 10,000-times inner side', () => {
    expect(ids(load('pg18-fractional-rows'))).toEqual(['query-plan/jit-overhead', 'query-plan/nested-loop-inner']);
  });

  it('the realism gate: a table under 10 % of its profile makes the result not representative', () => {
    const plan = load('pg15-incident');
    const undersized = [{ table: 'orders', rows: 500, expected: 2_400_000 }, { table: 'payments', rows: 1, expected: 100 }];
    const issues = findPlanIssues({ plan, thresholds: DEFAULT_THRESHOLDS, undersized });
    const gate = issues.find((i) => i.ruleId === 'query-plan/unrepresentative-data');
    // payments is not read by this query: only orders is named
    expect(gate?.message).toMatch(/^Not representative: `orders` has 500 of 2,400,000 rows\. Plans change with table size/);
  });

  it('stays silent under the thresholds', () => {
    const plan = load('pg14-nested-loop');
    const quiet = findPlanIssues({ plan, thresholds: { ...DEFAULT_THRESHOLDS, nestedLoopMinLoops: 30_000, misestimateFactor: 1000 }, undersized: [] });
    expect(quiet).toEqual([]);
  });
});

describe('renderPlanText', () => {
  it('marks the hot path from the root to the node that spends the most time itself', () => {
    const plan = load('pg16-hash-spill');
    // The join itself spends 370 ms (900 − 250 − 280): the root is the hot node.
    expect([...hotPath(plan)].map((id) => plan.nodes[id].nodeType)).toEqual(['Hash Join']);
    const incident = load('pg14-nested-loop');
    expect([...hotPath(incident)].map((id) => incident.nodes[id].relation ?? incident.nodes[id].nodeType)).toEqual(['orders', 'Nested Loop']);
    const text = renderPlanText(plan);
    expect(text.split('\n')[0]).toMatch(/^▶ Hash Inner Join/);
    expect(text).toContain('Buckets/Batches: 8 batches');
    expect(text).toContain('Execution Time: 910 ms');
  });
});

describe('plan rules that summarise a query', () => {
  it('reports every spilling node of a query in one disk-spill finding, the slowest first', () => {
    const plan = load('pg16-hash-spill');
    const spill = issuesOf(plan).filter((i) => i.ruleId === 'query-plan/disk-spill');
    expect(spill).toHaveLength(1);
    expect(spill[0].message).toMatch(/^(A node spills|\d+ nodes spill) to disk \(/);
    expect(spill[0].node).toBeDefined();
  });

  it('makes a query ten times over its budget blocking, and one just over it a warning', () => {
    const plan = load('pg13-seq-scan');
    const slow = (totalMs: number) => findPlanIssues({ plan, thresholds: { ...DEFAULT_THRESHOLDS, budgetMs: 100 }, totalMs, undersized: [] }).find((i) => i.ruleId === 'query-plan/slow-query');
    expect(slow(150)?.severity).toBeUndefined();
    expect(slow(1_000)?.severity).toBe('error');
    expect(slow(90)).toBeUndefined();
  });
});
