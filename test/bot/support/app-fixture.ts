import { afterAll, afterEach, beforeEach } from 'vitest';
import { TempGitRepo } from '../../support/temp-git-repo.js';
import { INSTALLATION, startTestBot, WEBHOOK_SECRET, type RunningBot } from './bot-harness.js';
import { FakeGitHub, type FakePull } from './fake-github.js';
import { baseRepository, CONFIG } from './fixture-repo.js';
import { riskyCall } from './risky-call-check.js';
import { deliver, type Delivery } from './webhooks.js';

export interface AppFixture {
  github: FakeGitHub;
  bot: RunningBot;
  repo: TempGitRepo;
  base: string;
  /** Opens or updates PR `number` at `headSha` and waits until its review is done. */
  push(number: number, headSha: string, options?: { action?: string; id?: string; pull?: Partial<FakePull> }): Promise<Delivery>;
  /** Delivers any event (installation added) and waits for the queue. */
  send(event: string, payload: object, id?: string): Promise<Delivery>;
}

/** A fresh repository, fake GitHub and running App per test. */
export function useApp(options: { config?: string | undefined } = { config: CONFIG }): AppFixture {
  const fixture = {} as AppFixture;
  beforeEach(async () => {
    const { repo, base } = baseRepository('config' in options ? options.config : CONFIG);
    fixture.repo = repo;
    fixture.base = base;
    fixture.github = await new FakeGitHub('acme', 'shop', repo).start();
    fixture.bot = await startTestBot(fixture.github, [riskyCall]);
    fixture.send = async (event, payload, id) => {
      const delivery = await deliver(fixture.bot.webhookUrl, event, { installation: INSTALLATION, repository: fixture.github.repoPayload(), ...payload }, WEBHOOK_SECRET, id);
      await fixture.bot.queue.idle();
      return delivery;
    };
    fixture.push = async (number, headSha, opts = {}) => {
      const pull = fixture.github.pulls.get(number) ?? fixture.github.addPull({ number, headSha, baseSha: base, ...opts.pull });
      pull.headSha = headSha;
      const action = opts.action ?? 'synchronize';
      return fixture.send('pull_request', { action, number, pull_request: fixture.github.pullPayload(number), sender: { login: 'author', type: 'User' } }, opts.id);
    };
  });
  afterEach(async () => {
    await fixture.bot.stop();
    await fixture.github.stop();
  });
  afterAll(() => TempGitRepo.removeAll());
  return fixture;
}
