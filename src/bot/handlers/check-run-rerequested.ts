import type { Context } from 'probot';
import { CHECK_RUN_NAME } from '../../github/check-run.js';
import { botClient } from '../bot-client.js';
import type { PullRequestPayload } from '../pull-request-payload.js';
import type { ReviewDependencies } from '../review-pull-request.js';
import type { JobQueue } from '../review-task.js';
import { prNumberOf, scheduleReview } from '../schedule-review.js';

/**
 * "Re-run" on the Plumbline check: review the PR's current head again. GitHub leaves fork PRs out of
 * `check_run.pull_requests`, so the PR number stored in the run's external id is the fallback.
 */
export async function onCheckRunRerequested(context: Context<'check_run.rerequested'>, queue: JobQueue, deps: ReviewDependencies): Promise<void> {
  const run = context.payload.check_run;
  if (run.name !== CHECK_RUN_NAME) return;
  const number = run.pull_requests[0]?.number ?? prNumberOf(run.external_id);
  if (number === undefined) {
    context.log.info(`check run ${run.id} belongs to no pull request; nothing to re-run`);
    return;
  }
  const client = botClient(context);
  const { owner, repo } = context.repo();
  const { data } = await client.rest.pulls.get({ owner, repo, pull_number: number });
  if (data.state !== 'open') return;
  await scheduleReview({ client, installationId: context.payload.installation?.id ?? 0, deliveryId: context.id, pr: data as unknown as PullRequestPayload, maintainerRequested: false }, queue, deps);
}
