import { run, type ProbotOctokit, type Server } from 'probot';
import { UserError } from '../core/errors.js';
import { PlumblineOctokit } from '../github/octokit.js';
import { databasePlanner } from './database-planner.js';
import { plumblineApp, type BotOptions } from './index.js';

export interface StartBotOptions {
  /** APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH, WEBHOOK_SECRET; PORT, HOST, WEBHOOK_PATH, GHE_HOST, GHE_PROTOCOL, LOG_LEVEL, PLUMBLINE_DATABASE_URL. */
  env: NodeJS.ProcessEnv;
  app?: BotOptions;
  /** Tests pass an Octokit with short retry delays. */
  Octokit?: typeof ProbotOctokit;
}

/**
 * Starts the App's HTTP server with probot's own runner: webhook signature check (a bad signature is
 * answered 400 before any handler runs), the installation token per event, retry, and GitHub's
 * rate-limit guidance for writes (src/github/octokit.ts).
 */
export async function startBot(options: StartBotOptions): Promise<Server> {
  const { env } = options;
  const missing = ['APP_ID', 'WEBHOOK_SECRET'].filter((name) => !env[name]);
  if (!env.PRIVATE_KEY && !env.PRIVATE_KEY_PATH) missing.push('PRIVATE_KEY or PRIVATE_KEY_PATH');
  if (missing.length > 0) {
    throw new UserError(`the GitHub App needs ${missing.join(', ')} in the environment`, 'See docs/github-app.md for creating the App and where these values come from.');
  }
  const app: BotOptions = { queryPlanner: databasePlanner(env.PLUMBLINE_DATABASE_URL), ...options.app };
  return run(plumblineApp(app), { env, Octokit: options.Octokit ?? PlumblineOctokit });
}
