import type { Finding } from '../core/finding.js';
import { problemAndFix } from '../report/finding-fix.js';
import type { GitHubClient, PullRequestTarget } from './client.js';

export const CHECK_RUN_NAME = 'Plumbline';
/** GitHub takes at most 50 annotations per create/update request; more need further updates. */
export const ANNOTATIONS_PER_REQUEST = 50;
/** Check-run `output.summary` and `output.text` are limited to 65,535 characters each. */
export const CHECK_OUTPUT_LIMIT = 65_535;

export type CheckConclusion = 'success' | 'failure' | 'neutral';

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  message: string;
  title: string;
  raw_details?: string;
}

export interface CheckRunOutcome {
  conclusion: CheckConclusion;
  title: string;
  /** Markdown; cut to the check-run limit by the caller's formatter. */
  summary: string;
  annotations: CheckAnnotation[];
}

/** Created `in_progress` the moment the event arrives, so the PR shows the review is under way. */
export async function startCheckRun(client: GitHubClient, target: PullRequestTarget, externalId: string): Promise<number> {
  const { data } = await client.rest.checks.create({
    owner: target.owner,
    repo: target.repo,
    name: CHECK_RUN_NAME,
    head_sha: target.headSha,
    status: 'in_progress',
    external_id: externalId,
    started_at: new Date().toISOString(),
    output: { title: 'Reviewing…', summary: 'Plumbline is reviewing this push against the checklist.' },
  });
  return data.id;
}

/**
 * Completes the run. Annotations beyond the first 50 go in further updates, which GitHub appends;
 * the last request carries the conclusion so the run is never seen completed with half its annotations.
 */
export async function completeCheckRun(client: GitHubClient, target: PullRequestTarget, checkRunId: number, outcome: CheckRunOutcome): Promise<void> {
  const batches: CheckAnnotation[][] = [];
  for (let i = 0; i < outcome.annotations.length; i += ANNOTATIONS_PER_REQUEST) batches.push(outcome.annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
  if (batches.length === 0) batches.push([]);
  const output = { title: outcome.title, summary: cut(outcome.summary, CHECK_OUTPUT_LIMIT) };
  for (const [i, annotations] of batches.entries()) {
    const last = i === batches.length - 1;
    await client.rest.checks.update({
      owner: target.owner,
      repo: target.repo,
      check_run_id: checkRunId,
      output: { ...output, ...(annotations.length > 0 ? { annotations } : {}) },
      ...(last ? { status: 'completed' as const, conclusion: outcome.conclusion, completed_at: new Date().toISOString() } : {}),
    });
  }
}

/** One annotation per finding; columns only on one-line ranges, where GitHub uses them. */
export function annotationFor(f: Finding): CheckAnnotation {
  const level = f.severity === 'error' ? 'failure' : f.severity === 'warning' ? 'warning' : 'notice';
  const related = (f.related ?? []).map((r) => `↳ ${r.path}:${r.line} ${r.message}`);
  const { problem, fix } = problemAndFix(f);
  const details = [fix && `Fix: ${fix}`, ...related].filter(Boolean).join('\n');
  return {
    path: f.path,
    start_line: f.line,
    end_line: Math.max(f.line, f.endLine),
    ...(f.endLine === f.line ? { start_column: f.column, end_column: Math.max(f.column, f.endColumn) } : {}),
    annotation_level: level,
    message: cut(problem, 64_000),
    title: cut(`${f.ruleId} (${f.checklistItem || 'no checklist item'})`, 255),
    ...(details ? { raw_details: cut(details, 64_000) } : {}),
  };
}

function cut(text: string, limit: number): string {
  const chars = Array.from(text);
  return chars.length <= limit ? text : `${chars.slice(0, limit - 1).join('')}…`;
}
