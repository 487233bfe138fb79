import type { Severity } from '../../core/finding.js';
import type { PlanNode, ReadPlan } from '../plan-reader.js';

/** Thresholds of the query-plan rules; each is configurable under `explain.thresholds` in .plumbline.yml. */
export interface PlanThresholds {
  /** seq-scan-filter: rows a sequential scan must read before it is worth an index. */
  seqScanMinRows: number;
  /** seq-scan-filter: report when the filter keeps at most this fraction of the rows read. */
  seqScanMaxKeptFraction: number;
  /** sort-for-limit: rows a sort must read to feed a LIMIT before it is reported. */
  sortMinRows: number;
  /** row-misestimate: estimate and actual differ by this factor or more… */
  misestimateFactor: number;
  /** …and the larger of them is at least this many rows. */
  misestimateMinRows: number;
  /** nested-loop-inner: times the inner side runs. */
  nestedLoopMinLoops: number;
  /** slow-query: total execution time budget (ms); per-query override in `explain.queries`. */
  budgetMs: number;
  /** jit-overhead: JIT time (ms) that is reported… */
  jitMinMs: number;
  /** …when it is at least this fraction of the execution time. */
  jitMinFraction: number;
  /** regression: head slower than base by this factor… */
  regressionFactor: number;
  /** …and by at least this many ms. */
  regressionMinMs: number;
  /** unrepresentative-data: a table under this fraction of its profile/production rows makes results not representative. */
  realismMinFraction: number;
}

export const DEFAULT_THRESHOLDS: PlanThresholds = {
  seqScanMinRows: 10_000,
  seqScanMaxKeptFraction: 0.1,
  sortMinRows: 10_000,
  misestimateFactor: 10,
  misestimateMinRows: 1_000,
  nestedLoopMinLoops: 1_000,
  budgetMs: 100,
  jitMinMs: 10,
  jitMinFraction: 0.2,
  regressionFactor: 2,
  regressionMinMs: 10,
  realismMinFraction: 0.1,
};

export interface PlanContext {
  plan: ReadPlan;
  thresholds: PlanThresholds;
  /** Median total of the TIMING OFF runs (ms), when the query ran. */
  totalMs?: number;
  /** Median total of the same query on the base commit, when it existed there. */
  baseTotalMs?: number;
  /** Tables whose row count is far below their profile/production size, with both counts. */
  undersized: Array<{ table: string; rows: number; expected: number }>;
}

export interface PlanIssue {
  ruleId: string;
  message: string;
  suggestion?: string;
  severity?: Severity;
  /** The node the issue is about, for the plan excerpt. */
  node?: PlanNode;
}

/** One query-plan rule: what it reports, its threshold (in PlanThresholds) and when it stays silent. */
export interface PlanRule {
  id: `query-plan/${string}`;
  title: string;
  description: string;
  defaultSeverity: Severity;
  /** The stated silence condition, shown in docs and `plumbline rules`. */
  silentWhen: string;
  check(context: PlanContext): PlanIssue[];
}

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function formatMs(ms: number): string {
  return ms >= 100 ? `${Math.round(ms)} ms` : `${ms.toFixed(ms < 1 ? 2 : 1)} ms`;
}
