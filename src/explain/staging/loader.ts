import type pg from 'pg';
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
  analyzeMs: number;
  totalMs: number;
}

export interface LoadOptions {
  /** Multiplies every table's row count (e.g. 0.1 for a quick load); foreign keys follow. */
  scale?: number;
  onProgress?: (progress: LoadProgress) => void;
  /** Rows per INSERT statement (progress granularity). */
  chunkRows?: number;
}

/**
 * Loads a scale profile into an existing schema, on the server: TRUNCATE and `INSERT … SELECT …
 * FROM generate_series` in one transaction (with wal_level=minimal the inserts then skip WAL), secondary
 * indexes dropped before and rebuilt after, foreign-key triggers off (the data is generated consistent),
 * sequences moved past the loaded keys, then ANALYZE. Only for a database Plumbline owns (embedded).
 */
export async function loadProfile(client: pg.Client, profile: TableProfile[], options: LoadOptions = {}): Promise<LoadReport> {
  const started = performance.now();
  const scale = options.scale ?? 1;
  const tables = loadOrder(profile.map((t) => ({ ...t, rows: Math.round(t.rows * scale) })));
  const total = tables.reduce((n, t) => n + t.rows, 0);
  const chunkRows = options.chunkRows ?? 200_000;
  const report: LoadReport = { tables: [], rows: total, rowsMs: 0, indexMs: 0, analyzeMs: 0, totalMs: 0 };
  const progress = options.onProgress ?? (() => undefined);
  let loaded = 0;

  const columns = new Map<string, Map<string, string>>();
  for (const t of tables) columns.set(t.table, await columnTypes(client, t));
  const indexes = await secondaryIndexes(client, tables.map((t) => t.table));

  await client.query('BEGIN');
  try {
    await client.query('SET LOCAL session_replication_role = replica');
    await client.query(`TRUNCATE ${tables.map((t) => t.table).join(', ')}`);
    for (const index of indexes) await client.query(`DROP INDEX ${index.name}`);
    const rowsStarted = performance.now();
    for (const t of tables) {
      const tableStarted = performance.now();
      const types = columns.get(t.table) as Map<string, string>;
      const names = Object.keys(t.columns);
      const exprs = names.map((c) => columnExpression(t.columns[c], tables, types.get(c) as string));
      for (let from = 1; from <= t.rows; from += chunkRows) {
        const to = Math.min(t.rows, from + chunkRows - 1);
        await client.query(`INSERT INTO ${t.table} (${names.map(quoteIdent).join(', ')}) SELECT ${exprs.join(', ')} FROM generate_series(${from}, ${to}) AS g`);
        loaded += to - from + 1;
        progress({ phase: 'rows', table: t.table, loaded, total });
      }
      report.tables.push({ table: t.table, rows: t.rows, ms: Math.round(performance.now() - tableStarted) });
    }
    report.rowsMs = Math.round(performance.now() - rowsStarted);
    const indexStarted = performance.now();
    for (const [i, index] of indexes.entries()) {
      progress({ phase: 'indexes', table: index.name, loaded: i, total: indexes.length });
      await client.query(index.definition);
    }
    report.indexMs = Math.round(performance.now() - indexStarted);
    for (const t of tables) await advanceSequences(client, t.table);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  const analyzeStarted = performance.now();
  progress({ phase: 'analyze', loaded: total, total });
  await client.query(`ANALYZE ${tables.map((t) => t.table).join(', ')}`);
  report.analyzeMs = Math.round(performance.now() - analyzeStarted);
  report.totalMs = Math.round(performance.now() - started);
  progress({ phase: 'done', loaded: total, total });
  return report;
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
