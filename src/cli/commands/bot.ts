import { Command } from 'commander';

interface BotFlags {
  port?: string;
  host?: string;
  webhookPath?: string;
  gheHost?: string;
  logLevel?: string;
}

/** `plumbline bot`: runs the GitHub App's webhook server (probot) until stopped. */
export function botCommand(): Command {
  return new Command('bot')
    .description('run the GitHub App: review every pull request push, write check runs and PR comments')
    .option('--port <port>', 'port to listen on (env PORT, default 3000)')
    .option('--host <host>', 'address to listen on (env HOST, default localhost)')
    .option('--webhook-path <path>', 'path GitHub posts webhooks to (env WEBHOOK_PATH, default /api/github/webhooks)')
    .option('--ghe-host <host>', 'GitHub Enterprise Server host name, e.g. github.example.com (env GHE_HOST)')
    .option('--log-level <level>', 'trace, debug, info, warn, error or fatal (env LOG_LEVEL, default info)')
    .addHelpText('after', `
Environment (required): APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH, WEBHOOK_SECRET.
Environment (optional): PLUMBLINE_DATABASE_URL (staging database for EXPLAIN);
  PLUMBLINE_QUEUE_URL (PostgreSQL for a review queue shared by several bot processes; default: in memory),
  PLUMBLINE_QUEUE_CONCURRENCY (reviews at once per process, default 2),
  PLUMBLINE_QUEUE_JOB_TIMEOUT (seconds before a running review counts as stuck, default 1800).
Health check: GET /health. Set-up steps and running several workers: docs/github-app.md.

Examples:
  $ APP_ID=123 PRIVATE_KEY_PATH=key.pem WEBHOOK_SECRET=… plumbline bot --port 8080
  $ plumbline bot --ghe-host github.example.com`)
    .action(async (flags: BotFlags) => {
      const env: NodeJS.ProcessEnv = { ...process.env };
      if (flags.port) env.PORT = flags.port;
      if (flags.host) env.HOST = flags.host;
      if (flags.webhookPath) env.WEBHOOK_PATH = flags.webhookPath;
      if (flags.gheHost) env.GHE_HOST = flags.gheHost;
      if (flags.logLevel) env.LOG_LEVEL = flags.logLevel as NodeJS.ProcessEnv['LOG_LEVEL'];
      // Loaded here, not at start-up: probot and the queue would cost every other command ~0.2 s of CPU.
      const { startBot } = await import('../../bot/server.js');
      const server = await startBot({ env });
      // Stopping (a deploy, a scale-down): running reviews get 30 s to finish, the rest go back to the queue.
      process.once('SIGTERM', () => {
        server.stop().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      });
    });
}
