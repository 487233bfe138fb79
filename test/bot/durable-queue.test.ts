import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TempGitRepo } from '../support/temp-git-repo.js';
import { freePort } from '../../src/explain/staging/ports.js';
import { CLI } from '../support/cli.js';
import { startPostgres, type TestPostgres } from '../support/postgres.js';
import { BASE_FILES, HEAD_FILES } from '../parity/fixture.js';
import { INSTALLATION } from './support/bot-harness.js';
import { FakeGitHub, type CheckRun } from './support/fake-github.js';
import { deliver } from './support/webhooks.js';

/**
 * Several `plumbline bot` processes (the built binary, as operators run it) share one PostgreSQL queue.
 * Reviews are slowed where the test needs them in flight by answering the tarball request late.
 */
const SECRET = 'durable-queue-secret';
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
const TARBALL = /\/tarball\//;

let postgres: TestPostgres;
let repo: TempGitRepo;
let base: string;
let heads: string[];
let github: FakeGitHub;
let queueUrl: string;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  postgres = await startPostgres();
  repo = TempGitRepo.create();
  base = repo.commit('main', BASE_FILES);
  repo.git('checkout', '-q', '-b', 'feature');
  heads = [repo.commit('change', HEAD_FILES), repo.commit('another push', { 'src/late.ts': 'export const late = 1;\n' })];
}, 60_000);
afterAll(async () => {
  await postgres?.stop();
  TempGitRepo.removeAll();
});

let database = 0;
beforeEach(async () => {
  github = await new FakeGitHub('acme', 'shop', repo).start();
  // A fresh database per test: nothing queued by an earlier one.
  const name = `queue_${++database}`;
  await postgres.query(`CREATE DATABASE ${name}`);
  queueUrl = postgres.url.replace(/\/postgres$/, `/${name}`);
});
afterEach(async () => {
  for (const worker of workers.splice(0)) worker.kill('SIGKILL');
  await github.stop();
});

interface Worker {
  process: ChildProcess;
  webhookUrl: string;
}

async function startWorker(env: Record<string, string> = {}): Promise<Worker> {
  const port = await freePort();
  const child = spawn(process.execPath, [CLI, 'bot', '--port', String(port), '--host', '127.0.0.1', '--log-level', 'fatal'], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      APP_ID: '123',
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET: SECRET,
      GHE_HOST: new URL(github.url).host,
      GHE_PROTOCOL: 'http',
      PLUMBLINE_QUEUE_URL: queueUrl,
      PLUMBLINE_QUEUE_CONCURRENCY: '1',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  workers.push(child);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) throw new Error(`worker exited ${child.exitCode}: ${stderr}`);
    if ((await fetch(`${url}/health`).catch(() => undefined))?.ok) return { process: child, webhookUrl: `${url}/api/github/webhooks` };
    await sleep(100);
  }
  throw new Error(`worker did not start: ${stderr}`);
}

