import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TempGitRepo } from '../support/temp-git-repo.js';
import { SUMMARY_MARKER } from '../../src/github/markers.js';
import { startTestBot, INSTALLATION, WEBHOOK_SECRET, type RunningBot } from './support/bot-harness.js';
import { FakeGitHub } from './support/fake-github.js';
import { BASE_ORDERS, baseRepository } from './support/fixture-repo.js';
import { riskyCall } from './support/risky-call-check.js';
import { deliver } from './support/webhooks.js';

let github: FakeGitHub;
let bot: RunningBot;
let repo: TempGitRepo;
let base: string;

beforeEach(async () => {
  ({ repo, base } = baseRepository());
  github = await new FakeGitHub('acme', 'shop', repo).start();
  bot = await startTestBot(github, [riskyCall]);
});
afterEach(async () => {
  await bot.stop();
  await github.stop();
});
afterAll(() => TempGitRepo.removeAll());

function pullRequestEvent(action: string, number: number) {
  return { action, number, pull_request: github.pullPayload(number), repository: github.repoPayload(), installation: INSTALLATION, sender: { login: 'author', type: 'User' } };
}

async function push(number: number, headSha: string, action = 'synchronize', id?: string) {
  const pull = github.pulls.get(number) ?? github.addPull({ number, headSha, baseSha: base });
  pull.headSha = headSha;
  const delivery = await deliver(bot.webhookUrl, 'pull_request', pullRequestEvent(action, number), WEBHOOK_SECRET, id);
  await bot.queue.idle();
  return delivery;
}

const FIRST_PUSH = [
  "import { risky, shaky, safe } from './lib';", // 1
  '', // 2
  'export function listOrders(id: string) {', // 3
  '  risky(id);', // 4: old, unchanged: no comment
  '  risky(id + "-new");', // 5: new, blocking
  '  shaky(id);', // 6: new, optional
  '  return safe(id);', // 7
  '}', // 8
  '',
].join('\n');

