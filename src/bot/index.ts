import type { ApplicationFunction } from 'probot';
import { registry } from '../registry.js';
import { botClient } from './bot-client.js';
import { onCheckRunRerequested } from './handlers/check-run-rerequested.js';
import { onPullRequest, PULL_REQUEST_EVENTS } from './handlers/pull-request.js';
import { onReviewCommand } from './handlers/review-command.js';
import { databasePlanner } from './database-planner.js';
import { healthHandler } from './health.js';
import type { ReviewDependencies } from './review-pull-request.js';
import { ReviewQueue } from './review-queue.js';
import { runReviewTask, type JobQueue } from './review-task.js';

export type BotOptions = Partial<Omit<ReviewDependencies, 'log'>> & { queue?: JobQueue };

/** The Plumbline GitHub App: wires events to handlers; the work is in the handlers and src/github. */
export function plumblineApp(options: BotOptions = {}): ApplicationFunction {
  return async (app, { addHandler }) => {
    const queue: JobQueue = options.queue ?? new ReviewQueue();
    const deps: ReviewDependencies = { registry: options.registry ?? registry, queryPlanner: options.queryPlanner, treeLimits: options.treeLimits, onOutcome: options.onOutcome, log: app.log };
    app.on([...PULL_REQUEST_EVENTS], (context) => onPullRequest(context, queue, deps));
    app.on('check_run.rerequested', (context) => onCheckRunRerequested(context, queue, deps));
    app.on('issue_comment.created', (context) => onReviewCommand(context, queue, deps));
    addHandler(healthHandler);
    // A shared queue's jobs may come from another process's webhook: authenticate as their installation.
    await queue.consume?.(async (task, attempt) => {
      if (attempt > 1) app.log.warn(`review of ${task.pr.owner}/${task.pr.repo}#${task.pr.number}: attempt ${attempt} (a worker stopped before finishing it)`);
      await runReviewTask(task, botClient({ octokit: await app.auth(task.installationId) }), deps, queue);
    });
  };
}

/** For `probot run ./dist/bot/index.js`: the same App, with the operator's staging database if set. */
export default plumblineApp({ queryPlanner: databasePlanner(process.env.PLUMBLINE_DATABASE_URL) });
