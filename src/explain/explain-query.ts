import type pg from 'pg';
import { classifySql, type Classification } from './classify.js';
import { genericPlan } from './generic-plan.js';
import { paramComparisons } from './param-columns.js';
import { candidatesFromStats, columnStats, parameterSets, parameterTypes, tableWithColumn, type ParameterChoice } from './parameters.js';
import { walkNodes } from './parse-tree.js';
import { findPlanIssues } from './plan-findings/index.js';
import { DEFAULT_THRESHOLDS, type PlanContext, type PlanIssue, type PlanThresholds } from './plan-findings/plan-rule.js';
import { readPlan, type ReadPlan } from './plan-reader.js';
import { describeNode, renderPlanText } from './plan-text.js';
import { DEFAULT_TIMEOUTS, GuardedSession, type Timeouts } from './guarded-session.js';
import { runExplained, type RunOutcome } from './safe-runner.js';
import { serverErrorClass } from './server-errors.js';
import type { FunctionPolicy } from './sql-functions.js';

/** One query through the whole EXPLAIN path: refuse or classify, choose parameters, run safely, read the plan, find issues. */
export interface ExplainOptions {
  /** Which functions a query may call (src/explain/sql-functions.ts). */
  policy: FunctionPolicy;
  /** Explicit values by parameter number (config or annotation); the others are sampled. */
  explicit?: Map<number, ParameterChoice>;
  timeouts?: Timeouts;
  thresholds?: PlanThresholds;
  undersized?: PlanContext['undersized'];
  baseTotalMs?: number;
  disabledRules?: ReadonlySet<string>;
  /** Also show the generic plan of a parameterised query (default true). */
  generic?: boolean;
}

export interface ExplainOutcome {
  status: 'ok' | 'timed-out' | 'refused' | 'error';
  classification: Classification;
  run?: RunOutcome;
  plan?: ReadPlan;
  planText?: string;
  totalMs?: number;
  parameters: ParameterChoice[];
  /** Quick-run time of every parameter set tried (ms; Infinity when it timed out). */
  tried: Array<{ parameters: ParameterChoice[]; ms: number }>;
  issues: PlanIssue[];
  notes: string[];
}

export async function explainQuery(connection: pg.ClientConfig, sql: string, options: ExplainOptions): Promise<ExplainOutcome> {
  const classification = await classifySql(sql, options.policy);
  const empty = { parameters: [], tried: [], issues: [] };
  if (!classification.kind) {
    // Refused from the parse tree: nothing has been sent to any database.
    return { status: 'refused', classification, ...empty, notes: classification.refusals.map((r) => `refused: ${r}`) };
  }
  const timeouts = options.timeouts ?? DEFAULT_TIMEOUTS;
  let session: GuardedSession;
  try {
    session = await GuardedSession.open(connection, timeouts);
  } catch (error) {
    return { status: 'error', classification, ...empty, notes: [`could not connect: ${serverErrorClass(error)}`] };
  }
  try {
    return await explainOnSession(session, sql, classification, { ...options, timeouts });
  } finally {
    await session.close();
  }
}