describe('the GitHub App on a pull request', () => {
  it('first push: check run in progress at once, then completed with annotations; one summary comment; inline comments only on changed lines', async () => {
    const head = repo.commit('first push', { 'src/orders.ts': FIRST_PUSH });
    const delivery = await push(7, head, 'opened');
    expect(delivery.status).toBeLessThan(300);

    const creates = github.requestsTo('POST', /\/check-runs$/);
    expect(creates).toHaveLength(1);
    expect(creates[0].body).toMatchObject({ name: 'Plumbline', head_sha: head, status: 'in_progress' });
    expect(github.checkRuns).toHaveLength(1);
    const run = github.checkRuns[0];
    expect(run).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(run.annotations.map((a) => [a.path, a.start_line, a.annotation_level])).toEqual([
      ['src/orders.ts', 5, 'failure'],
      ['src/orders.ts', 6, 'warning'],
    ]);
    expect(run.output.summary).toContain('Team checklist');

    expect(github.issueComments).toHaveLength(1);
    const summary = github.issueComments[0].body;
    expect(summary.startsWith(SUMMARY_MARKER)).toBe(true);
    expect(summary).toContain('- [ ] ❌ No risky calls? — 2 findings');
    expect(summary).toContain('- [ ] User input validated at the boundary?');
    expect(summary).toContain('`src/orders.ts:5`');

    expect(github.reviews).toHaveLength(1);
    const inline = github.reviewComments.map((c) => [c.path, c.line, c.body.split('\n')[0]]);
    expect(inline).toEqual([
      ['src/orders.ts', 5, expect.stringMatching(/^🚫 \*\*Error:\*\* `risky\(id \+ "-new"\)`/)],
      ['src/orders.ts', 6, expect.stringMatching(/^⚠️ \*\*Warning:\*\*/)],
    ]);
    expect(github.reviewComments[0].body).toContain('**Fix:** call `safe()` with a parameter instead');
    expect(github.reviewComments[0].body).toMatch(/<!-- plumbline:finding [0-9a-f]+ -->/);
    // Every call carried the installation token probot obtained with the App's JWT.
    expect(github.requestsTo('POST', /access_tokens$/).length).toBeGreaterThan(0);
  });

  it('second push: summary edited not duplicated, only new findings commented, fixed threads resolved, moved findings kept', async () => {
    const first = repo.commit('first push', { 'src/orders.ts': FIRST_PUSH });
    await push(7, first, 'opened');
    const second = repo.commit('second push', {
      'src/orders.ts': [
        "import { risky, shaky, safe } from './lib';",
        '',
        '// a comment above moves every line down by one',
        'export function listOrders(id: string) {',
        '  risky(id);',
        '  shaky(id);', // 6: same finding as before (line 6 → 6 by chance? no: it was 6, now 6) kept
        '  shaky(id + "again");', // 7: new
        '  return safe(id);',
        '}',
        '',
      ].join('\n'),
    });
    await push(7, second);

    expect(github.issueComments).toHaveLength(1);
    expect(github.requestsTo('PATCH', /\/issues\/comments\/\d+$/)).toHaveLength(1);
    expect(github.checkRuns.map((r) => [r.head_sha, r.conclusion])).toEqual([
      [first, 'failure'],
      [second, 'success'],
    ]);
    // The blocking risky(id + "-new") is gone: its thread is resolved. shaky(id) moved: not posted again.
    const bodies = github.reviewComments.map((c) => [c.line, c.body.split('\n')[0].slice(0, 40), c.resolved]);
    expect(bodies).toEqual([
      [5, expect.stringContaining('🚫'), true],
      [6, expect.stringContaining('⚠️'), false],
      [7, expect.stringContaining('⚠️'), false],
    ]);
    expect(github.reviews).toHaveLength(2);
    expect(github.issueComments[0].body).toContain('- [ ] ❌ No risky calls? — 2 findings');
    expect(github.issueComments[0].body).toContain('1 review thread resolved');
    expect(github.requestsTo('POST', /^\/graphql$/).filter((r) => JSON.stringify(r.body).includes('resolveReviewThread'))).toHaveLength(1);
  });

  it('never comments on lines the pull request did not change', async () => {
    const head = repo.commit('unrelated change', { 'src/lib.ts': `${'// header\n'}export function risky(_: string) {}\nexport function shaky(_: string) {}\nexport function safe(_: string) { return 1; }\nexport function explode() {}\n` });
    await push(8, head, 'opened');
    expect(BASE_ORDERS).toContain('risky(id)');
    expect(github.reviewComments).toHaveLength(0);
    expect(github.checkRuns[0]).toMatchObject({ conclusion: 'success' });
  });

  it('a changed file with a syntax error: the item is "not checked" and the check run fails (allowUnchecked: true lets it pass)', async () => {
    const head = repo.commit('broken file', { 'src/broken.ts': 'export function (' });
    await push(9, head, 'opened');
    expect(github.checkRuns[0]).toMatchObject({ conclusion: 'failure', output: { title: 'Not checked: No risky calls?' } });
    expect(github.issueComments[0].body).toMatch(/- \[ \] ⚠️ No risky calls\? — \*\*not checked\*\*: src\/broken\.ts: syntax error at line 1/);

    repo.git('checkout', '-q', 'main');
    const allowing = repo.commit('allow unchecked', { '.github/plumbline.yml': 'failOn: error\nallowUnchecked: true\nchecklist: .github/team-checklist.yml\n' });
    github.addPull({ number: 10, headSha: repo.commit('broken again', { 'src/broken2.ts': 'export function (' }), baseSha: allowing });
    await push(10, github.pulls.get(10)!.headSha, 'opened');
    expect(github.checkRuns[1]).toMatchObject({ conclusion: 'success' });
  });
});
