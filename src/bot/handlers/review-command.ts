import type { Context } from 'probot';
import { botClient } from '../bot-client.js';
import type { PullRequestPayload } from '../pull-request-payload.js';
import type { ReviewDependencies } from '../review-pull-request.js';
import type { JobQueue } from '../review-task.js';
import { scheduleReview } from '../schedule-review.js';

const COMMAND = /^\/plumbline\s+review\s*$/m;
const WRITE_PERMISSIONS = new Set(['admin', 'maintain', 'write']);

/**
 * `/plumbline review` in a PR comment, from someone who can write to the repository: review again,
 * and on a fork PR also run what uses the database (the maintainer has looked at the code).
 */
export async function onReviewCommand(context: Context<'issue_comment.created'>, queue: JobQueue, deps: ReviewDependencies): Promise<void> {
  const { comment, issue } = context.payload;
  if (!issue.pull_request || !COMMAND.test(comment.body ?? '') || comment.user?.type === 'Bot') return;
  const client = botClient(context);
  const { owner, repo } = context.repo();
  const login = comment.user?.login ?? '';
  const { data: permission } = await client.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: login });
  // `permission` folds maintain into write; `role_name` names it exactly.
  if (!WRITE_PERMISSIONS.has(permission.permission) && !WRITE_PERMISSIONS.has(permission.role_name ?? '')) {
    context.log.info(`/plumbline review from ${login} ignored: ${permission.permission} access, write needed`);
    return;
  }
  const { data } = await client.rest.pulls.get({ owner, repo, pull_number: issue.number });
  if (data.state !== 'open') return;
  await scheduleReview({ client, installationId: context.payload.installation?.id ?? 0, deliveryId: context.id, pr: data as unknown as PullRequestPayload, maintainerRequested: true }, queue, deps);
}
