import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TempGitRepo } from '../support/temp-git-repo.js';
import type { GitHubClient } from '../../src/github/client.js';
import { PlumblineOctokit, RATE_LIMIT_RETRIES, writeLimiter } from '../../src/github/octokit.js';
import { FastOctokit } from './support/bot-harness.js';
import { ACTION_TOKEN, FakeGitHub } from './support/fake-github.js';

const SECONDARY = { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' };

let github: FakeGitHub;
beforeEach(async () => {
  const repo = TempGitRepo.create();
  repo.commit('main', { 'README.md': 'x\n' });
  github = await new FakeGitHub('acme', 'shop', repo).start();
});
afterEach(() => github.stop());
afterAll(() => TempGitRepo.removeAll());

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const client = (Octokit = PlumblineOctokit) => new Octokit({ auth: { token: ACTION_TOKEN }, baseUrl: github.url, log: quiet }) as unknown as GitHubClient;
const createRun = (c: GitHubClient) => c.rest.checks.create({ owner: 'acme', repo: 'shop', name: 'Plumbline', head_sha: 'a'.repeat(40) });

describe('GitHub writes', () => {
  it('go one at a time: a burst at once, then spaced by the refill rate', async () => {
    const limiter = writeLimiter({ burst: 3, perSecond: 10 }).key('test');
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: 6 }, () =>
        limiter.schedule(async () => {
          most = Math.max(most, ++running);
          started.push(performance.now() - t0);
          await new Promise((resolve) => setTimeout(resolve, 5));
          running--;
        }),
      ),
    );
    expect(most).toBe(1);
    expect(started[2]).toBeLessThan(80);
    // The fourth waited for the allowance to refill (100 ms a write at 10 a second).
    expect(started[3]).toBeGreaterThanOrEqual(80);
    expect(started[5] - started[3]).toBeGreaterThanOrEqual(150);
  });

  it('a secondary rate limit is retried after the retry-after GitHub sends, not before', async () => {
    github.fail('POST', /\/check-runs$/, 403, 1, { headers: { 'retry-after': '1' }, body: SECONDARY });
    const t0 = performance.now();
    const { data } = await createRun(client());
    expect(data.id).toBeGreaterThan(0);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(1000);
    expect(github.requestsTo('POST', /\/check-runs$/)).toHaveLength(2);
  });

  it('an exhausted quota (429, x-ratelimit-remaining 0) waits until x-ratelimit-reset', async () => {
    const reset = Math.ceil(Date.now() / 1000) + 1;
    github.fail('POST', /\/check-runs$/, 429, 1, { headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) }, body: { message: 'API rate limit exceeded' } });
    const { data } = await createRun(client());
    expect(data.id).toBeGreaterThan(0);
    expect(Date.now()).toBeGreaterThanOrEqual(reset * 1000);
  });

  it(`gives up after ${RATE_LIMIT_RETRIES} retries`, async () => {
    github.fail('POST', /\/check-runs$/, 403, 10, { headers: { 'retry-after': '1' }, body: SECONDARY });
    await expect(createRun(client(FastOctokit))).rejects.toMatchObject({ status: 403 });
    expect(github.requestsTo('POST', /\/check-runs$/)).toHaveLength(RATE_LIMIT_RETRIES + 1);
  });
});
