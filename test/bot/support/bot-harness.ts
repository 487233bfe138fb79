import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:net';
import Bottleneck from 'bottleneck';
import type { ProbotOctokit, Server } from 'probot';
import { PlumblineOctokit } from '../../../src/github/octokit.js';
import type { Check } from '../../../src/core/check.js';
import { ReviewQueue } from '../../../src/bot/review-queue.js';
import { startBot } from '../../../src/bot/server.js';
import type { BotOptions } from '../../../src/bot/index.js';
import type { FakeGitHub } from './fake-github.js';
import { ruleRegistry } from '../../../src/registry.js';

export const WEBHOOK_SECRET = 'test-webhook-secret';
export const INSTALLATION = { id: 4242 };

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });

/**
 * The App's Octokit with GitHub's pacing and back-off scaled down to milliseconds: the retry and
 * throttling plugins still run (a 502 is retried, a rate limit waits for its reset), only faster.
 */
export const FastOctokit = PlumblineOctokit.defaults((options: { throttle?: object }) => ({
  ...options,
  retry: { retryAfterBaseValue: 1 },
  throttle: {
    ...options.throttle,
    retryAfterBaseValue: 1,
    fallbackSecondaryRateRetryAfter: 0.01,
    write: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }),
    notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }),
  },
})) as typeof ProbotOctokit;

export interface RunningBot {
  url: string;
  webhookUrl: string;
  queue: ReviewQueue;
  server: Server;
  stop(): Promise<void>;
}

/** The App on a free port against the fake GitHub; `Octokit` defaults to the fast one (benchmarks pass the real one). */
export async function startTestBot(github: FakeGitHub, checks: Check<unknown>[], extraEnv: Record<string, string> = {}, Octokit: typeof ProbotOctokit = FastOctokit, app: BotOptions = {}): Promise<RunningBot> {
  const port = await freePort();
  const queue = new ReviewQueue();
  const host = new URL(github.url).host;
  const server = await startBot({
    env: {
      APP_ID: '123',
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET,
      // The fake serves GitHub Enterprise Server's paths (/api/v3, /api/graphql): the App's GHE set-up.
      GHE_HOST: host,
      GHE_PROTOCOL: 'http',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: (process.env.BOT_LOG_LEVEL ?? 'fatal') as 'fatal',
      ...extraEnv,
    },
    app: { registry: ruleRegistry(checks), queue, ...app },
    Octokit,
  });
  const url = `http://127.0.0.1:${port}`;
  return { url, webhookUrl: `${url}/api/github/webhooks`, queue, server, stop: () => server.stop() };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
