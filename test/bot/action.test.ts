import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAction } from '../../src/action/run-action.js';
import { TempGitRepo } from '../support/temp-git-repo.js';
import { SUMMARY_MARKER } from '../../src/github/markers.js';
import { ruleRegistry } from '../../src/registry.js';
import { FastOctokit } from './support/bot-harness.js';
import { ACTION_TOKEN, FakeGitHub } from './support/fake-github.js';
import { riskyCall } from './support/risky-call-check.js';

const ORDERS = ["import { risky, safe } from './lib';", '', 'export function listOrders(id: string) {', '  risky(id);', '  return safe(id);', '}', ''].join('\n');
const CHANGED = ORDERS.replace('  return safe(id);', '  risky(id + "new");\n  return safe(id);');
const LIB = 'export function risky(_: string) {}\nexport function safe(_: string) { return 1; }\n';

let repo: TempGitRepo;
let github: FakeGitHub;
let base: string;
let dir: string;

beforeEach(async () => {
  repo = TempGitRepo.create();
  base = repo.commit('main', { 'src/lib.ts': LIB, 'src/orders.ts': ORDERS, '.plumbline.yml': 'failOn: error\n' });
  repo.git('checkout', '-q', '-b', 'feature');
  github = await new FakeGitHub('acme', 'shop', repo).start();
  dir = mkdtempSync(path.join(tmpdir(), 'plumbline-action-'));
});
afterEach(() => github.stop());
afterAll(() => TempGitRepo.removeAll());

/** The environment GitHub Actions gives a step on a pull_request event. */
function actionEnv(head: string, inputs: Record<string, string>): NodeJS.ProcessEnv {
  github.addPull({ number: 12, headSha: head, baseSha: base });
  const eventPath = path.join(dir, 'event.json');
  writeFileSync(eventPath, JSON.stringify({ action: 'synchronize', number: 12, pull_request: github.pullPayload(12), repository: github.repoPayload() }));
  writeFileSync(path.join(dir, 'summary.md'), '');
  writeFileSync(path.join(dir, 'output.txt'), '');
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_WORKSPACE: repo.root,
    GITHUB_STEP_SUMMARY: path.join(dir, 'summary.md'),
    GITHUB_OUTPUT: path.join(dir, 'output.txt'),
    GITHUB_API_URL: github.url,
    GITHUB_RUN_ID: '77',
    ...inputs,
  };
}

function run(env: NodeJS.ProcessEnv): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  return runAction(env, { registry: ruleRegistry([riskyCall]), Octokit: FastOctokit, write: (line) => lines.push(line) }).then((code) => ({ code, lines }));
}

