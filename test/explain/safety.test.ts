import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { loadCatalog } from '../../src/core/catalog.js';
import { explainQuery } from '../../src/explain/explain-query.js';
import { roleWarnings } from '../../src/explain/role-check.js';
import { explainPolicy } from '../../src/explain/sql-functions.js';
import { startPostgres, type TestPostgres } from '../support/postgres.js';

// Every safety rule of DESIGN.md "EXPLAIN safety", against a real PostgreSQL that logs every statement it receives.
let server: TestPostgres;
const policy = explainPolicy(loadCatalog());
const connection = () => ({ connectionString: server.url });
const count = async () => Number((await server.query('SELECT count(*) AS n FROM items')).rows[0].n);

beforeAll(async () => {
  server = await startPostgres({ logStatements: true });
  await server.query(`CREATE TABLE items (id int PRIMARY KEY, label text);
    INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 1000) g;
    CREATE FUNCTION sneaky_insert() RETURNS int LANGUAGE sql VOLATILE AS $$ INSERT INTO items VALUES (100000, 'x') RETURNING 1 $$;`);
}, 30_000);
afterAll(async () => server?.stop());

describe('writes run inside BEGIN … ROLLBACK', () => {
  it('a DELETE is explained with ANALYZE and leaves the row count unchanged', async () => {
    const result = await explainQuery(connection(), 'DELETE FROM items WHERE id <= 500', { policy });
    expect(result.status).toBe('ok');
    expect(result.plan?.root.nodeType).toBe('ModifyTable');
    expect(result.plan?.analyzed).toBe(true);
    expect(await count()).toBe(1000);
  });

  it('an UPDATE and a data-modifying CTE change nothing either', async () => {
    await explainQuery(connection(), "UPDATE items SET label = 'changed'", { policy });
    const cte = await explainQuery(connection(), 'WITH d AS (DELETE FROM items RETURNING id) SELECT count(*) FROM d', { policy });
    expect(cte.classification.kind).toBe('write');
    expect(cte.status).toBe('ok');
    expect(await count()).toBe(1000);
    expect((await server.query("SELECT count(*) AS n FROM items WHERE label = 'changed'")).rows[0].n).toBe('0');
  });
});

describe('reads run in BEGIN READ ONLY', () => {
  it('a SELECT that writes through a function fails instead of writing', async () => {
    const result = await explainQuery(connection(), 'SELECT sneaky_insert()', { policy });
    expect(result.classification.kind).toBe('read');
    expect(result.status).toBe('error');
    expect(result.notes.join(' ')).toMatch(/read-only transaction/);
    expect(await count()).toBe(1000);
  });
});

describe('refused from the parse tree before anything is sent', () => {
  const refused: Array<[string, (marker: string) => string, RegExp]> = [
    ['DDL', (m) => `DROP TABLE items /* ${m} */`, /DDL/],
    ['COPY to a server file', (m) => `COPY items TO '/tmp/${m}.csv'`, /COPY/],
    ['pg_sleep', (m) => `SELECT pg_sleep(5) /* ${m} */`, /pg_sleep/],
    ['an advisory lock', (m) => `SELECT pg_advisory_lock(42) /* ${m} */`, /advisory lock/],
    ['multiple statements', (m) => `SELECT 1; DELETE FROM items /* ${m} */`, /2 statements/],
    ['SET', (m) => `SET statement_timeout = 0 /* ${m} */`, /SET changes/],
    ['set_config', (m) => `SELECT set_config('statement_timeout', '0', false) /* ${m} */`, /set_config/],
    ['LOCK', (m) => `LOCK TABLE items /* ${m} */`, /LOCK/],
    ['transaction control', (m) => `COMMIT /* ${m} */`, /transaction control/],
    ['pg_terminate_backend', (m) => `SELECT pg_terminate_backend(pid) FROM pg_stat_activity /* ${m} */`, /terminates/],
    ['lo_import', (m) => `SELECT lo_import('/etc/passwd') /* ${m} */`, /large objects/],
    ['SELECT INTO', (m) => `SELECT * INTO copy_${m.replace(/-/g, '')} FROM items`, /creates a table/],
  ];
  it.each(refused)('%s', async (_name, sqlFor, reason) => {
    const marker = `plumbline-${randomUUID()}`;
    const sql = sqlFor(marker);
    const result = await explainQuery(connection(), sql, { policy });
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

  it('took no advisory lock and the table still exists', async () => {
    const locks = await server.query("SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory'");
    expect(locks.rows[0].n).toBe('0');
    expect(await count()).toBe(1000);
  });
});

describe('statement timeout', () => {
  it('falls back to the estimated plan and says "timed out after N ms"', async () => {
    const sql = 'SELECT count(*) FROM generate_series(1, 200000000) a';
    const result = await explainQuery(connection(), sql, { policy, timeouts: { statementMs: 200, lockMs: 200, idleInTransactionMs: 5000 } });
    expect(result.status).toBe('timed-out');
    expect(result.notes.join(' ')).toContain('timed out after 200 ms');
    expect(result.plan?.analyzed).toBe(false);
    expect(result.plan?.root.nodeType).toBe('Aggregate');
    expect(result.issues.map((i) => i.ruleId)).toContain('query-plan/slow-query');
  }, 20_000);

  it('gives up on a lock after lock_timeout instead of waiting', async () => {
    const holder = new pg.Client({ connectionString: server.url });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE items IN ACCESS EXCLUSIVE MODE');
    try {
      const result = await explainQuery(connection(), 'SELECT * FROM items', { policy, timeouts: { statementMs: 5000, lockMs: 150, idleInTransactionMs: 5000 } });
      expect(result.status).toBe('error');
      expect(result.notes.join(' ')).toContain('150 ms for a lock');
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
  });
});

describe('least-privilege role check', () => {
  it('warns when connected as a superuser', async () => {
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    try {
      expect((await roleWarnings(client)).join(' ')).toMatch(/superuser/);
    } finally {
      await client.end();
    }
  });

  it('is silent for the documented least-privilege role', async () => {
    await server.query(`CREATE ROLE plumbline_explain LOGIN;
      ALTER ROLE plumbline_explain SET default_transaction_read_only = on;
      GRANT SELECT ON ALL TABLES IN SCHEMA public TO plumbline_explain;`);
    const client = new pg.Client({ connectionString: server.url.replace('postgres@', 'plumbline_explain@') });
    await client.connect();
    try {
      expect(await roleWarnings(client)).toEqual([]);
    } finally {
      await client.end();
    }
    const asRole = await explainQuery({ connectionString: server.url.replace('postgres@', 'plumbline_explain@') }, 'SELECT * FROM items WHERE id = 3', { policy });
    expect(asRole.status).toBe('ok');
  });
});
