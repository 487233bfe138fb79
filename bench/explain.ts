/**
 * EXPLAIN benchmark (not a test): `npx tsx bench/explain.ts [--scale 1]`
 *  1. load time of the demo scale profile (examples/shop/db/profile: 5.04 M rows) next to `pgbench -i -s 24`
 *     (2.4 M rows) on the same throwaway server in the same run, per row (target: within 1.2×);
 *  2. the time `explain` adds beyond the queries' own run time: wall time of explainQuery (connection,
 *     parse-tree check, parameter sampling, generic plan, warm-up + 3 timed runs + ANALYZE/BUFFERS run)
 *     minus the execution time of those runs, for a slow, a fast and a parameterised query.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadCatalog } from '../src/core/catalog.js';
import { explainQuery } from '../src/explain/explain-query.js';
import { explainPolicy } from '../src/explain/sql-functions.js';
import { findBinaries, systemBinaries } from '../src/explain/staging/binaries.js';
import { loadProfile } from '../src/explain/staging/loader.js';
import { startLocalServer, stopLocalServer } from '../src/explain/staging/local-server.js';
import { readProfile } from '../src/explain/staging/profile-files.js';

const scaleArg = process.argv.indexOf('--scale');
const SCALE = scaleArg > 0 ? Number(process.argv[scaleArg + 1]) : 1;
const SHOP = new URL('../examples/shop/db/', import.meta.url).pathname;
const PGBENCH = path.join(systemBinaries()?.binDir ?? '/usr/lib/postgresql/15/bin', 'pgbench');

const binaries = findBinaries('embedded');
if (!binaries) throw new Error('no PostgreSQL binaries');
const dir = mkdtempSync(path.join(tmpdir(), 'plumbline-bench-'));
chmodSync(dir, 0o755);
const port = await freePort();
const server = await startLocalServer({ binaries, dir: path.join(dir, 'cluster'), port });
const admin = (db = 'postgres') => new pg.Client({ connectionString: server.url.replace(/\/postgres$/, `/${db}`) });
const version = await withClient('postgres', async (c) => (await c.query('SHOW server_version')).rows[0].server_version as string);
console.log(`server: PostgreSQL ${version} (${binaries.source}), throwaway settings (fsync off, wal_level minimal), port ${port}`);

try {
  await withClient('postgres', (c) => c.query('CREATE DATABASE shop').then(() => c.query('CREATE DATABASE pgbench')));

  // 1a. the demo profile
  const profile = readProfile(path.join(SHOP, 'profile'));
  await withClient('shop', (c) => c.query(readFileSync(path.join(SHOP, 'schema.sql'), 'utf8')));
  const report = await loadProfile({ connectionString: server.url.replace(/\/postgres$/, '/shop') }, profile, { scale: SCALE });
  // 1b. pgbench -i -s 24 (client-side COPY, vacuum, primary keys) on the same server
  const s = Math.max(1, Math.round(24 * SCALE));
  const pgbenchMs = timed(() => execFileSync(PGBENCH, ['-i', '-q', '-s', String(s), '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'pgbench'], { stdio: 'pipe' }));
  const pgbenchRows = s * (100_000 + 10 + 1);
  const serverSideMs = timed(() => execFileSync(PGBENCH, ['-i', '-q', '-I', 'dtGvp', '-s', String(s), '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'pgbench'], { stdio: 'pipe' }));
  const perRow = (ms: number, rows: number) => (ms * 1000) / rows; // µs per row
  console.log('\n1. load time');
  for (const t of report.tables) console.log(`   ${t.table.padEnd(12)} ${t.rows.toLocaleString('en-US').padStart(10)} rows  ${ms(t.ms)}`);
  console.log(`   profile total      ${report.rows.toLocaleString('en-US').padStart(10)} rows  ${ms(report.totalMs)} (rows ${ms(report.rowsMs)} = ${perRow(report.rowsMs, report.rows).toFixed(2)} µs/row, indexes ${ms(report.indexMs)}, foreign keys ${ms(report.foreignKeyMs)}, ANALYZE ${ms(report.analyzeMs)})  ${perRow(report.totalMs, report.rows).toFixed(2)} µs/row`);
  console.log(`   pgbench -i -s ${s}    ${pgbenchRows.toLocaleString('en-US').padStart(10)} rows  ${ms(pgbenchMs)}  ${perRow(pgbenchMs, pgbenchRows).toFixed(2)} µs/row`);
  console.log(`   pgbench -i -I dtGvp ${pgbenchRows.toLocaleString('en-US').padStart(8)} rows  ${ms(serverSideMs)}  ${perRow(serverSideMs, pgbenchRows).toFixed(2)} µs/row (server-side generate)`);
  console.log(`   profile / pgbench per row: ${(perRow(report.totalMs, report.rows) / perRow(pgbenchMs, pgbenchRows)).toFixed(2)}× whole load (target ≤ 1.2×); rows phase alone ${(perRow(report.rowsMs, report.rows) / perRow(pgbenchMs, pgbenchRows)).toFixed(2)}×`);
  console.log('   (pgbench -i builds 1 primary key after its load; the profile builds 3 primary keys, 2 secondary indexes and 2 foreign keys)');

  // 2. what explain adds
  console.log('\n2. time explain adds beyond the queries\' own run time');
  const policy = explainPolicy(loadCatalog());
  const queries: Array<[string, string]> = [
    ['incident (GROUP BY, ORDER BY created_at LIMIT 50)', readIncident()],
    ['paged first, no index yet', 'SELECT o.id, count(i.id) FROM (SELECT id, created_at FROM orders ORDER BY created_at DESC LIMIT 50) o LEFT JOIN order_items i ON i.order_id = o.id GROUP BY o.id, o.created_at ORDER BY o.created_at DESC'],
    ['by primary key', 'SELECT * FROM orders WHERE id = 12345'],
    ['parameterised, sampled ($1 = status)', 'SELECT id, total_cents FROM orders WHERE status = $1 ORDER BY id LIMIT 20'],
  ];
  for (const [label, sql] of queries) {
    // The query's own run time as the application sees it (one run when it is slow, else median of 3 after a warm-up).
    const own = await withClient('shop', async (c) => {
      const run = () => timedAsync(() => c.query(sql.includes('$1') ? sql.replace('$1', "'delivered'") : sql));
      const first = await run();
      if (first > 2000) return first;
      const runs = [await run(), await run(), await run()].sort((x, y) => x - y);
      return runs[1];
    });
    const started = performance.now();
    // Default timeouts, as `plumbline explain` uses them: a query over 10 s falls back to its estimated plan.
    const outcome = await explainQuery({ connectionString: server.url.replace(/\/postgres$/, '/shop') }, sql, { policy });
    const wall = performance.now() - started;
    const executions = outcome.status === 'timed-out' ? 10_000 : outcome.tried.reduce((a, t) => a + t.ms, 0) + 5 * (outcome.totalMs ?? 0);
    console.log(`   ${label}`);
    const what = outcome.status === 'timed-out' ? `${outcome.notes.find((n) => n.includes('timed out'))}` : `${outcome.tried.length ? `${outcome.tried.length} sampled sets + ` : ''}5 executions of ${ms(outcome.totalMs ?? 0)}`;
    console.log(`     own run: ${ms(own)}; explain wall ${ms(wall)} (${what})`);
    console.log(`     added beyond the executions: ${ms(wall - executions)}; wall / own run: ${(wall / own).toFixed(1)}×; findings: ${outcome.issues.map((i) => i.ruleId).join(', ') || 'none'}`);
  }
} finally {
  await stopLocalServer({ binaries, dir: path.join(dir, 'cluster') }, 'immediate');
  rmSync(dir, { recursive: true, force: true });
}

function readIncident(): string {
  const text = readFileSync(new URL('../examples/shop.change/src/reports/report.repository.ts', import.meta.url), 'utf8');
  return /recentOrders\(\) \{\s*return this\.prisma\.\$queryRaw`([^`]+)`/.exec(text)?.[1].trim() ?? 'SELECT 1';
}

async function withClient<T>(db: string, body: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = admin(db);
  await c.connect();
  try {
    return await body(c);
  } finally {
    await c.end();
  }
}
function timed(body: () => unknown): number {
  const t = performance.now();
  body();
  return performance.now() - t;
}
async function timedAsync(body: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await body();
  return performance.now() - t;
}
function ms(n: number): string {
  return n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(n < 10 ? 2 : 0)} ms`;
}
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}
