import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { loadCatalog } from '../../src/core/catalog.js';
import { UserError } from '../../src/core/errors.js';
import { explainQuery } from '../../src/explain/explain-query.js';
import { openExplainTarget } from '../../src/explain/explain-target.js';
import { DeadlineExceeded, GuardedSession } from '../../src/explain/guarded-session.js';
import { EXPLAIN_ROLE, leastPrivilegeRoleSql } from '../../src/explain/role-check.js';
import { explainPolicy } from '../../src/explain/sql-functions.js';
import { plumbline } from '../support/cli.js';
import { startPostgres, type TestPostgres } from '../support/postgres.js';

// The mechanisms behind DESIGN.md "EXPLAIN safety", one by one, against a real PostgreSQL that logs every
// statement it receives. The hostile suite (hostile.test.ts) checks their sum on the whole server.
let server: TestPostgres;
const policy = explainPolicy(loadCatalog());
const connection = () => ({ connectionString: server.url });
const asRole = (role: string) => ({ connectionString: server.url.replace('postgres@', `${role}@`) });
const SHORT = { statementMs: 5_000, lockMs: 150, idleInTransactionMs: 5_000 };

async function plumblineSessions(): Promise<number> {
  for (let i = 0; i < 60; i++) {
    const { rows } = await server.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name LIKE 'plumbline%'");
    if (rows[0].n === 0) return 0;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return 1;
}

beforeAll(async () => {
  server = await startPostgres({ logStatements: true });
  await server.query(`CREATE TABLE items (id int PRIMARY KEY, label text);
    INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 1000) g;
    CREATE TABLE secrets (secret text); INSERT INTO secrets VALUES ('SECRET-MARKER-91c2');`);
  await server.query(leastPrivilegeRoleSql('postgres'));
}, 30_000);
afterAll(async () => server?.stop());

describe('refused from the parse tree before anything is sent', () => {
  const refused: Array<[string, (marker: string) => string, RegExp]> = [
    ['DDL', (m) => `DROP TABLE items /* ${m} */`, /DDL/],
    ['COPY to a server file', (m) => `COPY items TO '/tmp/${m}.csv'`, /COPY/],
    ['pg_sleep', (m) => `SELECT pg_sleep(5) /* ${m} */`, /pg_sleep/],
    ['multiple statements', (m) => `SELECT 1; DELETE FROM items /* ${m} */`, /2 statements/],
    ['SET', (m) => `SET statement_timeout = 0 /* ${m} */`, /SET changes/],
    ['a function that runs a SQL string', (m) => `SELECT query_to_xml('SELECT setval(''s'', 1) /* ${m} */', true, false, '')`, /runs a SQL string/],
    ['a function of the schema, not on the allow-list', (m) => `SELECT sneaky_insert() /* ${m} */`, /not a PostgreSQL built-in known to be free of side effects/],
    ['a NUL byte that hides a second statement', (m) => `SELECT 1 /* ${m} */\u0000; DROP TABLE items`, /NUL byte/],
  ];
  it.each(refused)('%s', async (_name, sqlFor, reason) => {
    const marker = `plumbline-${randomUUID()}`;
    const result = await explainQuery(connection(), sqlFor(marker), { policy });
    expect(result.status).toBe('refused');
    expect(result.notes.join(' ')).toMatch(reason);
    // The server logs every statement and connection (log_statement = all): the marker never arrived.
    expect(server.log()).not.toContain(marker.replace('plumbline-', ''));
  });

  it('(control) a query that is run does show up in the log', async () => {
    const marker = randomUUID();
    await explainQuery(connection(), `SELECT 1 /* ${marker} */`, { policy });
    expect(server.log()).toContain(marker);
  });
});

describe('writes are planned, never executed', () => {
  it('a DELETE gets its estimated plan and no row goes', async () => {
    const result = await explainQuery(connection(), 'DELETE FROM items WHERE id <= 500', { policy });
    expect(result.status).toBe('ok');
    expect(result.plan?.root.nodeType).toBe('ModifyTable');
    expect(result.plan?.analyzed).toBe(false);
    expect(result.notes.join(' ')).toMatch(/a write is planned, not run/);
    expect((await server.query('SELECT count(*)::int AS n FROM items')).rows[0].n).toBe(1000);
  });
});

describe('every round trip is bounded', () => {
  it('falls back to the estimated plan after the statement timeout and says "timed out after N ms"', async () => {
    const sql = 'SELECT count(*) FROM generate_series(1, 200000000) a';
    const result = await explainQuery(connection(), sql, { policy, timeouts: { statementMs: 200, lockMs: 200, idleInTransactionMs: 5000 } });
    expect(result.status).toBe('timed-out');
    expect(result.notes.join(' ')).toContain('timed out after 200 ms');
    expect(result.plan?.analyzed).toBe(false);
    expect(result.issues.map((i) => i.ruleId)).toContain('query-plan/slow-query');
  }, 20_000);

  it.each([
    ['a query without parameters', 'SELECT * FROM items'],
    // The parameter-type lookup (PREPARE) used to run outside the guarded transaction and wait forever.
    ['a query with parameters (type lookup, pg_stats, generic plan)', 'SELECT * FROM items WHERE id = $1'],
  ])('%s on a table another session holds locked gives up after lock_timeout', async (_name, sql) => {
    const holder = new pg.Client(connection());
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE items IN ACCESS EXCLUSIVE MODE');
    try {
      const result = await explainQuery(connection(), sql, { policy, timeouts: SHORT });
      expect(result.status).toBe('error');
      expect(result.notes.join(' ')).toMatch(/150 ms for a lock|lock not available \(SQLSTATE 55P03\)/);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    expect(await plumblineSessions()).toBe(0);
  }, 20_000);

  it('ends a backend that ignores the server-side timeouts when the client deadline passes, and leaves no session', async () => {
    // pg_sleep stands in for a call that does not honour statement_timeout (dblink waiting on a remote server).
    const session = await GuardedSession.open(connection(), { statementMs: 60_000, lockMs: 1_000, idleInTransactionMs: 60_000, deadlineMs: 300 });
    const pid = (await session.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    await expect(session.query('SELECT pg_sleep(30)')).rejects.toBeInstanceOf(DeadlineExceeded);
    await session.close();
    expect(await plumblineSessions()).toBe(0);
    expect((await server.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = $1', [pid])).rows[0].n).toBe(0);
  }, 20_000);
});

describe('only the plan and an error class reach the report', () => {
  it.each([
    ['a value of a row in a cast error', 'SELECT secret::int FROM secrets', 'SECRET-MARKER-91c2', '22P02'],
    ['a server setting in a cast error', "SELECT current_setting('data_directory')::int", 'cluster', '22P02'],
  ])('%s', async (_name, sql, leaked, sqlstate) => {
    const result = await explainQuery(connection(), sql, { policy });
    expect(result.status).toBe('error');
    const report = JSON.stringify({ notes: result.notes, message: result.run?.message, issues: result.issues });
    expect(report).not.toContain(leaked);
    expect(report).toContain(`SQLSTATE ${sqlstate}`);
  });
});

describe('the role Plumbline connects as', () => {
  const target = (databaseUrl: string, allowPrivilegedRole?: boolean) =>
    openExplainTarget({ root: server.dir, section: {}, timeouts: SHORT, databaseUrl, allowPrivilegedRole }).then(async (t) => {
      await t.session.close();
      return t;
    });

  it('refuses a superuser with one line that names the role and how to create the read-only one', async () => {
    const error = await target(server.url, false).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(/^refusing to EXPLAIN as role `postgres`: it can change the database \(superuser\)\. .*plumbline staging role --database postgres.*--allow-privileged-role/);
    expect((error as Error).message).not.toContain('\n');
  });

  it('refuses a role that can write one table, naming it', async () => {
    await server.query(`CREATE ROLE writer LOGIN; GRANT SELECT, INSERT ON items TO writer;`);
    const error = await target(asRole('writer').connectionString, false).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/refusing to EXPLAIN as role `writer`: it can change the database \(INSERT\/UPDATE\/DELETE\/TRUNCATE on public\.items\)/);
  });

  it('uses a superuser when the database is declared disposable, and says so', async () => {
    const t = await target(server.url, true);
    expect(t.notices.join(' ')).toMatch(/connected as `postgres` \(superuser\) because the database was declared disposable/);
  });

  it('accepts the role `plumbline staging role` creates, silently', async () => {
    const t = await target(asRole(EXPLAIN_ROLE).connectionString, false);
    expect(t.notices).toEqual([]);
    const result = await explainQuery(t.connection, 'SELECT * FROM items WHERE id = 3', { policy });
    expect(result.status).toBe('ok');
  });

  it('through the CLI: exit 2 and one line on stderr, no stack', () => {
    const run = plumbline(['explain', '--query', 'SELECT 1', '--database-url', server.url], { cwd: server.dir });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')[0]).toMatch(/refusing to EXPLAIN as role `postgres`/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const allowed = plumbline(['explain', '--query', 'SELECT * FROM items WHERE id = 1', '--database-url', server.url, '--allow-privileged-role'], { cwd: server.dir });
    expect(allowed.status).toBe(0);
    expect(allowed.stdout).toMatch(/Index Scan using items_pkey/);
  });

  it('`plumbline staging role --apply` creates a role that passes the check', async () => {
    const db = 'roledb';
    await server.query(`CREATE DATABASE ${db}`);
    await server.query('CREATE TABLE t (id int)', [], db);
    const printed = plumbline(['staging', 'role', '--database', db], { cwd: server.dir });
    expect(printed.status).toBe(0);
    expect(printed.stdout).toContain(`GRANT SELECT ON ALL TABLES IN SCHEMA "public" TO "${EXPLAIN_ROLE}";`);
    const applied = plumbline(['staging', 'role', '--apply', '--database-url', server.url.replace(/\/postgres$/, `/${db}`)], { cwd: server.dir });
    expect(applied.status, applied.stderr).toBe(0);
    const t = await target(asRole(EXPLAIN_ROLE).connectionString.replace(/\/postgres$/, `/${db}`), false);
    expect(t.notices).toEqual([]);
  });
});
