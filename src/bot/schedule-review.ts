import { CHECK_RUN_NAME, completeCheckRun, startCheckRun } from '../github/check-run.js';
import type { GitHubClient, PullRequestTarget } from '../github/client.js';
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
  if (!queue.firstDelivery(deliveryId)) return redelivery();
  const earlier = await plumblineRuns(client, target);
  if (earlier.some((run) => run.external_id === externalId(ref.number, deliveryId))) return redelivery();
  await completeInterrupted(client, target, earlier, queue);
  const key = prKey(ref);
  queue.markHead(key, ref.headSha);
  const checkRunId = await startCheckRun(client, target, externalId(ref.number, deliveryId));
  queue.ownCheckRun(checkRunId);
  const complete = (title: string, summary: string) =>
    completeCheckRun(client, target, checkRunId, { conclusion: 'neutral', title, summary, annotations: [] });

  queue.enqueue(
    key,
    async () => {
      if (!queue.isLatestHead(key, ref.headSha)) {
        await complete('Superseded by a newer push', `A newer commit was pushed to this pull request before ${ref.headSha.slice(0, 7)} was reviewed; its review is on the newer commit.`);
        queue.releaseCheckRun(checkRunId);
        return;
      }
      const isCurrent = async () => {
        if (!queue.isLatestHead(key, ref.headSha)) return false;
        const { data } = await client.rest.pulls.get({ owner: ref.owner, repo: ref.repo, pull_number: ref.number });
        return data.head.sha === ref.headSha;
      };
      try {
        const outcome = await reviewPullRequest({ client, pr: ref, fork: isFork(pr), maintainerRequested: request.maintainerRequested, checkRunId, isCurrent }, deps);
        deps.log.info(`review of ${key} at ${ref.headSha.slice(0, 7)}: ${outcome.kind}${outcome.kind === 'published' ? ` (analysis ${outcome.analysisMs} ms)` : ''}`);
        deps.onOutcome?.(ref, outcome);
      } finally {
        queue.releaseCheckRun(checkRunId);
      }
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
 * A run of ours still `in_progress` on this commit that no job of this process owns was cut off by a
 * restart: complete it now, so no check is left spinning. (One App process per installation.)
 */
async function completeInterrupted(client: GitHubClient, target: PullRequestTarget, runs: ExistingRun[], queue: ReviewQueue): Promise<void> {
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