async function push(worker: Worker, number: number, headSha: string): Promise<void> {
  const pull = github.pulls.get(number) ?? github.addPull({ number, headSha, baseSha: base });
  pull.headSha = headSha;
  const payload = { action: 'synchronize', number, pull_request: github.pullPayload(number), repository: github.repoPayload(), installation: INSTALLATION, sender: { login: 'author', type: 'User' } };
  const delivery = await deliver(worker.webhookUrl, 'pull_request', payload, SECRET);
  expect(delivery.status, delivery.body).toBeLessThan(300);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(what: string, done: () => boolean, ms = 90_000): Promise<void> {
  for (const started = Date.now(); !done(); await sleep(50)) if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(github.checkRuns.map((r) => [r.id, r.status, r.output.title]))}`);
}
const runOf = (number: number, headSha = heads[0]): CheckRun[] => github.checkRuns.filter((r) => r.external_id.startsWith(`pr:${number};`) && r.head_sha === headSha);
const allCompleted = () => github.checkRuns.length > 0 && github.checkRuns.every((r) => r.status === 'completed');
// Every check's annotations: the N+1, and on report.ts and signup.ts two rules each (one of them unbounded-query or unstructured-log).
const REVIEWED = ['src/orders/order.service.ts:7', 'src/reports/report.ts:7', 'src/reports/report.ts:7', 'src/signup.ts:4', 'src/signup.ts:4'];
const places = (run: CheckRun) => run.annotations.map((a) => `${a.path}:${a.start_line}`).sort();

describe('the durable queue (PLUMBLINE_QUEUE_URL) with several bot processes', () => {
  it('a worker killed mid-review leaves the job to another, which completes the same check run once', async () => {
    github.delays.push({ method: 'GET', path: TARBALL, ms: 30_000, times: 1 });
    const first = await startWorker();
    await push(first, 1, heads[0]);
    await until('the first worker to be inside the review', () => github.requestsTo('GET', TARBALL).length === 1);
    const second = await startWorker();
    first.process.kill('SIGKILL');

    await until('the check run to be completed', allCompleted);
    const [run] = runOf(1);
    expect(github.checkRuns).toHaveLength(1);
    expect(run).toMatchObject({ status: 'completed', updates: 1 });
    expect(places(run)).toEqual(REVIEWED);
    expect(github.issueComments).toHaveLength(1);
    expect(second.process.exitCode).toBeNull();
  }, 180_000);

  it('two workers: each pull request head reviewed once, and a newer push supersedes the queued older one', async () => {
    // Both workers busy (one review each at a time) while pull request 3 gets two pushes.
    github.delays.push({ method: 'GET', path: TARBALL, ms: 5_000, times: 2 });
    const a = await startWorker();
    const b = await startWorker();
    await push(a, 1, heads[0]);
    await push(b, 2, heads[0]);
    await until('both workers to be inside a review', () => github.requestsTo('GET', TARBALL).length === 2);
    await push(a, 3, heads[0]);
    await push(b, 3, heads[1]);

    await until('every check run to be completed', () => github.checkRuns.length === 4 && allCompleted());
    for (const number of [1, 2]) {
      expect(runOf(number)).toHaveLength(1);
      expect(places(runOf(number)[0])).toEqual(REVIEWED);
    }
    expect(runOf(3)[0].output.title).toBe('Superseded by a newer push');
    expect(places(runOf(3, heads[1])[0])).toEqual(REVIEWED);
    // Reviewed once per head: three tarballs, none for the superseded push; every run completed in one update.
    expect(github.requestsTo('GET', TARBALL)).toHaveLength(3);
    expect(github.checkRuns.map((r) => r.updates)).toEqual([1, 1, 1, 1]);
  }, 180_000);

  it('a restart loses nothing: the queued and the interrupted review are done by the process started next', async () => {
    github.delays.push({ method: 'GET', path: TARBALL, ms: 30_000, times: 1 });
    const before = await startWorker();
    await push(before, 1, heads[0]);
    await push(before, 2, heads[0]);
    await until('the review to be under way', () => github.requestsTo('GET', TARBALL).length === 1);
    before.process.kill('SIGKILL');
    expect(github.checkRuns.map((r) => r.status)).toEqual(['in_progress', 'in_progress']);

    await startWorker();
    await until('both check runs to be completed', allCompleted);
    for (const number of [1, 2]) expect(places(runOf(number)[0])).toEqual(REVIEWED);
    expect(github.checkRuns.map((r) => r.updates)).toEqual([1, 1]);
  }, 180_000);

  it('a queue URL that cannot be reached is one readable line and exit 2', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [CLI, 'bot', '--port', String(port)], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, APP_ID: '1', PRIVATE_KEY: privateKey, WEBHOOK_SECRET: SECRET, PLUMBLINE_QUEUE_URL: `postgres://nobody@127.0.0.1:${port}/none` },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toMatch(/^plumbline: cannot open the review queue at PLUMBLINE_QUEUE_URL: .*ECONNREFUSED/m);
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 30_000);
});
