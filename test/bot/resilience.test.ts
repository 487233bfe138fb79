import { describe, expect, it } from 'vitest';
import { startTestBot, WEBHOOK_SECRET } from './support/bot-harness.js';
import { riskyCall } from './support/risky-call-check.js';
import { useApp } from './support/app-fixture.js';
import { deliver } from './support/webhooks.js';

const app = useApp();

const WITH_FINDINGS = ["import { risky, safe } from './lib';", '', 'export function listOrders(id: string) {', '  risky(id);', '  risky(id + "x");', '  return safe(id);', '}', ''].join('\n');

describe('the GitHub App when deliveries repeat, requests fail or pushes overlap', () => {
  it('a redelivered webhook (same delivery id) does not post twice', async () => {
    const head = app.repo.commit('push', { 'src/orders.ts': WITH_FINDINGS });
    const first = await app.push(7, head, { action: 'opened', id: 'delivery-1' });
    const again = await app.push(7, head, { action: 'opened', id: 'delivery-1' });
    expect(first.status).toBeLessThan(300);
    expect(again.status).toBeLessThan(300);
    expect(app.github.checkRuns).toHaveLength(1);
    expect(app.github.issueComments).toHaveLength(1);
    expect(app.github.reviews).toHaveLength(1);
    expect(app.github.reviewComments).toHaveLength(1);

    // After a restart the in-memory record is gone: the delivery id stored on the check run still knows.
    await app.bot.stop();
    app.bot = await startTestBot(app.github, [riskyCall]);
    await app.push(7, head, { action: 'opened', id: 'delivery-1' });
    expect(app.github.checkRuns).toHaveLength(1);
    expect(app.github.issueComments).toHaveLength(1);
  });

  it('refuses a webhook with a bad signature with 4xx and does no work', async () => {
    const head = app.repo.commit('push', { 'src/orders.ts': WITH_FINDINGS });
    app.github.addPull({ number: 7, headSha: head, baseSha: app.base });
    const payload = { action: 'opened', number: 7, pull_request: app.github.pullPayload(7), repository: app.github.repoPayload(), installation: { id: 4242 } };
    const forged = await deliver(app.bot.webhookUrl, 'pull_request', payload, 'not-the-secret');
    await app.bot.queue.idle();
    expect(forged.status).toBeGreaterThanOrEqual(400);
    expect(forged.status).toBeLessThan(500);
    expect(app.github.requests).toHaveLength(0);
    const unsigned = await fetch(app.bot.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-github-event': 'pull_request', 'x-github-delivery': 'x' }, body: JSON.stringify(payload) });
    expect(unsigned.status).toBeGreaterThanOrEqual(400);
    expect(unsigned.status).toBeLessThan(500);
    expect(app.github.requests).toHaveLength(0);
    // The right secret still works.
    expect((await deliver(app.bot.webhookUrl, 'pull_request', payload, WEBHOOK_SECRET)).status).toBeLessThan(300);
  });

  it('retries a 502 and a rate limit, then succeeds', async () => {
    const head = app.repo.commit('push', { 'src/orders.ts': WITH_FINDINGS });
    app.github.fail('POST', /\/check-runs$/, 502);
    app.github.fail('GET', /\/pulls\/7\/files$/, 502);
    const reset = String(Math.floor(Date.now() / 1000));
    app.github.fail('POST', /\/pulls\/7\/reviews$/, 403, 1, { headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }, body: { message: 'API rate limit exceeded' } });
    await app.push(7, head, { action: 'opened' });
    expect(app.github.requestsTo('POST', /\/check-runs$/)).toHaveLength(2);
    expect(app.github.requestsTo('GET', /\/pulls\/7\/files$/)).toHaveLength(2);
    expect(app.github.requestsTo('POST', /\/pulls\/7\/reviews$/)).toHaveLength(2);
    expect(app.github.checkRuns).toHaveLength(1);
    expect(app.github.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(app.github.reviewComments).toHaveLength(1);
  });

  it('concludes neutral with the reason when GitHub keeps failing a call the review needs', async () => {
    const head = app.repo.commit('push', { 'src/orders.ts': WITH_FINDINGS });
    app.github.fail('GET', /\/tarball\//, 503, 10);
    await app.push(7, head, { action: 'opened' });
    expect(app.github.checkRuns).toHaveLength(1);
    const run = app.github.checkRuns[0];
    expect(run).toMatchObject({ status: 'completed', conclusion: 'neutral' });
    expect(run.output.summary).toContain('could not be downloaded');
    expect(app.github.issueComments).toHaveLength(0);

    // The config read failing is GitHub's fault too, not a broken config.
    app.github.fail('GET', /\/contents\//, 502, 10);
    await app.push(7, head, { action: 'reopened' });
    expect(app.github.checkRuns[1]).toMatchObject({ status: 'completed', conclusion: 'neutral', output: { title: 'Review incomplete: GitHub unavailable' } });
  });

  it('an analysis error completes the check run with a short explanation, never leaves it in progress', async () => {
    const head = app.repo.commit('push', { 'src/orders.ts': `${WITH_FINDINGS}explode();\n` });
    await app.push(7, head, { action: 'opened' });
    const run = app.github.checkRuns[0];
    expect(run).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: 'Plumbline could not analyse this push' } });
    expect(run.output.summary).toContain('The review stopped with an internal error: `check exploded on purpose`');
    expect(run.output.summary).not.toMatch(/at .*\.ts:\d+/);
    expect(app.github.issueComments).toHaveLength(0);
  });

  it('two quick pushes: the older run does not overwrite the newer result', async () => {
    const older = app.repo.commit('older', { 'src/orders.ts': WITH_FINDINGS });
    const newer = app.repo.commit('newer', { 'src/orders.ts': WITH_FINDINGS.replace('risky(id + "x")', 'risky(id + "y")') });
    app.github.addPull({ number: 7, headSha: older, baseSha: app.base });
    const event = () => ({ action: 'synchronize', number: 7, pull_request: app.github.pullPayload(7), repository: app.github.repoPayload(), installation: { id: 4242 } });
    // The older push's source download is slow: the newer push arrives while it is being reviewed.
    app.github.delays.push({ method: 'GET', path: /\/tarball\//, ms: 400, times: 1 });
    const first = deliver(app.bot.webhookUrl, 'pull_request', event(), WEBHOOK_SECRET);
    await new Promise((resolve) => setTimeout(resolve, 150));
    app.github.pulls.get(7)!.headSha = newer;
    await deliver(app.bot.webhookUrl, 'pull_request', event(), WEBHOOK_SECRET);
    await first;
    await app.bot.queue.idle();

    expect(app.github.checkRuns.map((r) => [r.head_sha, r.status])).toEqual([
      [older, 'completed'],
      [newer, 'completed'],
    ]);
    // Superseded mid-review ("A newer push …") or, on a slow machine, before it started ("A newer commit …").
    expect(app.github.checkRuns[0].output.summary).toMatch(/A newer (push to this pull request is being reviewed|commit was pushed)/);
    expect(app.github.issueComments).toHaveLength(1);
    expect(app.github.issueComments[0].body).toContain('risky(id + "y")');
    expect(app.github.reviewComments.map((c) => c.commit_id)).toEqual([newer]);
  });

  it('a check run left in progress by a restart is completed when the commit is reviewed again', async () => {
    const head = app.repo.commit('push', { 'src/orders.ts': WITH_FINDINGS });
    app.github.addPull({ number: 7, headSha: head, baseSha: app.base });
    // What a process that died mid-review leaves behind.
    app.github.checkRuns.push({ id: 1, name: 'Plumbline', head_sha: head, status: 'in_progress', conclusion: null, external_id: 'pr:7;delivery:lost', output: {}, annotations: [], updates: 0 });
    await app.send('check_run', { action: 'rerequested', check_run: { id: 1, name: 'Plumbline', head_sha: head, external_id: 'pr:7;delivery:lost', pull_requests: [{ number: 7 }] } });
    expect(app.github.checkRuns.map((r) => [r.id === 1 ? 'old' : 'new', r.status, r.conclusion])).toEqual([
      ['old', 'completed', 'neutral'],
      ['new', 'completed', 'failure'],
    ]);
    expect(app.github.checkRuns[0].output.title).toBe('Interrupted');
  });
});
