import { CHECK_RUN_NAME, completeCheckRun, startCheckRun } from '../github/check-run.js';
import type { GitHubClient, PullRequestTarget } from '../github/client.js';
import { isFork, prKey, pullRequestRef, type PullRequestPayload } from './pull-request-payload.js';
import type { ReviewDependencies } from './review-pull-request.js';
import { runReviewTask, type JobQueue, type ReviewClient, type ReviewTask } from './review-task.js';

export interface ReviewRequest {
  client: ReviewClient;
  /** From the event's `installation.id`; a durable queue's worker authenticates with it. */
  installationId: number;
  deliveryId: string;
  pr: PullRequestPayload;
  maintainerRequested: boolean;
}

/** The check run's external id: the PR (a fork PR's check run is the only way back to it) and the delivery. */
export function externalId(prNumber: number, deliveryId: string): string {
  return `pr:${prNumber};delivery:${deliveryId}`;
}

export function prNumberOf(externalIdValue: string | null | undefined): number | undefined {
  const match = /^pr:(\d+);/.exec(externalIdValue ?? '');
  return match ? Number(match[1]) : undefined;
}

/**
 * Answers the webhook at once: a redelivery is dropped (in memory, and by the delivery id stored on the
 * check run, which survives restarts), the check run is created `in_progress`, and the review is queued.
 * A job that throws still completes its check run.
 */
export async function scheduleReview(request: ReviewRequest, queue: JobQueue, deps: ReviewDependencies): Promise<'queued' | 'redelivery'> {
  const { client, pr, deliveryId } = request;
  const ref = pullRequestRef(pr);
  const target = { owner: ref.owner, repo: ref.repo, pullNumber: ref.number, headSha: ref.headSha };
  if (!queue.firstDelivery(deliveryId)) return redelivery();
  const earlier = await plumblineRuns(client, target);
  if (earlier.some((run) => run.external_id === externalId(ref.number, deliveryId))) return redelivery();
  if (!queue.durable) await completeInterrupted(client, target, earlier, queue);
  queue.markHead(prKey(ref), ref.headSha);
  const checkRunId = await startCheckRun(client, target, externalId(ref.number, deliveryId));
  const task: ReviewTask = { installationId: request.installationId, deliveryId, pr: ref, fork: isFork(pr), maintainerRequested: request.maintainerRequested, checkRunId };
  try {
    await queue.submit(task, () => runReviewTask(task, client, deps, queue));
  } catch (error) {
    const message = ((error as Error).message ?? String(error)).split('\n')[0];
    await completeCheckRun(client, target, checkRunId, { conclusion: 'neutral', title: 'Review not queued', summary: `The review could not be queued: ${message}. Re-run the check to try again.`, annotations: [] });
    throw error;
  }
  return 'queued';

  function redelivery(): 'redelivery' {
    deps.log.info(`delivery ${deliveryId} for ${prKey(ref)} was handled already; ignored`);
    return 'redelivery';
  }
}

interface ExistingRun {
  id: number;
  status: string;
  external_id: string | null;
}

async function plumblineRuns(client: GitHubClient, target: { owner: string; repo: string; headSha: string }): Promise<ExistingRun[]> {
  const runs = await client.rest.checks.listForRef({ owner: target.owner, repo: target.repo, ref: target.headSha, check_name: CHECK_RUN_NAME, filter: 'all', per_page: 100 });
  return runs.data.check_runs;
}

/**
 * With the in-memory queue, a run of ours still `in_progress` on this commit that no job of this process
 * owns was cut off by a restart: complete it now, so no check is left spinning. (A durable queue gives
 * such a job to another worker instead.)
 */
async function completeInterrupted(client: GitHubClient, target: PullRequestTarget, runs: ExistingRun[], queue: JobQueue): Promise<void> {
  for (const run of runs) {
    if (run.status === 'completed' || queue.isOwnCheckRun(run.id)) continue;
    await completeCheckRun(client, target, run.id, {
      conclusion: 'neutral',
      title: 'Interrupted',
      summary: 'This review was interrupted (the App restarted) before it finished; a newer review of this commit follows.',
      annotations: [],
    });
  }
}