describe('the GitHub Action', () => {
  it('with a token: the same check run, sticky comment and inline comments as the App; job summary, SARIF, outputs; fails the job per fail-on', async () => {
    const head = repo.commit('change', { 'src/orders.ts': CHANGED });
    const { code, lines } = await run(actionEnv(head, { INPUT_GITHUB_TOKEN: ACTION_TOKEN, INPUT_SARIF: 'plumbline.sarif' }));

    expect(code).toBe(1);
    expect(github.checkRuns).toHaveLength(1);
    expect(github.checkRuns[0]).toMatchObject({ head_sha: head, status: 'completed', conclusion: 'failure', external_id: 'pr:12;run:77' });
    expect(github.checkRuns[0].annotations.map((a) => [a.path, a.start_line])).toEqual([['src/orders.ts', 5]]);
    expect(github.issueComments.map((c) => [c.user.login, c.body.startsWith(SUMMARY_MARKER)])).toEqual([['github-actions[bot]', true]]);
    expect(github.reviewComments.map((c) => [c.path, c.line, c.commit_id])).toEqual([['src/orders.ts', 5, head]]);
    expect(lines.some((l) => l.startsWith('::error'))).toBe(false);

    expect(readFileSync(path.join(dir, 'summary.md'), 'utf8')).toContain('`src/orders.ts:5`');
    const sarif = JSON.parse(readFileSync(path.join(repo.root, 'plumbline.sarif'), 'utf8'));
    expect(sarif.runs[0].results).toHaveLength(1);
    expect(readFileSync(path.join(dir, 'output.txt'), 'utf8')).toBe('findings=1\nfailed=true\n');

    // The next run on the same PR edits the comment and posts nothing twice.
    await run(actionEnv(head, { INPUT_GITHUB_TOKEN: ACTION_TOKEN }));
    expect(github.issueComments).toHaveLength(1);
    expect(github.reviewComments).toHaveLength(1);
  });

  it('without a token: workflow-command annotations, nothing sent to GitHub', async () => {
    const head = repo.commit('change', { 'src/orders.ts': CHANGED });
    const { code, lines } = await run(actionEnv(head, { INPUT_FAIL_ON: 'never' }));
    expect(code).toBe(0);
    expect(lines.filter((l) => l.startsWith('::error file=src/orders.ts,line=5,'))).toHaveLength(1);
    expect(github.requests).toHaveLength(0);
  });

  it('uses the base commit\'s config: a PR that sets failOn: never still fails, and its file is put back', async () => {
    const weakened = 'failOn: never\n';
    const head = repo.commit('weaken', { 'src/orders.ts': CHANGED, '.plumbline.yml': weakened });
    const { code } = await run(actionEnv(head, {}));
    expect(code).toBe(1);
    expect(readFileSync(path.join(repo.root, '.plumbline.yml'), 'utf8')).toBe(weakened);
    expect(readFileSync(path.join(dir, 'summary.md'), 'utf8')).toContain("This pull request changes `.plumbline.yml`; the review uses the base branch's version of it.");
  });

  it('a read-only token (fork PR) falls back to annotations', async () => {
    const head = repo.commit('change', { 'src/orders.ts': CHANGED });
    github.fail('POST', /\/check-runs$/, 403, 1, { body: { message: 'Resource not accessible by integration' } });
    const { code, lines } = await run(actionEnv(head, { INPUT_GITHUB_TOKEN: ACTION_TOKEN }));
    expect(code).toBe(1);
    expect(lines.some((l) => l.startsWith('::warning::Plumbline cannot write a check run'))).toBe(true);
    expect(lines.filter((l) => l.startsWith('::error file=src/orders.ts'))).toHaveLength(1);
    expect(github.issueComments).toHaveLength(0);
  });

  it('a changed file with a syntax error fails the gate as "not checked"; input allow-unchecked lets it pass', async () => {
    repo.git('checkout', '-q', 'main');
    const checklist = 'id: t\ntitle: T\nsections:\n  - id: safe\n    title: Safe\n    items:\n      - id: safe.risky\n        title: No risky calls?\n        rules: [risky-call]\n';
    base = repo.commit('team checklist', { '.github/team-checklist.yml': checklist, '.plumbline.yml': 'failOn: error\nchecklist: .github/team-checklist.yml\n' });
    repo.git('checkout', '-q', '-B', 'feature');
    const head = repo.commit('broken', { 'src/broken.ts': 'export function (' });
    const failed = await run(actionEnv(head, { INPUT_FAIL_ON: 'error' }));
    expect(failed.code).toBe(1);
    expect(failed.lines).toContain('plumbline: 0 finding(s), 1 checklist item(s) not checked; gate fail-on=error: failed');
    expect(failed.lines.some((l) => l.startsWith('::warning title=plumbline%3A not checked::Not checked: No risky calls?'))).toBe(true);
    expect(readFileSync(path.join(dir, 'summary.md'), 'utf8')).toContain('**not checked**: src/broken.ts: syntax error at line 1');
    const allowed = await run(actionEnv(head, { INPUT_ALLOW_UNCHECKED: 'true' }));
    expect(allowed.code).toBe(0);
    expect(allowed.lines).toContain('plumbline: 0 finding(s), 1 checklist item(s) not checked; gate fail-on=error allow-unchecked: passed');
  });

  it('the entry point runs as a process with the event fixture', async () => {
    const head = repo.commit('harmless change', { 'src/orders.ts': ORDERS.replace('return safe(id);', 'return safe(id) + 1;') });
    const env = actionEnv(head, { INPUT_GITHUB_TOKEN: ACTION_TOKEN });
    const tsx = path.resolve('node_modules/.bin/tsx');
    // Asynchronously: the fake GitHub answering it lives in this process.
    const result = await new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
      execFile(tsx, [path.resolve('src/action/main.ts')], { env, encoding: 'utf8', timeout: 120_000 }, (error, stdout, stderr) =>
        resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('gate fail-on=error: passed');
    expect(github.checkRuns).toHaveLength(1);
    expect(github.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'success' });
    expect(readFileSync(path.join(dir, 'summary.md'), 'utf8')).toContain(SUMMARY_MARKER);
  }, 120_000);
});
