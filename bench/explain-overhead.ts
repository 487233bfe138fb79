/**
 * EXPLAIN overhead benchmark (not a test): `npx tsx bench/explain-overhead.ts [runs=20]`
 * The time `explain` adds to a query beyond the query's own execution, for primary-key lookups on a
 * 200,000-row table (target: ≤ 50 ms per query): wall time of explainQuery — connection, parse-tree
 * check, role-safe session setup, parameter types and pg_stats sampling, generic plan, warm-up and timed
 * runs — minus the execution time PostgreSQL reports for those runs. Median and p90 of `runs` runs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadCatalog } from '../src/core/catalog.js';
import { explainQuery } from '../src/explain/explain-query.js';
import { explainPolicy } from '../src/explain/sql-functions.js';
import { findBinaries, systemBinaries } from '../src/explain/staging/binaries.js';
import { startLocalServer, stopLocalServer } from '../src/explain/staging/local-server.js';
import { freePort } from '../src/explain/staging/ports.js';

const runs = Number(process.argv[2] ?? 20);
const binaries = systemBinaries('/usr/lib/postgresql/15/bin') ?? findBinaries();
if (!binaries) throw new Error('no PostgreSQL binaries');
const dir = mkdtempSync(path.join(tmpdir(), 'plumbline-bench-overhead-'));
const server = await startLocalServer({ binaries, dir: path.join(dir, 'cluster'), port: await freePort() });
const admin = new pg.Client({ connectionString: server.url });
await admin.connect();
await admin.query(`CREATE TABLE accounts (id int PRIMARY KEY, email text, balance int);
  INSERT INTO accounts SELECT g, 'user' || g || '@example.com', g % 1000 FROM generate_series(1, 200000) g; ANALYZE accounts;`);
await admin.end();

const policy = explainPolicy(loadCatalog());
const queries = [
  ['constant primary-key lookup', 'SELECT * FROM accounts WHERE id = 4242'],
  ['parameterised primary-key lookup', 'SELECT email, balance FROM accounts WHERE id = $1'],
];
const pct = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];

console.log(`explain overhead on PostgreSQL (${binaries.binDir}), ${runs} runs each, ${process.version}`);
console.log('query | wall ms (median) | query execution ms | overhead ms (median) | overhead ms (p90)');
try {
  for (const [name, sql] of queries) {
    const overheads: number[] = [];
    const walls: number[] = [];
    const executions: number[] = [];
    for (let i = 0; i < runs + 1; i++) {
      const started = performance.now();
      const outcome = await explainQuery({ connectionString: server.url }, sql, { policy });
      const wall = performance.now() - started;
      if (outcome.status !== 'ok') throw new Error(`${name}: ${outcome.status} ${outcome.notes.join('; ')}`);
      const executed = (outcome.run?.runsMs ?? []).reduce((a, b) => a + b, 0) + outcome.tried.reduce((a, t) => a + t.ms, 0);
      if (i === 0) continue; // the first run pays for catalog caches on a fresh server
      walls.push(wall);
      executions.push(executed);
      overheads.push(wall - executed);
    }
    console.log(`${name} | ${pct(walls, 0.5).toFixed(1)} | ${pct(executions, 0.5).toFixed(2)} | ${pct(overheads, 0.5).toFixed(1)} | ${pct(overheads, 0.9).toFixed(1)}`);
  }
} finally {
  await stopLocalServer({ binaries, dir: path.join(dir, 'cluster') }, 'immediate').catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
}
