import { chmodSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/core/catalog.js';
import { explainQuery, type ExplainOutcome } from '../../src/explain/explain-query.js';
import { openExplainTarget } from '../../src/explain/explain-target.js';
import { EXPLAIN_ROLE, leastPrivilegeRoleSql } from '../../src/explain/role-check.js';
import { explainPolicy } from '../../src/explain/sql-functions.js';
import { startPostgres, type TestPostgres } from '../support/postgres.js';
import { serverFingerprint } from '../support/server-fingerprint.js';
import { BENIGN, HOSTILE } from './hostile-statements.js';

// DESIGN.md "EXPLAIN safety": nothing a change contains may leave a trace on the staging server, as the
// least-privilege role and as a superuser with the override. Every statement of hostile-statements.ts
// goes through the real explain path against a real PostgreSQL whose whole state is fingerprinted
// before and after each category; a victim session of the same role must survive and hear nothing.
const DB = 'hostile';
const TIMEOUTS = { statementMs: 500, lockMs: 200, idleInTransactionMs: 2_000, deadlineMs: 4_000 };
const policy = explainPolicy(loadCatalog());
let server: TestPostgres;
let watchDir: string;
let victim: pg.Client;
let victimPid: number;
const heard: string[] = [];

const url = (user: string) => server.url.replace('postgres@', `${user}@`).replace(/\/postgres$/, `/${DB}`);
const fingerprint = () => serverFingerprint(server, { database: DB, watchDirs: [watchDir] });

async function noPlumblineSessionsLeft(): Promise<number> {
  for (let i = 0; i < 40; i++) {
    const { rows } = await server.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name LIKE 'plumbline%'");
    if (rows[0].n === 0) return 0;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return (await server.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name LIKE 'plumbline%'")).rows[0].n;
}

beforeAll(async () => {
  server = await startPostgres({ settings: { wal_level: 'logical', max_wal_senders: '10', max_replication_slots: '10' } });
  watchDir = path.join(server.dir, 'hostile-files');
  mkdirSync(watchDir);
  chmodSync(watchDir, 0o777); // writable by the server's OS user: COPY / lo_export would succeed if they ran
  await server.query(`CREATE DATABASE ${DB}`);
  await server.query(
    `CREATE TABLE accounts (id serial PRIMARY KEY, email text, balance int);
     CREATE TABLE events (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, account_id int, kind text, created_at timestamptz DEFAULT now());
     CREATE SEQUENCE audit_seq;
     CREATE TABLE audit (id bigint DEFAULT nextval('audit_seq'), note text);
     CREATE TABLE secrets (secret text);
     INSERT INTO secrets VALUES ('SECRET-MARKER-7f3a');
     INSERT INTO accounts (email, balance) SELECT 'user' || g || '@example.com', g FROM generate_series(1, 1000) g;
     INSERT INTO events (account_id, kind) SELECT g % 1000 + 1, 'seed' FROM generate_series(1, 2000) g;
     CREATE FUNCTION audit_rows() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN INSERT INTO audit (note) SELECT 'audit' FROM generate_series(1, 25000); RETURN NULL; END $$;
     CREATE TRIGGER accounts_audit AFTER INSERT OR UPDATE OR DELETE ON accounts FOR EACH ROW EXECUTE FUNCTION audit_rows();
     CREATE FUNCTION sneaky_insert() RETURNS int LANGUAGE sql VOLATILE AS $$ INSERT INTO accounts (email) VALUES ('x') RETURNING 1 $$;
     CREATE FUNCTION bump() RETURNS bigint LANGUAGE sql AS $$ SELECT nextval('audit_seq') $$;
     CREATE FUNCTION definer_bump() RETURNS bigint LANGUAGE sql SECURITY DEFINER AS $$ SELECT setval('audit_seq', 999999) $$;
     CREATE FUNCTION mislabelled(text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT nextval('audit_seq')::text $$;
     GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO PUBLIC;
     SELECT lo_create(4242);
     ANALYZE;`,
    [],
    DB,
  );
  // Extensions a hostile query would reach for; present when the server has contrib (CI installs it).
  for (const extension of ['dblink', 'tablefunc']) await server.query(`CREATE EXTENSION IF NOT EXISTS ${extension}`, [], DB).catch(() => undefined);
  await server.query("SELECT pg_create_logical_replication_slot('kept', 'test_decoding')", [], DB).catch(() => server.query("SELECT pg_create_physical_replication_slot('kept', true)", [], DB));
  await server.query(leastPrivilegeRoleSql(DB), [], DB);
  victim = new pg.Client({ connectionString: url(EXPLAIN_ROLE), application_name: 'hostile-victim' });
  await victim.connect();
  victim.on('notification', (n) => heard.push(n.channel));
  await victim.query('LISTEN hostile');
  victimPid = (await victim.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
}, 60_000);

afterAll(async () => {
  await victim?.end().catch(() => undefined);
  await server?.stop();
});

const roles = [
  { name: `the least-privilege role (${EXPLAIN_ROLE})`, user: EXPLAIN_ROLE, allowPrivilegedRole: false },
  { name: 'a superuser with --allow-privileged-role', user: 'postgres', allowPrivilegedRole: true },
];

describe.each(roles)('as $name', ({ user, allowPrivilegedRole }) => {
  let connection: { connectionString: string };

  beforeAll(async () => {
    const target = await openExplainTarget({ root: server.dir, section: {}, timeouts: TIMEOUTS, databaseUrl: url(user), allowPrivilegedRole });
    await target.session.close();
    connection = target.connection;
  });

  it.each(Object.entries(HOSTILE))('%s: the server is unchanged and the victim session unharmed', async (category, statements) => {
    const before = await fingerprint();
    const outcomes: ExplainOutcome[] = [];
    for (const statement of statements) {
      const outcome = await explainQuery(connection, statement({ dir: watchDir, db: DB }), { policy, timeouts: TIMEOUTS });
      outcomes.push(outcome);
      // A write that reached the server was planned, never executed.
      if (outcome.status === 'ok' && outcome.classification.kind === 'write') expect(outcome.plan?.analyzed).toBe(false);
    }
    expect(await noPlumblineSessionsLeft()).toBe(0);
    expect(await fingerprint()).toEqual(before);
    expect((await victim.query('SELECT pg_backend_pid() AS pid')).rows[0].pid).toBe(victimPid);
    expect(heard).toEqual([]);
    // The writes do reach the server: as a superuser every one of them is planned (not refused, not failed).
    if (allowPrivilegedRole && category.startsWith('writes')) expect(outcomes.map((o) => o.status)).toEqual(statements.map(() => 'ok'));
  }, 60_000);

  it('still explains ordinary reads (the suite is not passing by refusing everything)', async () => {
    for (const sql of BENIGN) {
      const outcome = await explainQuery(connection, sql, { policy, timeouts: TIMEOUTS });
      expect(outcome.status, `${sql}: ${outcome.notes.join('; ')}`).toBe('ok');
      expect(outcome.plan?.analyzed).toBe(true);
    }
  });
});

describe('the fingerprint sees what the hostile statements would have done (control)', () => {
  const direct: Array<[string, string, string]> = [
    ['a rolled-back INSERT through a trigger advances the audit sequence', 'BEGIN; INSERT INTO accounts (email) VALUES (1); ROLLBACK;', 'sequences'],
    ['query_to_xml runs setval', "SELECT query_to_xml('SELECT setval(''audit_seq'', 42)', true, false, '')", 'sequences'],
    ['lo_create makes a large object', 'SELECT lo_create(0)', 'largeObjects'],
    ['pg_stat_reset resets the statistics', 'SELECT pg_stat_reset()', 'statsResets'],
    ['a physical slot is created', "SELECT pg_create_physical_replication_slot('control')", 'replicationSlots'],
    ['ALTER SYSTEM writes postgresql.auto.conf', "ALTER SYSTEM SET work_mem = '7MB'", 'files'],
  ];
  it.each(direct)('%s', async (_name, sql, key) => {
    const before = await fingerprint();
    await server.query(sql, [], DB);
    const after = await fingerprint();
    expect(after[key]).not.toEqual(before[key]);
  });
});
