import { parseSync, loadModule } from 'libpg-query';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../core/catalog.js';
import { classifySql } from './classify.js';
import { paramComparisons } from './param-columns.js';
import { explainPolicy } from './sql-functions.js';

const policy = explainPolicy(loadCatalog());
beforeAll(() => loadModule());

describe('classifySql', () => {
  const runnable: Array<[string, 'read' | 'write', number]> = [
    ['SELECT * FROM orders WHERE id = $1', 'read', 1],
    ['select o.id from orders o left join users u on u.id = o.user_id order by o.created_at desc limit $2', 'read', 2],
    ['INSERT INTO orders (user_id) VALUES ($1) RETURNING id', 'write', 1],
    ['UPDATE orders SET status = $1 WHERE id = $2', 'write', 2],
    ['DELETE FROM orders WHERE id = $1', 'write', 1],
    // a data-modifying CTE inside a SELECT needs a read-write (rolled back) transaction
    ['WITH d AS (DELETE FROM orders RETURNING id) SELECT count(*) FROM d', 'write', 0],
    // FOR UPDATE takes row locks: not allowed in READ ONLY, run rolled back with lock_timeout
    ['SELECT * FROM orders WHERE id = 1 FOR UPDATE', 'write', 0],
  ];
  it.each(runnable)('%s → %s', async (sql, kind, params) => {
    const c = await classifySql(sql, policy);
    expect(c.refusals).toEqual([]);
    expect(c.kind).toBe(kind);
    expect(c.parameterCount).toBe(params);
    expect(c.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  const refused: Array<[string, RegExp]> = [
    ['CREATE INDEX ON orders (created_at)', /DDL/],
    ['TRUNCATE orders', /DDL/],
    ['VACUUM orders', /VACUUM/],
    ["COPY orders FROM PROGRAM 'curl evil'", /COPY/],
    ['BEGIN', /transaction control/],
    ['SET work_mem = 1', /SET changes/],
    ['LOCK orders', /LOCK/],
    ['CALL do_things()', /CALL/],
    ["DO $$ BEGIN PERFORM 1; END $$", /DO runs/],
    ['EXPLAIN ANALYZE DELETE FROM orders', /already an EXPLAIN/],
    ["SELECT * FROM dblink('host=x', 'DELETE FROM t') AS t(i int)", /dblink/],
    ["SELECT pg_catalog.pg_advisory_xact_lock(1)", /advisory lock/],
    ["SELECT PG_SLEEP(1)", /pg_sleep/],
    ["SELECT pg_notify('c', 'x')", /notification/],
    ["SELECT nextval('orders_id_seq')", /sequence/],
    ["SELECT pg_read_file('/etc/passwd')", /reads a file/],
    ['SELECT 1; SELECT 2', /2 statements/],
    ['SELEC 1', /does not parse/],
    ['', /Query cannot be empty/],
    ['-- only a comment', /0 statements|empty/],
  ];
  it.each(refused)('refuses %s', async (sql, reason) => {
    const c = await classifySql(sql, policy);
    expect(c.kind).toBeUndefined();
    expect(c.refusals.join(' ')).toMatch(reason);
  });

  it('reads extra side-effect functions from the catalog extension', async () => {
    const catalog = loadCatalog({ 'sql-side-effect-functions': [{ name: 'send_email', why: 'sends e-mail' }] });
    const c = await classifySql('SELECT send_email(u.email) FROM users u', explainPolicy(catalog));
    expect(c.refusals).toEqual(['calls `send_email()`, which sends e-mail']);
  });
});

describe('paramComparisons', () => {
  const tree = (sql: string) => parseSync(sql).stmts?.[0]?.stmt as Record<string, unknown>;
  it('resolves aliases, casts, IN lists and BETWEEN', () => {
    const sql = 'SELECT 1 FROM orders o JOIN users u ON u.id = o.user_id WHERE o.status = $1::text AND u.country IN ($2, $3) AND o.created_at BETWEEN $4 AND $5 AND total_cents + $6 > 0';
    expect(paramComparisons(tree(sql))).toEqual([
      { param: 1, column: 'status', table: 'orders', operator: 'equality' },
      { param: 2, column: 'country', table: 'users', operator: 'equality' },
      { param: 3, column: 'country', table: 'users', operator: 'equality' },
      { param: 4, column: 'created_at', table: 'orders', operator: 'range' },
      { param: 5, column: 'created_at', table: 'orders', operator: 'range' },
      { param: 6, column: 'total_cents', table: undefined, operator: 'other' },
    ]);
  });

  it('takes the only table for unqualified columns', () => {
    expect(paramComparisons(tree('SELECT * FROM events WHERE $1 < created_at'))).toEqual([{ param: 1, column: 'created_at', table: 'events', operator: 'range' }]);
  });
});
