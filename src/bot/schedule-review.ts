import { CHECK_RUN_NAME, completeCheckRun, startCheckRun } from '../github/check-run.js';
import type { GitHubClient } from '../github/client.js';
import { isFork, prKey, pullRequestRef, type PullRequestPayload } from './pull-request-payload.js';
import type { ConfigLoader } from './repository-config.js';
import { reviewPullRequest, type ReviewDependencies } from './review-pull-request.js';
import type { ReviewQueue } from './review-queue.js';

export interface ReviewRequest {
  client: GitHubClient & ConfigLoader;
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
 * check run, which survives restarts), the check run is created `in_progress`, and the review is queued
 * behind earlier ones of the same PR. A job that throws still completes its check run.
 */
export async function scheduleReview(request: ReviewRequest, queue: ReviewQueue, deps: ReviewDependencies): Promise<'queued' | 'redelivery'> {
  const { client, pr, deliveryId } = request;
  const ref = pullRequestRef(pr);
  const target = { owner: ref.owner, repo: ref.repo, pullNumber: ref.number, headSha: ref.headSha };
  if (!queue.firstDelivery(deliveryId) || (await deliveredBefore(client, target, externalId(ref.number, deliveryId)))) {
    deps.log.info(`delivery ${deliveryId} for ${prKey(ref)} was handled already; ignored`);
    return 'redelivery';
  }
  const key = prKey(ref);
  queue.markHead(key, ref.headSha);
  const checkRunId = await startCheckRun(client, target, externalId(ref.number, deliveryId));
  const complete = (title: string, summary: string) =>
    completeCheckRun(client, target, checkRunId, { conclusion: 'neutral', title, summary, annotations: [] });

  queue.enqueue(
    key,
    async () => {
      if (!queue.isLatestHead(key, ref.headSha)) {
        await complete('Superseded by a newer push', `A newer commit was pushed to this pull request before ${ref.headSha.slice(0, 7)} was reviewed; its review is on the newer commit.`);
        return;
      }
      const isCurrent = async () => {
        if (!queue.isLatestHead(key, ref.headSha)) return false;
        const { data } = await client.rest.pulls.get({ owner: ref.owner, repo: ref.repo, pull_number: ref.number });
        return data.head.sha === ref.headSha;
      };
      const outcome = await reviewPullRequest({ client, pr: ref, fork: isFork(pr), maintainerRequested: request.maintainerRequested, checkRunId, isCurrent }, deps);
      deps.log.info(`review of ${key} at ${ref.headSha.slice(0, 7)}: ${outcome.kind}`);
    },
    (error) => {
      deps.log.error(error, `review of ${key} failed`);
      const message = ((error as Error).message ?? String(error)).split('\n')[0];
      // Never left in progress: the last thing a failed job does is say so on its check run.
      complete('Plumbline stopped before finishing', `The review stopped: ${message}. Re-run the check to try again.`).catch((e: unknown) =>
        deps.log.error(e, `could not complete check run ${checkRunId}`),
      );
    },
  );
  return 'queued';
}

async function deliveredBefore(client: GitHubClient, target: { owner: string; repo: string; headSha: string }, id: string): Promise<boolean> {
  const runs = await client.rest.checks.listForRef({ owner: target.owner, repo: target.repo, ref: target.headSha, check_name: CHECK_RUN_NAME, filter: 'all', per_page: 100 });
  return runs.data.check_runs.some((run) => run.external_id === id);
}
