import { run, type ProbotOctokit, type Server } from 'probot';
import { UserError } from '../core/errors.js';
import { PlumblineOctokit } from '../github/octokit.js';
import { databasePlanner } from './database-planner.js';
import { DEFAULTS, DurableReviewQueue } from './durable-queue.js';
import { plumblineApp, type BotOptions } from './index.js';

export interface StartBotOptions {
  /**
   * APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH, WEBHOOK_SECRET; PORT, HOST, WEBHOOK_PATH, GHE_HOST, GHE_PROTOCOL,
   * LOG_LEVEL, PLUMBLINE_DATABASE_URL; PLUMBLINE_QUEUE_URL, PLUMBLINE_QUEUE_JOB_TIMEOUT, PLUMBLINE_QUEUE_CONCURRENCY.
   */
  env: NodeJS.ProcessEnv;
  app?: BotOptions;
  /** Tests pass an Octokit with short retry delays. */
  Octokit?: typeof ProbotOctokit;
}

/**
 * Starts the App's HTTP server with probot's own runner: webhook signature check (a bad signature is
 * answered 400 before any handler runs), the installation token per event, retry, and GitHub's
 * rate-limit guidance for writes (src/github/octokit.ts). With PLUMBLINE_QUEUE_URL, reviews go through
 * the PostgreSQL queue shared with every other process pointed at it; `stop()` hands back what is unfinished.
 */
export async function startBot(options: StartBotOptions): Promise<Server> {
  const { env } = options;
  const missing = ['APP_ID', 'WEBHOOK_SECRET'].filter((name) => !env[name]);
  if (!env.PRIVATE_KEY && !env.PRIVATE_KEY_PATH) missing.push('PRIVATE_KEY or PRIVATE_KEY_PATH');
  if (missing.length > 0) {
    throw new UserError(`the GitHub App needs ${missing.join(', ')} in the environment`, 'See docs/github-app.md for creating the App and where these values come from.');
  }
  const durable = !options.app?.queue && env.PLUMBLINE_QUEUE_URL ? await startDurableQueue(env) : undefined;
  const app: BotOptions = { queryPlanner: databasePlanner(env.PLUMBLINE_DATABASE_URL), ...options.app, ...(durable ? { queue: durable } : {}) };
  const server = await run(plumblineApp(app), { env, Octokit: options.Octokit ?? PlumblineOctokit });
  if (durable) {
    const stopServer = server.stop.bind(server);
    server.stop = async () => {
      await stopServer();
      await durable.stop();
    };
  }
  return server;
}

async function startDurableQueue(env: NodeJS.ProcessEnv): Promise<DurableReviewQueue> {
  const jobTimeoutSeconds = positiveInteger(env, 'PLUMBLINE_QUEUE_JOB_TIMEOUT', DEFAULTS.jobTimeoutSeconds);
  const concurrency = positiveInteger(env, 'PLUMBLINE_QUEUE_CONCURRENCY', DEFAULTS.concurrency);
  const quiet = env.LOG_LEVEL === 'fatal' || env.LOG_LEVEL === 'silent';
  const log = {
    info: (msg: string) => (quiet || env.LOG_LEVEL === 'warn' || env.LOG_LEVEL === 'error' ? undefined : console.log(`plumbline queue: ${msg}`)),
    error: (error: unknown, msg?: string) => (quiet ? undefined : console.error(`plumbline queue: ${msg ?? 'error'}: ${(error as Error)?.message ?? String(error)}`)),
  };
  try {
    return await DurableReviewQueue.start({ url: env.PLUMBLINE_QUEUE_URL!, jobTimeoutSeconds, concurrency, log });
  } catch (error) {
    throw new UserError(`cannot open the review queue at PLUMBLINE_QUEUE_URL: ${((error as Error).message ?? String(error)).split('\n')[0]}`, 'It must be a PostgreSQL connection string (postgres://user:password@host:5432/database) for a role that may create a schema; see docs/github-app.md.');
  }
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new UserError(`${name}: expected a whole number of at least 1, got "${raw}"`, 'See docs/github-app.md.');
  return value;
}
