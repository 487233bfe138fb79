import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import unboundedQuery from '../../src/checks/unbounded-query/index.js';
import { reviewRepository } from '../../src/core/review-repository.js';
import { createQueryPlanner } from '../../src/explain/index.js';
import { registry } from '../../src/registry.js';
import { explainRoleUrl, startPostgres, type TestPostgres } from '../support/postgres.js';
import { TempGitRepo } from '../support/temp-git-repo.js';

// With EXPLAIN on, unbounded-query's severity follows the planner's row estimate on staging: the same
// missing LIMIT is an error on a 150,000-row table and info on a 40-row one.
let server: TestPostgres;
let repo: TempGitRepo;

beforeAll(async () => {
  server = await startPostgres();
  await server.query(`CREATE TABLE events (id serial PRIMARY KEY, kind text NOT NULL, payload text NOT NULL);
    INSERT INTO events (kind, payload) SELECT 'k' || (i % 7), md5(i::text) FROM generate_series(1, 150000) i;
    CREATE TABLE office_locations (id serial PRIMARY KEY, city text NOT NULL);
    INSERT INTO office_locations (city) SELECT 'city ' || i FROM generate_series(1, 40) i;
    CREATE TABLE visits (id serial PRIMARY KEY, page text NOT NULL);
    INSERT INTO visits (page) SELECT '/p/' || (i % 100) FROM generate_series(1, 5000) i;
    ANALYZE;`);
  repo = TempGitRepo.create();
  repo.commit('shop', {
    'package.json': JSON.stringify({ name: 'shop', dependencies: { pg: '^8.11.0' } }),
    'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', target: 'es2022' }, include: ['src'] }),
    'src/db.ts': "import pg from 'pg';\nexport const pool = new pg.Pool();\n",
    'src/reads.ts': "import { pool } from './db.js';\n",
  });
  repo.git('checkout', '-q', '-b', 'reads');
  repo.commit('reads', {
    'src/reads.ts': [
      "import { pool } from './db.js';",
      "export const allEvents = () => pool.query('SELECT id, kind, payload FROM events ORDER BY id');",
      "export const offices = () => pool.query('SELECT id, city FROM office_locations ORDER BY city');",
      "export const visits = () => pool.query('SELECT id, page FROM visits');",
      '',
    ].join('\n'),
  });
}, 120_000);
afterAll(async () => {
  await server?.stop();
  TempGitRepo.removeAll();
});

const unbounded = (findings: Array<{ ruleId: string; line: number; severity: string; message: string }>) =>
  findings.filter((f) => f.ruleId === 'unbounded-query').map((f) => ({ line: f.line, severity: f.severity, message: f.message }));

describe('unbounded-query with EXPLAIN on', () => {
  it('grades each unbounded SELECT by the rows staging estimates', async () => {
    const url = await explainRoleUrl(server);
    const { result } = await reviewRepository({ cwd: repo.root, base: 'main', checks: [unboundedQuery], registry, queryPlanner: () => createQueryPlanner({ databaseUrl: url, compareWithBase: false }) });
    const found = unbounded(result.findings);
    expect(found.map((f) => [f.line, f.severity])).toEqual([[2, 'error'], [3, 'info'], [4, 'warning']]);
    expect(found[0].message).toMatch(/no aggregate: it returns every row\. EXPLAIN on staging estimates 1\d\d,\d{3} rows for this query\. Fix: add `LIMIT`/);
    expect(found[1].message).toMatch(/EXPLAIN on staging estimates 40 rows for this query\. Fix: /);
    expect(result.explained.find((q) => q.line === 2)?.estimatedRows).toBeGreaterThan(100_000);
  }, 120_000);

  it('keeps the severity from the code alone without EXPLAIN', async () => {
    const { result } = await reviewRepository({ cwd: repo.root, base: 'main', checks: [unboundedQuery], registry });
    const found = unbounded(result.findings);
    expect(found.map((f) => [f.line, f.severity])).toEqual([[2, 'warning'], [3, 'warning'], [4, 'warning']]);
    expect(found.every((f) => !f.message.includes('EXPLAIN'))).toBe(true);
  }, 120_000);

  it('uses the thresholds set in the rule options', async () => {
    const url = await explainRoleUrl(server);
    repo.write({ '.plumbline.yml': 'rules:\n  unbounded-query:\n    options:\n      estimatedRowsInfoBelow: 10\n      estimatedRowsErrorFrom: 1000\n' });
    try {
      const { result } = await reviewRepository({ cwd: repo.root, base: 'main', checks: [unboundedQuery], registry, queryPlanner: () => createQueryPlanner({ databaseUrl: url, compareWithBase: false }) });
      expect(unbounded(result.findings).map((f) => [f.line, f.severity])).toEqual([[2, 'error'], [3, 'warning'], [4, 'error']]);
    } finally {
      rmSync(path.join(repo.root, '.plumbline.yml'));
    }
  }, 120_000);
});
