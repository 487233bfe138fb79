import type { Context } from 'probot';
import { botClient } from '../bot-client.js';
import type { PullRequestPayload } from '../pull-request-payload.js';
import type { ReviewDependencies } from '../review-pull-request.js';
import type { JobQueue } from '../review-task.js';
import { scheduleReview } from '../schedule-review.js';

export const PULL_REQUEST_EVENTS = ['pull_request.opened', 'pull_request.synchronize', 'pull_request.reopened', 'pull_request.ready_for_review'] as const;

/** A push to a PR (or the PR opened, reopened, or marked ready): review it. Drafts wait until they are ready. */
export async function onPullRequest(context: Context<(typeof PULL_REQUEST_EVENTS)[number]>, queue: JobQueue, deps: ReviewDependencies): Promise<void> {
  const pr = context.payload.pull_request as unknown as PullRequestPayload;
  if (pr.draft) {
    context.log.info(`#${pr.number} is a draft; reviewed when it is marked ready`);
    return;
  }
  await scheduleReview({ client: botClient(context), installationId: context.payload.installation?.id ?? 0, deliveryId: context.id, pr, maintainerRequested: false }, queue, deps);
}
