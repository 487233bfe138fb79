import { chmodSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { explainCommand } from '../../src/cli/commands/explain.js';
import { stagingCommand } from '../../src/cli/commands/staging.js';
import { explainRoleUrl, startPostgres, type TestPostgres } from '../support/postgres.js';

// The two commands as the CLI runs them (commander parsing, stdout), on real servers.
let server: TestPostgres;
let explainUrl: string;
const SHOP = new URL('../../examples/shop/db/', import.meta.url).pathname;

async function run(command: ReturnType<typeof explainCommand>, args: string[]): Promise<string> {
  const out: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(`${a.join(' ')}\n`));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await command.exitOverride().parseAsync(args, { from: 'user' });
  } finally {
    spy.mockRestore();
    log.mockRestore();
    err.mockRestore();
  }
  return out.join('');
}

beforeAll(async () => {
  server = await startPostgres();
  await server.query('CREATE TABLE t (id int PRIMARY KEY, v text); INSERT INTO t SELECT g, g::text FROM generate_series(1, 50000) g; ANALYZE t;');
  explainUrl = await explainRoleUrl(server);
}, 30_000);
afterAll(async () => server?.stop());

describe('plumbline explain --query', () => {
  it('prints the plan with the hot path, the parameter values and the median time', async () => {
    const text = await run(explainCommand(), ['--database-url', explainUrl, '--query', 'SELECT * FROM t WHERE v = $1']);
    expect(text).toMatch(/^▶ Seq Scan on t/m);
    expect(text).toMatch(/\$1 = \S+ {2}\(pg_stats/);
    expect(text).toMatch(/median execution time: [\d.]+ ms/);
    expect(text).toMatch(/query-plan\/seq-scan-filter: Sequential scan on `t` reads 50,000 rows to keep 1/);
  });

  it('refuses a statement that must not run, as a user error (exit code 2)', async () => {
    await expect(run(explainCommand(), ['--database-url', explainUrl, '--query', 'DROP TABLE t'])).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/DDL/) });
    expect((await server.query('SELECT count(*) AS n FROM t')).rows[0].n).toBe('50000');
  });
});

describe('plumbline staging', () => {
  it('up, load (with a scale), status, down on the embedded server', async () => {
    const repo = mkdtempSync(path.join(tmpdir(), 'plumbline-cli-'));
    chmodSync(repo, 0o755);
    cpSync(SHOP, path.join(repo, 'db'), { recursive: true });
    const port = 20000 + Math.floor(Math.random() * 20000);
    writeFileSync(path.join(repo, '.plumbline.yml'), `explain:\n  staging: { port: ${port} }\n`);
    try {
      expect(await run(stagingCommand(), ['status', '-C', repo])).toContain('not running');
      expect(await run(stagingCommand(), ['up', '-C', repo])).toMatch(/running: postgresql:\/\/postgres@127\.0\.0\.1:\d+\/plumbline_staging[\s\S]*applied db\/schema\.sql/);
      const loaded = await run(stagingCommand(), ['load', '-C', repo, '--scale', '0.01']);
      expect(loaded).toMatch(/orders\s+24,000 rows/);
      expect(loaded).toMatch(/loaded 50,400 rows in/);
      const status = await run(stagingCommand(), ['status', '-C', repo]);
      expect(status).toMatch(/orders\s+24,000 of 2,400,000 rows \(1 %\)\s+not representative/);
      expect(await run(stagingCommand(), ['down', '-C', repo])).toContain('staging database stopped');
    } finally {
      await run(stagingCommand(), ['down', '-C', repo]).catch(() => undefined);
      rmSync(repo, { recursive: true, force: true });
    }
  }, 90_000);
});
