import { isLineChanged, type ChangedFile } from '../core/changes/change-set.js';
import { SEVERITY_RANK, type Finding } from '../core/finding.js';
import type { CodeFrame } from '../core/review-result.js';
import { suggestionBlock } from '../report/suggestion.js';
import { httpStatus, type GitHubClient, type PullRequestTarget } from './client.js';
import { fileCommentBody, inlineCommentBody } from './comment-body.js';
import { fingerprintIn } from './markers.js';

export interface InlinePlan {
  /** New findings on changed lines, most severe first, within the cap. */
  post: Finding[];
  /** New findings on changed lines beyond the cap: counted in the summary. */
  overflow: Finding[];
  /** Findings whose line the PR did not change (a related location did): summary only. */
  notInDiff: Finding[];
  /** Findings that already have a comment from an earlier push. */
  alreadyPosted: number;
}

/** Which findings get a new inline comment on this push. Pure: the caller fetched what is already there. */
export function planInlineComments(findings: Finding[], files: ChangedFile[], posted: ReadonlySet<string>, cap: number): InlinePlan {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const candidates: Finding[] = [];
  const notInDiff: Finding[] = [];
  let alreadyPosted = 0;
  for (const f of findings) {
    const file = byPath.get(f.path);
    if (!file || !isLineChanged(file, f.line)) notInDiff.push(f);
    else if (posted.has(f.fingerprint)) alreadyPosted++;
    else candidates.push(f);
  }
  // Blocking findings first, so the cap never hides an error behind a warning.
  const ranked = candidates.map((f, i) => ({ f, i })).sort((a, b) => SEVERITY_RANK[b.f.severity] - SEVERITY_RANK[a.f.severity] || a.i - b.i);
  return {
    post: ranked.slice(0, cap).map((r) => r.f),
    overflow: ranked.slice(cap).map((r) => r.f),
    notInDiff,
    alreadyPosted,
  };
}

/** Fingerprints of the inline comments this bot already posted on the PR (any commit, any thread). */
export async function postedFingerprints(client: GitHubClient, target: PullRequestTarget): Promise<Set<string>> {
  const comments = await client.paginate(client.rest.pulls.listReviewComments, {
    owner: target.owner,
    repo: target.repo,
    pull_number: target.pullNumber,
    per_page: 100,
  });
  const found = new Set<string>();
  for (const c of comments) {
    const fingerprint = c.user?.type === 'Bot' ? fingerprintIn(c.body) : undefined;
    if (fingerprint) found.add(fingerprint);
  }
  return found;
}

export interface PostedInline {
  inline: Finding[];
  /** Posted as file-level comments because GitHub refused the line (422). */
  fileLevel: Finding[];
  /** Refused both ways: listed in the summary, never lost. */
  summaryOnly: Finding[];
}

/**
 * Posts the comments as one review (one notification). GitHub refuses the whole review with 422 when
 * any line is outside its diff hunks; then each comment goes alone, and a refused one becomes a
 * file-level comment on its file, or, if that is refused too, stays in the summary.
 */
export async function postInlineComments(client: GitHubClient, target: PullRequestTarget, findings: Finding[], files: ChangedFile[], frames: Record<string, CodeFrame> = {}): Promise<PostedInline> {
  const result: PostedInline = { inline: [], fileLevel: [], summaryOnly: [] };
  if (findings.length === 0) return result;
  const byPath = new Map(files.map((f) => [f.path, f]));
  const repo = { owner: target.owner, repo: target.repo, pull_number: target.pullNumber };
  try {
    await client.rest.pulls.createReview({
      ...repo,
      commit_id: target.headSha,
      event: 'COMMENT',
      comments: findings.map((f) => ({ path: f.path, ...inlineComment(f, byPath.get(f.path), frames[f.fingerprint]) })),
    });
    result.inline.push(...findings);
    return result;
  } catch (error) {
    if (httpStatus(error) !== 422) throw error;
  }
  for (const f of findings) {
    try {
      await client.rest.pulls.createReviewComment({ ...repo, commit_id: target.headSha, path: f.path, ...inlineComment(f, byPath.get(f.path), frames[f.fingerprint]) });
      result.inline.push(f);
      continue;
    } catch (error) {
      if (httpStatus(error) !== 422) throw error;
    }
    try {
      await client.rest.pulls.createReviewComment({ ...repo, commit_id: target.headSha, path: f.path, body: fileCommentBody(f), subject_type: 'file' });
      result.fileLevel.push(f);
    } catch (error) {
      if (httpStatus(error) !== 422) throw error;
      result.summaryOnly.push(f);
    }
  }
  return result;
}

/** The comment's lines and its body, with a ```suggestion block when the fix fits in those lines. */
function inlineComment(f: Finding, file: ChangedFile | undefined, frame: CodeFrame | undefined) {
  const at = position(f, file);
  return { body: inlineCommentBody(f, suggestionBlock(f, frame, at.start_line ?? at.line, at.line)), ...at };
}

/** Multi-line (start_line..line) only when the whole range changed; GitHub needs both ends in one hunk. */
function position(f: Finding, file: ChangedFile | undefined): { line: number; side: 'RIGHT'; start_line?: number; start_side?: 'RIGHT' } {
  const end = Math.min(f.endLine, f.line + 9);
  const wholeRangeChanged = file !== undefined && end > f.line && Array.from({ length: end - f.line + 1 }, (_, i) => f.line + i).every((l) => isLineChanged(file, l));
  return wholeRangeChanged ? { start_line: f.line, start_side: 'RIGHT', line: end, side: 'RIGHT' } : { line: f.line, side: 'RIGHT' };
}
