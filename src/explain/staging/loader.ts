import { availableParallelism } from 'node:os';
import pg from 'pg';
import { UserError } from '../../core/errors.js';
import { columnExpression } from './column-sql.js';
import { loadOrder } from './profile-files.js';
import type { TableProfile } from './profile-schema.js';

export interface LoadProgress {
  phase: 'rows' | 'indexes' | 'analyze' | 'done';
  table?: string;
  loaded: number;
  total: number;
}

export interface LoadReport {
  tables: Array<{ table: string; rows: number; ms: number }>;
  rows: number;
  rowsMs: number;
  indexMs: number;
  /** Re-adding and validating the foreign keys dropped for the load. */
  foreignKeyMs: number;
  analyzeMs: number;
  totalMs: number;
}

export interface LoadOptions {
  /** Multiplies every table's row count (e.g. 0.1 for a quick load); foreign keys follow. */
  scale?: number;
  onProgress?: (progress: LoadProgress) => void;
  /** Rows per INSERT statement (progress granularity). */
  chunkRows?: number;
  /** Tables loaded at the same time, each on its own connection (default: CPU cores, at most 4). */
  parallel?: number;
}

/**
 * Loads a scale profile into an existing schema, on the server: the foreign keys among the profile's
 * tables, their primary keys and their secondary indexes are dropped first (and saved); each table is
 * TRUNCATEd and filled with `INSERT … SELECT … FROM generate_series` in one transaction on its own
 * connection, tables in parallel (with wal_level=minimal the inserts skip WAL); then keys and indexes are
 * rebuilt, the foreign keys re-added (validated unless the profile generated them), sequences moved past
 * the loaded keys, and ANALYZE. Only for a database Plumbline owns (the embedded one).
 */
