import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { botCommand } from '../../src/cli/commands/bot.js';
import { TempGitRepo } from '../support/temp-git-repo.js';
import { FakeGitHub } from './support/fake-github.js';
import { baseRepository } from './support/fixture-repo.js';
import { deliver } from './support/webhooks.js';

afterAll(() => TempGitRepo.removeAll());

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

describe('plumbline bot', () => {
  it('says which settings are missing instead of starting', async () => {
    const saved = { ...process.env };
    for (const name of ['APP_ID', 'PRIVATE_KEY', 'PRIVATE_KEY_PATH', 'WEBHOOK_SECRET']) delete process.env[name];
    try {
      await expect(botCommand().exitOverride().parseAsync(['node', 'bot'])).rejects.toThrow('the GitHub App needs APP_ID, WEBHOOK_SECRET, PRIVATE_KEY or PRIVATE_KEY_PATH in the environment');
    } finally {
      Object.assign(process.env, saved);
    }
  });

  it('serves the health endpoint and refuses unsigned webhooks', async () => {
    const port = await freePort();
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const child = spawn(path.resolve('node_modules/.bin/tsx'), [path.resolve('src/cli/main.ts'), 'bot', '--port', String(port), '--host', '127.0.0.1', '--log-level', 'fatal'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, APP_ID: '1', PRIVATE_KEY: privateKey, WEBHOOK_SECRET: 'secret' },
      stdio: 'ignore',
    });
    try {
      let health: Response | undefined;
      for (let i = 0; i < 100 && !health; i++) {
        health = await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined);
        if (!health) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(health?.status).toBe(200);
      expect(await health?.json()).toMatchObject({ status: 'ok' });
      const unsigned = await fetch(`http://127.0.0.1:${port}/api/github/webhooks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-github-event': 'pull_request', 'x-github-delivery': '1' },
        body: '{}',
      });
      expect(unsigned.status).toBeGreaterThanOrEqual(400);
      expect(unsigned.status).toBeLessThan(500);
    } finally {
      child.kill('SIGTERM');
    }
  }, 60_000);

  it('reviews a pull request end to end as a process, and never logs the key, the token or the secret', async () => {
    const { repo, base } = baseRepository();
    const github = await new FakeGitHub('acme', 'shop', repo).start();
    const head = repo.commit('push', { 'src/orders.ts': "export function f(id: string) {\n  return id;\n}\n" });
    github.addPull({ number: 3, headSha: head, baseSha: base });
    const port = await freePort();
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const secret = 'very-secret-webhook-value';
    const child = spawn(path.resolve('node_modules/.bin/tsx'), [path.resolve('src/cli/main.ts'), 'bot', '--port', String(port), '--host', '127.0.0.1', '--ghe-host', new URL(github.url).host, '--log-level', 'trace'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, APP_ID: '1', PRIVATE_KEY: privateKey, WEBHOOK_SECRET: secret, GHE_PROTOCOL: 'http', LOG_FORMAT: 'json' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      for (let i = 0; i < 100 && !(await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined)); i++) await new Promise((resolve) => setTimeout(resolve, 200));
      const payload = { action: 'opened', number: 3, pull_request: github.pullPayload(3), repository: github.repoPayload(), installation: { id: 1 } };
      expect((await deliver(`http://127.0.0.1:${port}/api/github/webhooks`, 'pull_request', payload, secret)).status).toBeLessThan(300);
      for (let i = 0; i < 150 && github.checkRuns[0]?.status !== 'completed'; i++) await new Promise((resolve) => setTimeout(resolve, 200));
      expect(github.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'success' });
      expect(github.issueComments).toHaveLength(1);
    } finally {
      child.kill('SIGTERM');
      await github.stop();
    }
    // Trace-level logs name every GitHub call (through GHE_HOST's /api/v3) and nothing secret.
    expect(output).toContain('/api/v3/repos/acme/shop/check-runs - 201');
    const keyBody = privateKey.split('\n')[1];
    for (const leaked of [keyBody, 'ghs_fake_installation_token', secret]) expect(output).not.toContain(leaked);
  }, 90_000);
});
