import type { PullRequestRef } from './pull-request-changes.js';

/** The fields of a pull request (webhook payload or `pulls.get`) the bot reads. */
export interface PullRequestPayload {
  number: number;
  state?: string;
  draft?: boolean;
  head: { sha: string; repo: { full_name: string } | null };
  base: { sha: string; ref: string; repo: { full_name: string; name: string; owner: { login: string } } };
}

export function pullRequestRef(pr: PullRequestPayload): PullRequestRef {
  return { owner: pr.base.repo.owner.login, repo: pr.base.repo.name, number: pr.number, headSha: pr.head.sha, baseSha: pr.base.sha, baseRef: pr.base.ref };
}

/** A fork's code must not reach secrets or the database until a maintainer asks (a deleted fork has no repo). */
export function isFork(pr: PullRequestPayload): boolean {
  return pr.head.repo === null || pr.head.repo.full_name !== pr.base.repo.full_name;
}

export function prKey(ref: { owner: string; repo: string; number: number }): string {
  return `${ref.owner}/${ref.repo}#${ref.number}`;
}