export async function loadProfile(connection: pg.ClientConfig, profile: TableProfile[], options: LoadOptions = {}): Promise<LoadReport> {
  const started = performance.now();
  const scale = options.scale ?? 1;
  const tables = loadOrder(profile.map((t) => ({ ...t, rows: Math.round(t.rows * scale) })));
  const total = tables.reduce((n, t) => n + t.rows, 0);
  const chunkRows = options.chunkRows ?? 200_000;
  const report: LoadReport = { tables: [], rows: total, rowsMs: 0, indexMs: 0, foreignKeyMs: 0, analyzeMs: 0, totalMs: 0 };
  const progress = options.onProgress ?? (() => undefined);
  const names = tables.map((t) => t.table);
  let loaded = 0;

  const admin = new pg.Client(connection);
  await admin.connect();
  try {
    const columns = new Map<string, Map<string, string>>();
    for (const t of tables) columns.set(t.table, await columnTypes(admin, t));
    const indexes = await secondaryIndexes(admin, names);
    const foreignKeys = await foreignKeysAmong(admin, names);
    const primaryKeys = await droppablePrimaryKeys(admin, names);
    await admin.query('BEGIN');
    for (const fk of foreignKeys) await admin.query(`ALTER TABLE ${fk.table} DROP CONSTRAINT ${quoteIdent(fk.name)}`);
    for (const pk of primaryKeys) await admin.query(`ALTER TABLE ${pk.table} DROP CONSTRAINT ${quoteIdent(pk.name)}`);
    for (const index of indexes) await admin.query(`DROP INDEX ${index.name}`);
    await admin.query('COMMIT');
    try {
      const rowsStarted = performance.now();
      const loadTable = async (t: TableProfile) => {
        const tableStarted = performance.now();
        const types = columns.get(t.table) as Map<string, string>;
        const cols = Object.keys(t.columns);
        const exprs = cols.map((c) => columnExpression(t.columns[c], tables, types.get(c) as string));
        await inTransaction(connection, async (client) => {
          await client.query(`TRUNCATE ${t.table}`);
          for (let from = 1; from <= t.rows; from += chunkRows) {
            const to = Math.min(t.rows, from + chunkRows - 1);
            await client.query(`INSERT INTO ${t.table} (${cols.map(quoteIdent).join(', ')}) SELECT ${exprs.join(', ')} FROM generate_series(${from}, ${to}) AS g`);
            loaded += to - from + 1;
            progress({ phase: 'rows', table: t.table, loaded, total });
          }
        });
        report.tables.push({ table: t.table, rows: t.rows, ms: Math.round(performance.now() - tableStarted) });
      };
      // Foreign keys are off during the load, so tables are independent: biggest first, N at a time.
      await inParallel([...tables].sort((a, b) => b.rows - a.rows), options.parallel ?? Math.min(4, availableParallelism()), loadTable);
      report.rowsMs = Math.round(performance.now() - rowsStarted);
    } finally {
      const indexStarted = performance.now();
      let built = 0;
      const rebuild = [
        ...primaryKeys.map((pk) => ({ name: pk.name, definition: `ALTER TABLE ${pk.table} ADD CONSTRAINT ${quoteIdent(pk.name)} ${pk.definition}` })),
        ...indexes,
      ];
      await inParallel(rebuild, options.parallel ?? Math.min(4, availableParallelism()), async (index) => {
        progress({ phase: 'indexes', table: index.name, loaded: built++, total: rebuild.length });
        await withClient(connection, (c) => c.query(index.definition));
      });
      report.indexMs = Math.round(performance.now() - indexStarted);
      const fkStarted = performance.now();
      // Re-added as NOT VALID, then marked valid when the profile generated exactly that key (its values
      // are parent keys by construction), else validated: one scan per key instead of a trigger per row.
      for (const fk of foreignKeys) await admin.query(`ALTER TABLE ${fk.table} ADD CONSTRAINT ${quoteIdent(fk.name)} ${fk.definition} NOT VALID`);
      const toValidate: typeof foreignKeys = [];
      for (const fk of foreignKeys) {
        if (!generatedByProfile(fk, tables) || !(await markValid(admin, fk))) toValidate.push(fk);
      }
      await inParallel(toValidate, options.parallel ?? 2, (fk) => withClient(connection, (c) => c.query(`ALTER TABLE ${fk.table} VALIDATE CONSTRAINT ${quoteIdent(fk.name)}`)));
      report.foreignKeyMs = Math.round(performance.now() - fkStarted);
    }
    for (const t of tables) await advanceSequences(admin, t.table);
    const analyzeStarted = performance.now();
    progress({ phase: 'analyze', loaded: total, total });
    await inParallel(names, options.parallel ?? 2, (name) => withClient(connection, (c) => c.query(`ANALYZE ${name}`)));
    report.analyzeMs = Math.round(performance.now() - analyzeStarted);
  } finally {
    await admin.end();
  }
  report.tables.sort((a, b) => names.indexOf(a.table) - names.indexOf(b.table));
  report.totalMs = Math.round(performance.now() - started);
  progress({ phase: 'done', loaded: total, total });
  return report;
}

async function withClient<T>(connection: pg.ClientConfig, body: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(connection);
  await client.connect();
  try {
    return await body(client);
  } finally {
    await client.end();
  }
}

/** TRUNCATE and INSERT in the same transaction: with wal_level=minimal the rows skip WAL. */
async function inTransaction(connection: pg.ClientConfig, body: (client: pg.Client) => Promise<void>): Promise<void> {
  await withClient(connection, async (client) => {
    await client.query('BEGIN');
    try {
      await body(client);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  });
}

async function inParallel<T>(items: T[], width: number, work: (item: T) => Promise<unknown>): Promise<void> {
  const queue = [...items];
  const workers = Array.from({ length: Math.max(1, Math.min(width, queue.length)) }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  });
  await Promise.all(workers);
}

interface ForeignKey {
  table: string;
  name: string;
  definition: string;
  /** Single-column keys: the column and what it references; null for multi-column keys. */
  column: string | null;
  references: string | null;
}

