import type { SourceFile } from 'ts-morph';
import type { Catalog } from './catalog.js';
import type { ChangeSet } from './changes/change-set.js';
import type { FindingDraft } from './finding.js';
import type { ExplainedQuery, RuleInfo } from './review-result.js';

/**
 * The EXPLAIN stage of the pipeline. Core does not know how plans are obtained; the CLI (or the App)
 * passes an implementation from src/explain when a database is configured or --explain is given.
 */
export interface QueryPlannerInput {
  /** Source files under review (each may belong to a different ts-morph project: `sf.getProject()`). */
  files: SourceFile[];
  changes: ChangeSet;
  root: string;
  catalog: Catalog;
  /** The `explain` section of the validated config (shape owned by src/core/config/explain-section.ts). */
  config: unknown;
  /** True with --all: every query in the reviewed files, not only those on changed lines. */
  all: boolean;
}

export interface QueryPlannerOutput {
  /** ruleId must start with "query-plan/". */
  findings: FindingDraft[];
  explained: ExplainedQuery[];
  notices: string[];
  rules: RuleInfo[];
}

export type QueryPlanner = (input: QueryPlannerInput) => Promise<QueryPlannerOutput>;
