import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewRepository } from '../../src/core/review-repository.js';
import { createQueryPlanner } from '../../src/explain/index.js';
import { registry } from '../../src/registry.js';
import { downEmbeddedStaging, runningEmbeddedStaging } from '../../src/explain/staging/embedded-staging.js';
import { stagingUp } from '../../src/explain/staging/staging-service.js';
import { explainRoleUrl, startPostgres, type TestPostgres } from '../support/postgres.js';
import { TempGitRepo } from '../support/temp-git-repo.js';

// A Knex chain added by a change is translated by Knex's own compiler, explained on a real PostgreSQL with a
// parameter value from pg_stats, and its ORDER BY … LIMIT without an index is reported on the call's line.
let server: TestPostgres;
let repo: TempGitRepo;

beforeAll(async () => {
  server = await startPostgres();
  await server.query(`CREATE TABLE orders (id serial PRIMARY KEY, user_id int NOT NULL, status text NOT NULL, created_at timestamptz NOT NULL);
    INSERT INTO orders (user_id, status, created_at)
      SELECT i % 500, (ARRAY['delivered','delivered','delivered','paid','new'])[1 + i % 5], now() - i * interval '1 minute' FROM generate_series(1, 60000) i;
    ANALYZE orders;`);
  repo = TempGitRepo.create();
  repo.commit('shop', {
    'package.json': JSON.stringify({ name: 'shop', dependencies: { knex: '^3.1.0', pg: '^8.11.0' } }),
    'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', target: 'es2022' }, include: ['src'] }),
    'src/orders.ts': "import { db } from './db';\nexport const one = (id: number) => db('orders').where('id', id).first();\n",
  });
  repo.git('checkout', '-q', '-b', 'latest');
  repo.commit('latest orders', {
    'src/orders.ts': [
      "import { db } from './db';",
      "export const one = (id: number) => db('orders').where('id', id).first();",
      'export const latest = (status: string) =>',
      "  db('orders').where('status', status).orderBy('created_at', 'desc').limit(50);",
      "export const byIds = (ids: number[]) => db('orders').whereIn('id', ids);",
      '',
    ].join('\n'),
  });
}, 120_000);
afterAll(async () => {
  await server?.stop();
  TempGitRepo.removeAll();
});

describe('a Knex chain through review()', () => {
  it('is explained as the SQL Knex sends and reported on the call', async () => {
    const url = await explainRoleUrl(server);
    const { result } = await reviewRepository({ cwd: repo.root, base: 'main', checks: [], registry, queryPlanner: () => createQueryPlanner({ databaseUrl: url, compareWithBase: false }) });
    const latest = result.explained.find((q) => q.line === 4);
    expect(latest?.sql).toBe('select * from "orders" where "status" = $1 order by "created_at" desc limit 50');
    expect(latest?.status).toBe('ok');
    expect(latest?.notes[0]).toMatch(/^translated from the knex call; compiled by knex 3\.\d+\.\d+$/);
    expect(latest?.parameters[0].name).toBe('$1 (status)');
    expect(latest?.parameters[0].source).toMatch(/pg_stats .* of orders\.status/);
    const finding = result.findings.find((f) => f.ruleId === 'query-plan/sort-for-limit');
    expect(finding).toMatchObject({ path: 'src/orders.ts', line: 4 });
    expect(finding?.message).toContain('CREATE INDEX ON orders (created_at);');
    // the unchanged line is not explained; the per-element whereIn is a notice naming the call
    expect(result.explained.map((q) => q.line)).toEqual([4]);
    expect(result.notices).toContain("explain: not explained: the knex call at src/orders.ts:5 — `.whereIn` with `ids` sends one parameter per element, so its text depends on the array's length at run time");
  }, 120_000);
});

describe('a Drizzle project on the embedded staging database', () => {
  it('gets its tables, keys and indexes from the pgTable definitions when it has no SQL schema', async () => {
    const project = TempGitRepo.create({ init: false });
    const root = project.root;
    project.chmod('.', 0o755); // the server's OS user must be able to reach the cluster directory
    project.write({ 'package.json': JSON.stringify({ dependencies: { 'drizzle-orm': '^0.45.0' } }) });
    project.write({ 'drizzle.config.ts': "export default { dialect: 'postgresql', schema: './src/db/schema.ts' };\n" });
    project.write({ 'src/db/schema.ts': [
      "import { index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';",
      "export const users = pgTable('users', { id: serial('id').primaryKey(), email: text('email').notNull() });",
      "export const orders = pgTable('orders', {",
      "  id: serial('id').primaryKey(),",
      "  userId: integer('user_id').notNull().references(() => users.id),",
      "  createdAt: timestamp('created_at').defaultNow().notNull(),",
      "}, (t) => [index('orders_user_id_idx').on(t.userId)]);",
      '',
    ].join('\n') });
    const settings = { staging: { dir: path.join(root, 'cache'), port: 20000 + Math.floor(Math.random() * 20000) } };
    try {
      const up = await stagingUp(root, settings);
      expect(up.applied).toEqual(['src/db/schema.ts']);
      const running = await runningEmbeddedStaging(root, settings.staging);
      const c = new pg.Client({ connectionString: running?.url });
      await c.connect();
      try {
        const indexes = await c.query("SELECT indexname FROM pg_indexes WHERE tablename = 'orders' ORDER BY 1");
        expect(indexes.rows.map((r) => r.indexname)).toEqual(['orders_pkey', 'orders_user_id_idx']);
        const fk = await c.query("SELECT count(*)::int AS n FROM pg_constraint WHERE contype = 'f' AND conrelid = 'orders'::regclass");
        expect(fk.rows[0].n).toBe(1);
        const columns = await c.query("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'orders' ORDER BY ordinal_position");
        expect(columns.rows).toEqual([
          { column_name: 'id', data_type: 'integer' },
          { column_name: 'user_id', data_type: 'integer' },
          { column_name: 'created_at', data_type: 'timestamp without time zone' },
        ]);
      } finally {
        await c.end();
      }
    } finally {
      await downEmbeddedStaging(root, settings.staging);
    }
  }, 120_000);
});
