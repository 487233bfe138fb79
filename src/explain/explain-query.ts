import type pg from 'pg';
import { classifySql, type Classification } from './classify.js';
import { findPlanIssues } from './plan-findings/index.js';
import { DEFAULT_THRESHOLDS, type PlanContext, type PlanIssue, type PlanThresholds } from './plan-findings/plan-rule.js';
import { readPlan, type ReadPlan } from './plan-reader.js';
import { renderPlanText } from './plan-text.js';
import { DEFAULT_TIMEOUTS, runExplained, type RunOutcome, type Timeouts } from './safe-runner.js';
import type { SideEffectFunction } from './side-effect-functions.js';

/** One query through the whole EXPLAIN path: refuse or classify, run safely, read the plan, find issues. */
export interface ExplainOptions {
  sideEffects: SideEffectFunction[];
  params?: Array<string | null>;
  timeouts?: Timeouts;
  thresholds?: PlanThresholds;
  undersized?: PlanContext['undersized'];
  baseTotalMs?: number;
  disabledRules?: ReadonlySet<string>;
}

export interface ExplainOutcome {
  status: 'ok' | 'timed-out' | 'refused' | 'error';
  classification: Classification;
  run?: RunOutcome;
  plan?: ReadPlan;
  planText?: string;
  totalMs?: number;
  issues: PlanIssue[];
  notes: string[];
}

export async function explainQuery(connection: pg.ClientConfig, sql: string, options: ExplainOptions): Promise<ExplainOutcome> {
  const classification = await classifySql(sql, options.sideEffects);
  if (!classification.kind) {
    // Refused from the parse tree: nothing has been sent to any database.
    return { status: 'refused', classification, issues: [], notes: classification.refusals.map((r) => `refused: ${r}`) };
  }
  const params = options.params ?? new Array<string | null>(classification.parameterCount).fill(null);
  const run = await runExplained(connection, { sql, params, kind: classification.kind, timing: 'full' }, options.timeouts ?? DEFAULT_TIMEOUTS);
  return judge(classification, run, options);
}

/** Reads a run's plan and applies the query-plan rules. */
export function judge(classification: Classification, run: RunOutcome, options: Omit<ExplainOptions, 'sideEffects' | 'params'>): ExplainOutcome {
  const notes: string[] = [];
  if (run.status === 'error') return { status: 'error', classification, run, issues: [], notes: [run.message ?? 'failed'] };
  if (classification.kind === 'write') notes.push('ran inside BEGIN … ROLLBACK: no change was kept');
  const plan = run.plan ? readPlan(run.plan) : undefined;
  if (run.status === 'timed-out') notes.push(`${run.message}; showing the estimated plan (plain EXPLAIN)`);
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  const issues = plan
    ? findPlanIssues({ plan, thresholds, totalMs: run.totalMs, baseTotalMs: options.baseTotalMs, undersized: options.undersized ?? [] }, options.disabledRules)
    : [];
  if (run.status === 'timed-out') {
    issues.unshift({
      ruleId: 'query-plan/slow-query',
      severity: 'error',
      message: `The query ${run.message} (the statement timeout) and was cancelled: it is far over its budget of ${thresholds.budgetMs} ms. The estimated plan is attached; look at its most expensive node.`,
    });
  }
  return { status: run.status, classification, run, plan, planText: plan ? renderPlanText(plan) : undefined, totalMs: run.totalMs, issues, notes };
}