/** Everything after the parse-tree check, on one guarded session: parameters, generic plan, runs, judgement. */
async function explainOnSession(session: GuardedSession, sql: string, classification: Classification, options: ExplainOptions): Promise<ExplainOutcome> {
  const kind = classification.kind as 'read' | 'write';
  const empty = { parameters: [], tried: [], issues: [] };
  const notes: string[] = [];
  let sets: ParameterChoice[][] = [[]];
  let generic: unknown;
  if (classification.parameterCount > 0) {
    try {
      const candidates = await sampleCandidates(session, sql, classification, options.explicit ?? new Map());
      sets = parameterSets(classification.parameterCount, candidates.byParam, candidates.types);
      if (options.generic !== false) generic = await genericPlan(session, sql, sets[0].map((p) => p.value)).catch(() => undefined);
    } catch (error) {
      return { status: 'error', classification, ...empty, notes: [`parameter lookup failed: ${serverErrorClass(error)}`] };
    }
  }
  // A write is only planned, so there is no time to compare between parameter sets: plan the first.
  if (kind === 'write') sets = sets.slice(0, 1);

  // Several parameter sets: one quick TIMING OFF run each, then the full protocol on the slowest.
  const tried: ExplainOutcome['tried'] = [];
  let worst = sets[0];
  if (sets.length > 1) {
    let worstMs = -1;
    for (const set of sets) {
      const quick = await runExplained(session, { sql, params: set.map((p) => p.value), kind, timing: 'quick' });
      const ms = quick.status === 'timed-out' ? Infinity : (quick.totalMs ?? -1);
      tried.push({ parameters: set, ms });
      if (ms > worstMs) [worst, worstMs] = [set, ms];
      if (ms === Infinity) break;
    }
    notes.push(`ran ${tried.length} parameter sets; reporting the slowest (${worst.map((p, i) => `$${i + 1} = ${p.value ?? 'NULL'}`).join(', ')})`);
  }
  const run = await runExplained(session, { sql, params: worst.map((p) => p.value), kind, timing: 'full' });
  const outcome = judge(classification, run, options);
  if (generic) {
    try {
      const plan = readPlan(generic);
      outcome.notes.push(`generic plan (used by prepared statements after 5 runs): ${describeNode(plan.root)}`);
    } catch {
      // an unreadable generic plan only loses a note
    }
  }
  return { ...outcome, parameters: worst, tried, notes: [...notes, ...outcome.notes] };
}

async function sampleCandidates(session: GuardedSession, sql: string, classification: Classification, explicit: Map<number, ParameterChoice>) {
  const types = await parameterTypes(session, sql);
  const byParam = new Map<number, ParameterChoice[]>();
  for (const [n, choice] of explicit) byParam.set(n, [choice]);
  const tables: string[] = [];
  walkNodes(classification.tree, (type, fields) => type === 'RangeVar' && tables.push(String(fields.relname)));
  for (const comparison of paramComparisons(classification.tree ?? {})) {
    // Arithmetic and pattern operators (`amount + $1`, LIKE) say nothing about which stored value to pick.
    if (explicit.has(comparison.param) || comparison.operator === 'other') continue;
    const table = comparison.table ?? (await tableWithColumn(session, tables, comparison.column));
    if (!table) continue;
    const stats = await columnStats(session, table, comparison.column);
    if (!stats) continue;
    const found = candidatesFromStats(stats, comparison, table);
    byParam.set(comparison.param, [...(byParam.get(comparison.param) ?? []), ...found]);
  }
  return { byParam, types };
}

/** Reads a run's plan and applies the query-plan rules. */
export function judge(classification: Classification, run: RunOutcome, options: Omit<ExplainOptions, 'policy' | 'explicit'>): ExplainOutcome {
  const base = { classification, run, parameters: [], tried: [] };
  if (run.status === 'error') return { status: 'error', ...base, issues: [], notes: [run.message ?? 'failed'] };
  const notes: string[] = [];
  if (classification.kind === 'write') {
    notes.push('a write is planned, not run (plain EXPLAIN): running it would advance sequences and fire triggers even when rolled back');
  }
  const plan = run.plan ? readPlan(run.plan) : undefined;
  if (run.status === 'timed-out') notes.push(`${run.message}; showing the estimated plan (plain EXPLAIN)`);
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  const issues = plan
    ? findPlanIssues({ plan, thresholds, totalMs: run.totalMs, baseTotalMs: options.baseTotalMs, undersized: options.undersized ?? [] }, options.disabledRules)
    : [];
  if (run.status === 'timed-out' && !options.disabledRules?.has('query-plan/slow-query')) {
    issues.unshift({
      ruleId: 'query-plan/slow-query',
      severity: 'error',
      message: `The query ${run.message} (the statement timeout) and was cancelled: it is far over its budget of ${thresholds.budgetMs} ms. The estimated plan is attached; look at its most expensive node.`,
    });
  }
  return { status: run.status, ...base, plan, planText: plan ? renderPlanText(plan) : undefined, totalMs: run.totalMs, issues, notes };
}
