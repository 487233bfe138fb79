import { completeCheckRun } from '../github/check-run.js';
import type { GitHubClient } from '../github/client.js';
import type { PullRequestRef } from './pull-request-changes.js';
import { prKey } from './pull-request-payload.js';
import type { ConfigLoader } from './repository-config.js';
import { reviewPullRequest, type ReviewDependencies } from './review-pull-request.js';

/** One queued review, as plain data: what a worker in another process needs to run it. */
export interface ReviewTask {
  /** The App installation whose token the worker writes with. */
  installationId: number;
  deliveryId: string;
  pr: PullRequestRef;
  fork: boolean;
  maintainerRequested: boolean;
  /** Created `in_progress` when the webhook arrived; the task completes it, whatever happens. */
  checkRunId: number;
}

export type ReviewClient = GitHubClient & ConfigLoader;

/**
 * Where reviews wait: in this process's memory (the default) or in PostgreSQL shared by several
 * `plumbline bot` processes (durable-queue.ts).
 */
export interface JobQueue {
  /** True when a crashed worker's job comes back by itself (no check run needs completing as interrupted). */
  readonly durable: boolean;
  /** True the first time this queue sees a delivery id; false for a redelivery. */
  firstDelivery(id: string): boolean;
  /** A check run a job of this queue is still responsible for. */
  isOwnCheckRun(id: number): boolean;
  /** Queues the task; `run` is how this process runs it with the event's client (the in-memory queue uses it). */
  submit(task: ReviewTask, run: () => Promise<void>): Promise<void>;
  /** Records the newest head of a pull request as its events arrive (before any await, so in push order). */
  markHead(key: string, sha: string): void;
  /** False when a newer head of the pull request was queued in this process. */
  isLatestHead(key: string, sha: string): boolean;
  /** Resolves when no job of this process is queued or running (tests, graceful shutdown). */
  idle(): Promise<void>;
  /** A queue shared with other processes takes its jobs through this: `run` is given each task to review. */
  consume?(run: (task: ReviewTask, attempt: number) => Promise<void>): Promise<void>;
}

/**
 * Runs one queued review and never throws: a push superseded by a newer one is completed as such, and
 * a job that fails still completes its check run with the reason.
 */
export async function runReviewTask(task: ReviewTask, client: ReviewClient, deps: ReviewDependencies, queue: JobQueue): Promise<void> {
  const { pr } = task;
  const key = prKey(pr);
  const target = { owner: pr.owner, repo: pr.repo, pullNumber: pr.number, headSha: pr.headSha };
  const complete = (title: string, summary: string) => completeCheckRun(client, target, task.checkRunId, { conclusion: 'neutral', title, summary, annotations: [] });
  const githubHead = async () => (await client.rest.pulls.get({ owner: pr.owner, repo: pr.repo, pull_number: pr.number })).data.head.sha;
  try {
    // Several workers share a durable queue, so only GitHub knows the newest head; in memory, this process does.
    if (!queue.isLatestHead(key, pr.headSha) || (queue.durable && (await githubHead()) !== pr.headSha)) {
      await complete('Superseded by a newer push', `A newer commit was pushed to this pull request before ${pr.headSha.slice(0, 7)} was reviewed; its review is on the newer commit.`);
      return;
    }
    const isCurrent = async () => queue.isLatestHead(key, pr.headSha) && (await githubHead()) === pr.headSha;
    const outcome = await reviewPullRequest({ client, pr, fork: task.fork, maintainerRequested: task.maintainerRequested, checkRunId: task.checkRunId, isCurrent }, deps);
    deps.log.info(`review of ${key} at ${pr.headSha.slice(0, 7)}: ${outcome.kind}${outcome.kind === 'published' ? ` (analysis ${outcome.analysisMs} ms)` : ''}`);
    deps.onOutcome?.(pr, outcome);
  } catch (error) {
    deps.log.error(error, `review of ${key} failed`);
    const message = ((error as Error).message ?? String(error)).split('\n')[0];
    // Never left in progress: the last thing a failed job does is say so on its check run.
    await complete('Plumbline stopped before finishing', `The review stopped: ${message}. Re-run the check to try again.`).catch((e: unknown) =>
      deps.log.error(e, `could not complete check run ${task.checkRunId}`),
    );
  }
}
