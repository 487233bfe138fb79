import type { Finding, Severity } from './finding.js';

/** What every front end gets back from `review()`; formatters are pure functions of it. */
export type ChecklistStatus = 'passed' | 'failed' | 'unchecked' | 'manual';

/** A part of the change the rules could not run on: the items those rules decide are "not checked". */
export interface UncheckedPart {
  /** Repository-relative path; undefined when the part is not one file (e.g. a query). */
  path?: string;
  /** Why, e.g. "syntax error at line 3 (';' expected)". */
  reason: string;
  /** Rule ids or `prefix/*` patterns that could not run on it; undefined: every rule that ran. */
  rules?: string[];
}

export interface ChecklistItemResult {
  id: string;
  title: string;
  sectionId: string;
  sectionTitle: string;
  status: ChecklistStatus;
  /** Number of findings that fail this item. */
  findings: number;
  /** Rule ids that decide the item (empty for manual items). */
  rules: string[];
  /** For `unchecked`: what the rules could not run on, and why ("src/a.ts: syntax error at line 3"). */
  reasons?: string[];
}

/** One changed query run through EXPLAIN (filled only when a database is configured). */
export interface ExplainedQuery {
  path: string;
  line: number;
  /** Name from config/annotation, else a short fingerprint. */
  name: string;
  sql: string;
  status: 'ok' | 'timed-out' | 'refused' | 'error' | 'skipped';
  /** Why it was refused/skipped/failed, or notes such as the realism gate. */
  notes: string[];
  parameters: Array<{ name: string; value: string; source: string }>;
  /** Median total execution time (ms) of the worst parameter set; undefined when not executed. */
  totalMs?: number;
  /** The planner's estimate of the rows the statement returns (root node's "Plan Rows"); undefined when not planned. */
  estimatedRows?: number;
  /** Human-readable plan (text format), hot path marked with "▶". */
  planText?: string;
}

export interface ReviewStats {
  filesChanged: number;
  filesReviewed: number;
  findings: number;
  bySeverity: Record<Severity, number>;
  suppressed: number;
  baselined: number;
  durationMs: number;
  /** Context files loaded because they import a changed file (diff mode). */
  contextFiles: number;
  /** Milliseconds per pipeline phase: where the time of `durationMs` went. */
  phases: PhaseTimes;
}

/** Milliseconds spent in each phase of one review (docs: README "JSON output"). */
export interface PhaseTimes {
  /** Reading the change: git diff, the diff file or the pull request (measured by the front end). */
  changes?: number;
  /** Finding the files that import the changed ones. */
  dependents: number;
  /** Building the TypeScript projects (parsing the files and what they import). */
  projectLoad: number;
  /** Each check, by rule id (including the type checker work it asks for). */
  checks: Record<string, number>;
  /** EXPLAIN of the changed queries (0 when no planner runs). */
  explain: number;
  /** Filter, suppressions, baseline, fingerprints, checklist and code frames. */
  report: number;
}

/** Rule metadata for reporters (SARIF rules, `plumbline rules`, docs links). */
export interface RuleInfo {
  id: string;
  title: string;
  description: string;
  checklistItem: string;
  defaultSeverity: Severity;
  /** Link to the rule's docs (docs.md in the repository). */
  helpUri: string;
}

/** Source lines around a finding, so formatters stay pure functions of the result. */
export interface CodeFrame {
  /** Line number of lines[0]. */
  startLine: number;
  lines: string[];
}

export interface ReviewResult {
  version: 1;
  /** Sorted by path, line, column. */
  findings: Finding[];
  checklist: ChecklistItemResult[];
  checklistTitle: string;
  /** Where the change came from, e.g. "origin/main...HEAD + uncommitted changes". */
  source: string;
  /** Things the user should know that are not findings: skipped files, syntax errors, the base used. */
  notices: string[];
  explained: ExplainedQuery[];
  /** Metadata of every rule that ran (and of query-plan rules when EXPLAIN ran). */
  rules: RuleInfo[];
  /** Code frames by finding fingerprint. */
  frames: Record<string, CodeFrame>;
  /** sha256 of the analysed text of each file with a fixable finding (`digestOf`): `--fix` skips a file that changed since. */
  sourceDigests?: Record<string, string>;
  stats: ReviewStats;
}
