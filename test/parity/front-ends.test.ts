import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../../src/action/run-action.js';
import { registry } from '../../src/registry.js';
import { TempGitRepo } from '../support/temp-git-repo.js';
import type { Finding } from '../../src/core/finding.js';
import { annotationFor } from '../../src/github/check-run.js';
import { FastOctokit, INSTALLATION, startTestBot, WEBHOOK_SECRET } from '../bot/support/bot-harness.js';
import { ACTION_TOKEN, FakeGitHub } from '../bot/support/fake-github.js';
import { deliver } from '../bot/support/webhooks.js';
import { plumbline } from '../support/cli.js';
import { BASE_FILES, HEAD_FILES } from './fixture.js';

type Annotation = Record<string, unknown>;
const byPlace = (a: Annotation, b: Annotation) => `${a.path}:${a.start_line}:${a.title}`.localeCompare(`${b.path}:${b.start_line}:${b.title}`);

let repo: TempGitRepo;
let base: string;
let head: string;
beforeAll(() => {
  repo = TempGitRepo.create();
  base = repo.commit('main', BASE_FILES);
  repo.git('checkout', '-q', '-b', 'feature');
  head = repo.commit('change', HEAD_FILES);
});
afterAll(() => TempGitRepo.removeAll());

/** `plumbline review --diff` in a plain copy of the head tree: no .git, like the App's tarball. */
function cliAnnotations(): Annotation[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'plumbline-parity-'));
  const tree = path.join(dir, 'tree');
  execFileSync('sh', ['-c', `mkdir "${tree}" && git -C "${repo.root}" archive ${head} | tar -x -C "${tree}"`]);
  writeFileSync(path.join(dir, 'pr.diff'), repo.git('diff', base, head));
  const run = plumbline(['review', '--diff', path.join(dir, 'pr.diff'), '--format', 'json', '--fail-on', 'never'], { cwd: tree });
  expect(run.stderr).toBe('');
  return (JSON.parse(run.stdout) as { findings: Finding[] }).findings.map((f) => ({ ...annotationFor(f) }));
}

/** The Action's entry function on the pull_request event, publishing with its token. */
async function actionAnnotations(): Promise<Annotation[]> {
  const github = await new FakeGitHub('acme', 'shop', repo).start();
  try {
    github.addPull({ number: 7, headSha: head, baseSha: base });
    const dir = mkdtempSync(path.join(tmpdir(), 'plumbline-parity-action-'));
    const eventPath = path.join(dir, 'event.json');
    writeFileSync(eventPath, JSON.stringify({ action: 'synchronize', number: 7, pull_request: github.pullPayload(7), repository: github.repoPayload() }));
    const env = { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: eventPath, GITHUB_WORKSPACE: repo.root, GITHUB_API_URL: github.url, GITHUB_RUN_ID: '1', INPUT_GITHUB_TOKEN: ACTION_TOKEN };
    await runAction(env, { registry, Octokit: FastOctokit, write: () => undefined });
    expect(github.checkRuns).toHaveLength(1);
    return github.checkRuns[0].annotations;
  } finally {
    await github.stop();
  }
}

/** The App over HTTP: a signed pull_request webhook, the tarball and API from the fake GitHub. */
async function appAnnotations(): Promise<Annotation[]> {
  const github = await new FakeGitHub('acme', 'shop', repo).start();
  const bot = await startTestBot(github, registry.checks);
  try {
    github.addPull({ number: 7, headSha: head, baseSha: base });
    const payload = { action: 'synchronize', number: 7, pull_request: github.pullPayload(7), repository: github.repoPayload(), installation: INSTALLATION, sender: { login: 'author', type: 'User' } };
    expect((await deliver(bot.webhookUrl, 'pull_request', payload, WEBHOOK_SECRET)).status).toBeLessThan(300);
    await bot.queue.idle();
    expect(github.checkRuns.map((r) => r.status)).toEqual(['completed']);
    return github.checkRuns[0].annotations;
  } finally {
    await bot.stop();
    await github.stop();
  }
}

describe('the CLI, the Action and the App on one pull request', () => {
  it('report identical findings, including the N+1 whose loop is in an unchanged file', async () => {
    const cli = cliAnnotations().sort(byPlace);
    const action = (await actionAnnotations()).sort(byPlace);
    const app = (await appAnnotations()).sort(byPlace);

    expect(cli.map((a) => `${a.path}:${a.start_line} ${String(a.title).split(' ')[0]}`)).toEqual([
      'src/orders/order.service.ts:7 n-plus-one',
      'src/reports/report.ts:7 string-built-sql',
      'src/reports/report.ts:7 unbounded-query',
      'src/signup.ts:4 pii-in-logs',
      'src/signup.ts:4 unstructured-log',
    ]);
    // The chain's related locations name the changed repository method.
    expect(String(cli[0].raw_details)).toContain('src/users/user.repository.ts:6');
    expect(action).toEqual(cli);
    expect(app).toEqual(cli);
  }, 120_000);
});