async function foreignKeysAmong(client: pg.Client, tables: string[]): Promise<ForeignKey[]> {
  const { rows } = await client.query<ForeignKey>(
    `SELECT k.conrelid::regclass::text AS table, k.conname AS name, pg_get_constraintdef(k.oid) AS definition,
            CASE WHEN cardinality(k.conkey) = 1 THEN (SELECT attname FROM pg_attribute WHERE attrelid = k.conrelid AND attnum = k.conkey[1]) END AS column,
            CASE WHEN cardinality(k.confkey) = 1 THEN k.confrelid::regclass::text || '.' || (SELECT attname FROM pg_attribute WHERE attrelid = k.confrelid AND attnum = k.confkey[1]) END AS references
       FROM pg_constraint k
      WHERE k.contype = 'f' AND k.conrelid = ANY (SELECT to_regclass(t) FROM unnest($1::text[]) t)`,
    [tables],
  );
  return rows;
}

/**
 * Primary keys of the profile's tables that only the profile's own foreign keys (dropped for the load)
 * depend on: cheaper to build once after the load than to maintain row by row.
 */
async function droppablePrimaryKeys(client: pg.Client, tables: string[]): Promise<Array<{ table: string; name: string; definition: string }>> {
  const { rows } = await client.query<{ table: string; name: string; definition: string }>(
    `WITH ours AS (SELECT to_regclass(t) AS oid FROM unnest($1::text[]) t)
     SELECT p.conrelid::regclass::text AS table, p.conname AS name, pg_get_constraintdef(p.oid) AS definition
       FROM pg_constraint p
      WHERE p.contype = 'p' AND p.conrelid IN (SELECT oid FROM ours)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.confrelid = p.conrelid AND f.conrelid NOT IN (SELECT oid FROM ours))`,
    [tables],
  );
  return rows;
}

/** The profile generates this key's column as `foreign-key` into exactly the referenced column (loaded in full). */
function generatedByProfile(fk: ForeignKey, tables: TableProfile[]): boolean {
  const spec = fk.column ? tables.find((t) => t.table === fk.table)?.columns[fk.column] : undefined;
  return spec?.kind === 'foreign-key' && spec.references === fk.references && tables.some((t) => t.table === fk.references?.split('.')[0]);
}

/** Marks a NOT VALID key valid without the scan (superuser on a database Plumbline owns); false when not allowed. */
async function markValid(client: pg.Client, fk: ForeignKey): Promise<boolean> {
  try {
    await client.query('UPDATE pg_constraint SET convalidated = true WHERE conrelid = to_regclass($1) AND conname = $2', [fk.table, fk.name]);
    return true;
  } catch {
    return false;
  }
}

async function columnTypes(client: pg.Client, t: TableProfile): Promise<Map<string, string>> {
  const { rows } = await client.query<{ name: string; type: string }>(
    `SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
      WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped`,
    [t.table],
  );
  if (rows.length === 0) throw new UserError(`profile: table \`${t.table}\` does not exist in the staging schema`, 'Apply the schema first: plumbline staging up');
  const types = new Map(rows.map((r) => [r.name, r.type]));
  const unknown = Object.keys(t.columns).filter((c) => !types.has(c));
  if (unknown.length) throw new UserError(`profile: table \`${t.table}\` has no column ${unknown.map((c) => `\`${c}\``).join(', ')} (columns: ${[...types.keys()].join(', ')})`);
  return types;
}

/** Indexes that back no constraint: cheaper to build once after the load than to maintain row by row. */
async function secondaryIndexes(client: pg.Client, tables: string[]): Promise<Array<{ name: string; definition: string }>> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i
      WHERE i.indrelid = ANY (SELECT to_regclass(t) FROM unnest($1::text[]) t)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    [tables],
  );
  return rows;
}

async function advanceSequences(client: pg.Client, table: string): Promise<void> {
  const { rows } = await client.query<{ column: string; seq: string }>(
    `SELECT attname AS column, pg_get_serial_sequence($1, attname) AS seq FROM pg_attribute
      WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped AND pg_get_serial_sequence($1, attname) IS NOT NULL`,
    [table],
  );
  for (const r of rows) {
    await client.query(`SELECT setval($1, greatest(1, coalesce((SELECT max(${quoteIdent(r.column)}) FROM ${table}), 0) + 1), false)`, [r.seq]);
  }
}

function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}
