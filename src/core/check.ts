import type { Node, Project, SourceFile } from 'ts-morph';
import type { z } from 'zod';
import type { FindingDraft, RelatedLocation, Severity } from './finding.js';
import type { Catalog } from './catalog.js';

/** What a check declares about itself; `plumbline rules`, SARIF and the docs test read it. */
export interface CheckMeta<O, M extends string = string> {
  title: string;
  /** One sentence: what the check finds and why it matters. */
  description: string;
  /** The checklist item (id in checklists/default.yml) this check decides by default. */
  checklistItem: string;
  defaultSeverity: Severity;
  /** Message templates by id; `{{name}}` is replaced with `data.name`. */
  messages: Record<M, string>;
  /** Options schema (zod, strict, with defaults); parsed from `.plumbline.yml` `rules.<id>.options`. */
  options?: z.ZodType<O>;
  /**
   * True when a finding in an unchanged file can point at a changed line (a related location: the
   * loop in a caller reaching the changed query, a caller passing PII to the changed wrapper). Only
   * these checks are given the context files (the changed files' importers) in diff mode; the others
   * see the changed files only, as their findings elsewhere would all be filtered out.
   */
  needsContext?: boolean;
}

export interface RelatedNode {
  node: Node;
  message: string;
}

/** One edit of a fix, by syntax node: the pipeline turns it into a `TextEdit` with positions. */
export type NodeEdit =
  | { replace: Node; text: string }
  /** `includeDoc`: before the node's JSDoc comment too. */
  | { insertBefore: Node; text: string; includeDoc?: boolean }
  | { insertAfter: Node; text: string }
  /** Offsets in the file of `within`, which must contain them: a part of a node (a quoted piece of a template). */
  | { within: Node; start: number; end: number; text: string };

/** A mechanical fix (see `FindingFix`): `safe` only when applying it cannot change behaviour. */
export interface FixInput {
  description: string;
  safe: boolean;
  edits: NodeEdit[];
}

export interface ReportInput<M extends string = string> {
  node: Node;
  /** Ends the highlighted range at this node instead of `node`. */
  endNode?: Node;
  /** One of the check's `meta.messages` ids: a typo is a compile error (defineCheck infers the union). */
  messageId: M;
  data?: Record<string, string | number>;
  severity?: Severity;
  suggestion?: string;
  /** The rewrite as edits, when the fix is mechanical; the message keeps the prose fix. */
  fix?: FixInput;
  related?: Array<RelatedNode | RelatedLocation>;
  fingerprintKey?: string;
}

export interface CheckContext<O = unknown, M extends string = string> {
  project: Project;
  /** The files under review: changed files in diff mode, every loaded file with --all. */
  files: SourceFile[];
  options: O;
  catalog: Catalog;
  /** Absolute repository root; finding paths are relative to it. */
  root: string;
  report(input: ReportInput<M>): void;
  /** For checks whose findings do not come from a ts-morph node (e.g. query plans). */
  reportAt(draft: Omit<FindingDraft, 'ruleId'>): void;
}

/** A finding of this check on the line of a query that EXPLAIN planned on staging. */
export interface PlannedFinding {
  messageId?: string;
  severity?: Severity;
  message: string;
}

/** What EXPLAIN learned about the query on a finding's line. */
export interface QueryPlanFacts {
  /** The planner's row estimate for the statement's result (the largest, when a call sends several). */
  estimatedRows: number;
  /** The query's name in the report (annotation, config or fingerprint). */
  name: string;
}

export interface Check<O = unknown, M extends string = string> {
  /** kebab-case; equals the folder, the docs slug, the SARIF rule id and the config key. */
  id: string;
  meta: CheckMeta<O, M>;
  run(context: CheckContext<O, M>): void | Promise<void>;
  /**
   * Optional: re-grade a finding once EXPLAIN has planned the query on its line (runs after the
   * checks and the query planner). Returns the new severity and message, or undefined to keep it.
   */
  withPlan?(finding: PlannedFinding, plan: QueryPlanFacts, options: O): Pick<PlannedFinding, 'severity' | 'message'> | undefined;
}

/** `M` is inferred from the keys of `meta.messages`, so `report({ messageId })` only takes those ids. */
export function defineCheck<O, const M extends string = string>(check: Check<O, M>): Check<O, M> {
  return check;
}

export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) =>
    key in data ? String(data[key]) : whole,
  );
}
