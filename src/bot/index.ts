import type { ApplicationFunction } from 'probot';
import { checks as builtInChecks } from '../checks/registry.js';
import { onCheckRunRerequested } from './handlers/check-run-rerequested.js';
import { onPullRequest, PULL_REQUEST_EVENTS } from './handlers/pull-request.js';
import { onReviewCommand } from './handlers/review-command.js';
import { databasePlanner } from './database-planner.js';
import { healthHandler } from './health.js';
import type { ReviewDependencies } from './review-pull-request.js';
import { ReviewQueue } from './review-queue.js';

export type BotOptions = Partial<Omit<ReviewDependencies, 'log'>> & { queue?: ReviewQueue };

/** The Plumbline GitHub App: wires events to handlers; the work is in the handlers and src/github. */
export function plumblineApp(options: BotOptions = {}): ApplicationFunction {
  return (app, { addHandler }) => {
    const queue = options.queue ?? new ReviewQueue();
    const deps: ReviewDependencies = { checks: options.checks ?? builtInChecks, queryPlanner: options.queryPlanner, treeLimits: options.treeLimits, onOutcome: options.onOutcome, log: app.log };
    app.on([...PULL_REQUEST_EVENTS], (context) => onPullRequest(context, queue, deps));
    app.on('check_run.rerequested', (context) => onCheckRunRerequested(context, queue, deps));
    app.on('issue_comment.created', (context) => onReviewCommand(context, queue, deps));
    addHandler(healthHandler);
  };
}

/** For `probot run ./dist/bot/index.js`: the same App, with the operator's staging database if set. */
export default plumblineApp({ queryPlanner: databasePlanner(process.env.PLUMBLINE_DATABASE_URL) });
