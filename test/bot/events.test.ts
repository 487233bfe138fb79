import { describe, expect, it } from 'vitest';
import { startTestBot } from './support/bot-harness.js';
import { useApp } from './support/app-fixture.js';
import { riskyCall } from './support/risky-call-check.js';

const app = useApp();

const WITH_FINDING = ["import { risky, safe } from './lib';", '', 'export function listOrders(id: string) {', '  risky(id);', '  risky(id + "x");', '  return safe(id);', '}', ''].join('\n');

function commentEvent(login: string, body: string, number = 7) {
  return {
    action: 'created',
    issue: { number, pull_request: { url: 'x' } },
    comment: { id: 1, body, user: { login, type: 'User' }, author_association: 'CONTRIBUTOR' },
    sender: { login, type: 'User' },
  };
}

describe('the GitHub App on other events', () => {
  it('serves a health endpoint', async () => {
    const response = await fetch(`${app.bot.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
  });

  it('waits for a draft to be marked ready for review', async () => {
    const head = app.repo.commit('push', { 'src/orders.ts': WITH_FINDING });
    await app.push(7, head, { action: 'opened', pull: { draft: true } });
    expect(app.github.checkRuns).toHaveLength(0);
    app.github.pulls.get(7)!.draft = false;
    await app.push(7, head, { action: 'ready_for_review' });
    expect(app.github.checkRuns).toHaveLength(1);
  });

  it('reviews again on "Re-run" of its check run', async () => {
    const head = app.repo.commit('push', { 'src/orders.ts': WITH_FINDING });
    await app.push(7, head, { action: 'opened' });
    const run = app.github.checkRuns[0];
    await app.send('check_run', { action: 'rerequested', check_run: { id: run.id, name: 'Plumbline', head_sha: head, external_id: run.external_id, pull_requests: [] } });
    expect(app.github.checkRuns.map((r) => r.status)).toEqual(['completed', 'completed']);
    expect(app.github.issueComments).toHaveLength(1);
    expect(app.github.reviewComments).toHaveLength(1);
  });

  it('honours `/plumbline review` only from users with write access', async () => {
    const head = app.repo.commit('push', { 'src/orders.ts': WITH_FINDING });
    app.github.addPull({ number: 7, headSha: head, baseSha: app.base });
    app.github.permissions.set('maintainer', 'write');
    app.github.permissions.set('visitor', 'read');
    await app.send('issue_comment', commentEvent('visitor', '/plumbline review'));
    expect(app.github.checkRuns).toHaveLength(0);
    await app.send('issue_comment', commentEvent('maintainer', 'looks good, thanks'));
    expect(app.github.checkRuns).toHaveLength(0);
    await app.send('issue_comment', commentEvent('maintainer', '/plumbline review'));
    expect(app.github.checkRuns).toHaveLength(1);
    expect(app.github.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
  });

  it('fork PRs get the static review, and no database until a maintainer asks', async () => {
    const config = ['explain:', '  enabled: true', ''].join('\n');
    app.repo.git('checkout', '-q', 'main');
    const base = app.repo.commit('enable explain', { '.github/plumbline.yml': config });
    app.repo.git('checkout', '-q', '-B', 'feature');
    const head = app.repo.commit('fork push', { 'src/orders.ts': WITH_FINDING });
    await app.push(9, head, { action: 'opened', pull: { baseSha: base, headRepo: 'outsider/shop' } });
    const run = app.github.checkRuns[0];
    expect(run).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(app.github.reviewComments).toHaveLength(1);
    expect(app.github.issueComments[0].body).toContain('Pull request from a fork: static review only');

    // The maintainer asks: the database may be used; this App has none configured, so the review says so (neutral when nothing else fails).
    app.github.permissions.set('maintainer', 'admin');
    await app.send('issue_comment', commentEvent('maintainer', '/plumbline review', 9));
    expect(app.github.checkRuns).toHaveLength(2);
    expect(app.github.checkRuns[1].output.summary).toContain('the staging database is not configured for the App');
  });

  it('reads the config from the base branch, and says what the PR would change', async () => {
    const head = app.repo.commit('weaken the gate', {
      'src/orders.ts': WITH_FINDING,
      '.github/plumbline.yml': ['failOn: never', 'checklist: .github/team-checklist.yml', 'github:', '  maxInlineComments: 25', ''].join('\n'),
    });
    await app.push(7, head, { action: 'opened' });
    expect(app.github.checkRuns[0]).toMatchObject({ conclusion: 'failure' });
    expect(app.github.issueComments[0].body).toContain('This pull request changes `.github/plumbline.yml`; the review uses the base branch');
    expect(app.github.issueComments[0].body).toContain('`failOn`: `"error"` → `"never"`');
    const configReads = app.github.requestsTo('GET', /\/contents\/\.github%2Fplumbline\.yml$|\/contents\/\.github\/plumbline\.yml$/);
    expect(configReads.map((r) => r.query.get('ref'))).toEqual(['main']);
  });

  it('a PR cannot hide its findings by adding them to the baseline', async () => {
    const probe = app.repo.commit('push', { 'src/orders.ts': WITH_FINDING });
    await app.push(7, probe, { action: 'opened' });
    const fingerprint = /plumbline:finding ([0-9a-f]+)/.exec(app.github.reviewComments[0].body)![1];
    const head = app.repo.commit('baseline it', {
      '.plumbline-baseline.json': JSON.stringify({ version: 1, createdAt: 'x', findings: [{ fingerprint, ruleId: 'risky-call', path: 'src/orders.ts' }] }),
    });
    await app.push(7, head);
    expect(app.github.checkRuns[1]).toMatchObject({ conclusion: 'failure' });
    expect(app.github.issueComments[0].body).toContain("This pull request changes `.plumbline-baseline.json`; the review uses the base branch's version of it.");
  });

  it('concludes neutral with the reason when the staging database is unavailable', async () => {
    await app.bot.stop();
    // Nothing listens on port 1: the App's configured staging database is down.
    app.bot = await startTestBot(app.github, [riskyCall], { PLUMBLINE_DATABASE_URL: 'postgres://plumbline@127.0.0.1:1/staging' });
    const head = app.repo.commit('a report query', { 'queries/report.sql': 'SELECT id, total FROM orders WHERE customer_id = 42 ORDER BY created_at DESC;\n' });
    await app.push(7, head, { action: 'opened' });
    const run = app.github.checkRuns[0];
    expect(run).toMatchObject({ status: 'completed', conclusion: 'neutral' });
    expect(run.output.title).toMatch(/^Incomplete review: the staging database could not be used/);
    expect(app.github.issueComments[0].body).toContain('Not reviewed: the staging database could not be used');
  });

  it("follows probot's `_extends` to the organisation's settings, and falls back to .plumbline.yml", async () => {
    app.repo.git('checkout', '-q', 'main');
    const base = app.repo.commit('org settings', { '.github/plumbline.yml': '_extends: .github\nchecklist: .github/team-checklist.yml\n' });
    app.repo.git('checkout', '-q', '-B', 'feature');
    app.github.otherRepoFiles.set('acme/.github:.github/plumbline.yml', 'failOn: warning\ngithub:\n  maxInlineComments: 0\n');
    const head = app.repo.commit('an optional finding only', { 'src/orders.ts': "import { shaky } from './lib';\nshaky('x');\n" });
    await app.push(7, head, { action: 'opened', pull: { baseSha: base } });
    // The organisation's failOn: warning fails on a warning; its cap of 0 posts nothing inline.
    expect(app.github.checkRuns[0]).toMatchObject({ conclusion: 'failure' });
    expect(app.github.reviewComments).toHaveLength(0);
    expect(app.github.issueComments[0].body).toContain('1 more new finding not posted inline');

    app.repo.git('checkout', '-q', 'main');
    app.repo.remove('.github/plumbline.yml');
    const rootConfig = app.repo.commit('config at the root', { '.plumbline.yml': 'failOn: never\n' });
    app.github.pulls.get(7)!.baseSha = rootConfig;
    app.github.pulls.get(7)!.baseRef = 'main';
    app.github.otherRepoFiles.clear();
    await app.push(7, head);
    expect(app.github.checkRuns[1]).toMatchObject({ conclusion: 'success' });
  });
});
