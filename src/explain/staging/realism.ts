import type pg from 'pg';
import type { TableProfile } from './profile-schema.js';

/** A pg.Client or the explain stage's guarded session. */
export interface Queryable {
  query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

export interface TableSize {
  table: string;
  rows: number;
  expected: number;
}

/**
 * The realism gate: tables holding under `minFraction` of the rows their profile (or production
 * statistics) say. Row counts come from pg_class.reltuples (kept by ANALYZE/autovacuum), which is
 * cheap on any size; -1 (never analysed) is counted as 0.
 */
export async function undersizedTables(client: Queryable, expected: TableProfile[], minFraction: number): Promise<TableSize[]> {
  return (await tableSizes(client, expected)).filter((s) => s.expected > 0 && s.rows < s.expected * minFraction);
}

export async function tableSizes(client: Queryable, expected: TableProfile[]): Promise<TableSize[]> {
  if (expected.length === 0) return [];
  const { rows } = await client.query<{ name: string; rows: string | null }>(
    `SELECT t AS name, (SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE oid = to_regclass(t)) AS rows FROM unnest($1::text[]) t`,
    [expected.map((e) => e.table)],
  );
  return expected.map((e) => ({ table: e.table.split('.').pop() as string, rows: Number(rows.find((r) => r.name === e.table)?.rows ?? 0), expected: e.rows }));
}
