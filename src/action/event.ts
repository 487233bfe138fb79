import { readFile } from 'node:fs/promises';
import { UserError } from '../core/errors.js';

/** What the Action needs from `$GITHUB_EVENT_PATH` on a pull_request (or pull_request_target) event. */
export interface PullRequestEvent {
  owner: string;
  repo: string;
  number: number;
  headSha: string;
  baseSha: string;
  fork: boolean;
}

interface Payload {
  pull_request?: {
    number: number;
    head: { sha: string; repo: { full_name: string } | null };
    base: { sha: string; repo: { full_name: string; name: string; owner: { login: string } } };
  };
}

/** The pull request of the event, or undefined for other events (push, workflow_dispatch). */
export async function readPullRequestEvent(eventPath: string | undefined): Promise<PullRequestEvent | undefined> {
  if (!eventPath) return undefined;
  let payload: Payload;
  try {
    payload = JSON.parse(await readFile(eventPath, 'utf8')) as Payload;
  } catch (error) {
    throw new UserError(`cannot read the event payload at GITHUB_EVENT_PATH=${eventPath}: ${(error as Error).message}`);
  }
  const pr = payload.pull_request;
  if (!pr) return undefined;
  return {
    owner: pr.base.repo.owner.login,
    repo: pr.base.repo.name,
    number: pr.number,
    headSha: pr.head.sha,
    baseSha: pr.base.sha,
    fork: pr.head.repo === null || pr.head.repo.full_name !== pr.base.repo.full_name,
  };
}
