import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unstructuredLog } from '../../src/checks/unstructured-log/index.js';
import { magicNumber } from '../../src/checks/magic-number/index.js';
import { TempGitRepo } from '../support/temp-git-repo.js';
import { startTestBot, INSTALLATION, WEBHOOK_SECRET, type RunningBot } from './support/bot-harness.js';
import { FakeGitHub } from './support/fake-github.js';
import { baseRepository } from './support/fixture-repo.js';
import { deliver } from './support/webhooks.js';

let github: FakeGitHub;
let bot: RunningBot;
let repo: TempGitRepo;
let base: string;

beforeEach(async () => {
  // The default checklist decides both rules.
  ({ repo, base } = baseRepository(''));
  github = await new FakeGitHub('acme', 'shop', repo).start();
  bot = await startTestBot(github, [unstructuredLog, magicNumber]);
});
afterEach(async () => {
  await bot.stop();
  await github.stop();
});
afterAll(() => TempGitRepo.removeAll());

const SHIPPING = [
  "import pino from 'pino';", // 1
  'const logger = pino({ mixin: () => ({}) });', // 2
  '', // 3
  'export function ship(order: { id: string }, userId: string) {', // 4
  '  logger.info(`order ${order.id} shipped for ${userId}`);', // 5: fix inside the line: a suggestion
  '  setTimeout(() => logger.flush(), 5000);', // 6: fix declares a constant at the top: no suggestion
  '}', // 7
  '',
].join('\n');

describe('the GitHub App posts a fix as a ```suggestion block', () => {
  it('on the commented line when every edit of the fix is on it, and not when the fix edits another line', async () => {
    const head = repo.commit('ship', { 'src/shipping.ts': SHIPPING });
    github.addPull({ number: 3, headSha: head, baseSha: base });
    const event = { action: 'opened', number: 3, pull_request: github.pullPayload(3), repository: github.repoPayload(), installation: INSTALLATION, sender: { login: 'author', type: 'User' } };
    await deliver(bot.webhookUrl, 'pull_request', event, WEBHOOK_SECRET);
    await bot.queue.idle();

    const comments = github.reviewComments.map((c) => ({ line: c.line, rule: /`([a-z-]+)` · checklist/.exec(c.body)?.[1], body: c.body }));
    expect(comments.map((c) => [c.line, c.rule])).toEqual([[5, 'unstructured-log'], [6, 'magic-number']]);
    expect(comments[0].body).toContain("\n\n```suggestion\n  logger.info({ orderId: order.id, userId }, 'order shipped for');\n```\n");
    expect(comments[1].body).not.toContain('```suggestion');
  });
});
