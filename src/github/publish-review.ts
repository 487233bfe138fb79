import type { ChangedFile } from '../core/changes/change-set.js';
import type { ReviewResult } from '../core/review-result.js';
import { markdown } from '../report/markdown.js';
import { plural } from '../report/severity-style.js';
import { annotationFor, CHECK_OUTPUT_LIMIT, completeCheckRun } from './check-run.js';
import type { GitHubClient, PullRequestTarget } from './client.js';
import { verdictFor, type FailOn, type Verdict } from './conclusion.js';
import { planInlineComments, postedFingerprints, postInlineComments } from './inline-comments.js';
import { resolveFixedThreads } from './review-threads.js';
import { upsertStickyComment } from './sticky-comment.js';

export interface PublishOptions {
  target: PullRequestTarget;
  checkRunId: number;
  result: ReviewResult;
  /** The PR's changed files: inline comments go only on their changed lines. */
  files: ChangedFile[];
  failOn: FailOn;
  /** Pass the gate when a checklist item could not be checked (config `allowUnchecked`). */
  allowUnchecked?: boolean;
  maxInlineComments: number;
  /** Parts of the review that did not run, with the reason: the check concludes neutral. */
  unavailable?: string[];
  /** Extra lines for the summary (config changes in the PR, fork notice). */
  notices?: string[];
  /** False once a newer push to the PR started its own review: the older run then leaves the PR alone. */
  isCurrent?: () => Promise<boolean>;
}

export interface PublishReport {
  verdict: Verdict;
  superseded: boolean;
  inlinePosted: number;
  fileLevelPosted: number;
  overflow: number;
  threadsResolved: number;
  sticky?: 'created' | 'updated';
}

/**
 * Writes one review to GitHub the way a careful reviewer would: new inline comments only (by
 * fingerprint), fixed threads resolved, one summary comment edited in place, then the check run
 * completed with its conclusion and annotations. The check run goes last so that a GitHub failure in
 * between is reported by the caller as the run's conclusion instead of a green check.
 */
export async function publishReview(client: GitHubClient, options: PublishOptions): Promise<PublishReport> {
  const { target, result } = options;
  const notices = [...(options.notices ?? [])];
  const verdict = verdictFor(result, options.failOn, options.unavailable ?? [], options.allowUnchecked ?? false);
  const report: PublishReport = { verdict, superseded: false, inlinePosted: 0, fileLevelPosted: 0, overflow: 0, threadsResolved: 0 };
  for (const reason of options.unavailable ?? []) notices.push(`Not reviewed: ${reason}`);
  const isCurrent = options.isCurrent ?? (async () => true);

  if (await isCurrent()) {
    const plan = planInlineComments(result.findings, options.files, await postedFingerprints(client, target), options.maxInlineComments);
    const posted = await postInlineComments(client, target, plan.post, options.files, result.frames);
    report.inlinePosted = posted.inline.length;
    report.fileLevelPosted = posted.fileLevel.length;
    report.overflow = plan.overflow.length;
    report.threadsResolved = await resolveFixedThreads(client, target, new Set(result.findings.map((f) => f.fingerprint)));
    if (plan.overflow.length > 0) {
      notices.push(`${plural(plan.overflow.length, 'more new finding')} not posted inline: at most ${options.maxInlineComments} inline comments per push (github.maxInlineComments). All findings are listed here.`);
    }
    if (posted.summaryOnly.length > 0) notices.push(`${plural(posted.summaryOnly.length, 'finding')} could not be placed on ${posted.summaryOnly.length === 1 ? 'its line' : 'their lines'} (GitHub refused the position); listed here.`);
    if (report.threadsResolved > 0) notices.push(`${plural(report.threadsResolved, 'review thread')} resolved: the finding is gone in this push.`);
    // Checked again just before the edit: a newer run may have finished while this one posted.
    if (await isCurrent()) {
      report.sticky = (await upsertStickyComment(client, target, markdown(withNotices(result, notices)))).action;
    } else {
      report.superseded = true;
    }
  } else {
    report.superseded = true;
  }
  if (report.superseded) notices.push(`A newer push to this pull request is being reviewed; this result is for ${target.headSha.slice(0, 7)} only.`);

  await completeCheckRun(client, target, options.checkRunId, {
    conclusion: verdict.conclusion,
    title: verdict.title,
    summary: markdown(withNotices(result, notices), { maxLength: CHECK_OUTPUT_LIMIT }),
    annotations: result.findings.map(annotationFor),
  });
  return report;
}

function withNotices(result: ReviewResult, notices: string[]): ReviewResult {
  return notices.length === 0 ? result : { ...result, notices: [...notices, ...result.notices] };
}
