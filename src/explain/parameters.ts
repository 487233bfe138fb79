import type { ParamComparison } from './param-columns.js';
import { extendedQuery } from './extended-query.js';
import type { GuardedSession } from './guarded-session.js';

/**
 * Parameter values decide plans (one prepared query here took 0.6 ms, 15 ms or 0.9 s depending only on
 * the bound value), so they are chosen on purpose and reported: explicit values first; else, for a
 * parameter compared with a column, values from that column's pg_stats — the most common value, the
 * rarest common value, a value not in that list, histogram points for ranges — each run, the worst
 * kept; else a default for the parameter's type (found with PREPARE and pg_prepared_statements).
 */
export interface ParameterChoice {
  value: string | null;
  /** Where the value came from, shown in reports: "config", "annotation", "pg_stats most common value of orders.status", "default for integer". */
  source: string;
}

export interface ParameterCandidates {
  /** Parameter number ($1 = 1) → candidates, best guess first. */
  byParam: Map<number, ParameterChoice[]>;
  types: string[];
}

/**
 * Parameter types as PostgreSQL infers them: PREPARE (parse and analyse only, nothing runs) +
 * pg_prepared_statements, inside the guarded READ ONLY transaction so a lock on the table ends in
 * lock_timeout instead of a wait (issue #10).
 */
export async function parameterTypes(session: GuardedSession, sql: string): Promise<string[]> {
  const name = `plumbline_types_${process.pid}_${Date.now()}`;
  return session.readOnly(async () => {
    await session.query(extendedQuery(`PREPARE ${name} AS ${sql}`));
    try {
      const { rows } = await session.query<{ types: string[] }>('SELECT parameter_types::text[] AS types FROM pg_prepared_statements WHERE name = $1', [name]);
      return rows[0]?.types ?? [];
    } finally {
      await session.query(`DEALLOCATE ${name}`).catch(() => undefined);
    }
  });
}

interface ColumnStats {
  mcv: string[] | null;
  histogram: string[] | null;
}

export async function columnStats(session: GuardedSession, table: string, column: string): Promise<ColumnStats | undefined> {
  const { rows } = await session.query<ColumnStats>(
    `SELECT most_common_vals::text::text[] AS mcv, histogram_bounds::text::text[] AS histogram
       FROM pg_stats WHERE tablename = $1 AND attname = $2 AND schemaname = ANY (current_schemas(false)) LIMIT 1`,
    [table, column],
  );
  return rows[0];
}

/** Tables among `tables` that have `column` (to resolve unqualified columns in joins). */
export async function tableWithColumn(session: GuardedSession, tables: string[], column: string): Promise<string | undefined> {
  const { rows } = await session.query<{ table: string }>(
    `SELECT table_name AS table FROM information_schema.columns WHERE table_name = ANY ($1) AND column_name = $2 AND table_schema = ANY (current_schemas(false)) LIMIT 1`,
    [tables, column],
  );
  return rows[0]?.table;
}

/** Candidate values from a column's statistics for one comparison. */
export function candidatesFromStats(stats: ColumnStats, comparison: ParamComparison, table: string): ParameterChoice[] {
  const where = `${table}.${comparison.column}`;
  const mcv = stats.mcv ?? [];
  const hist = stats.histogram ?? [];
  const out: ParameterChoice[] = [];
  if (comparison.operator === 'range' && hist.length >= 3) {
    for (const [fraction, label] of [[0.5, 'median'], [0.1, '10th percentile'], [0.9, '90th percentile']] as const) {
      out.push({ value: hist[Math.round((hist.length - 1) * fraction)], source: `pg_stats histogram ${label} of ${where}` });
    }
    return out;
  }
  if (mcv.length) {
    out.push({ value: mcv[0], source: `pg_stats most common value of ${where}` });
    if (mcv.length > 1) out.push({ value: mcv[mcv.length - 1], source: `pg_stats rarest common value of ${where}` });
  }
  const notListed = hist.find((v, i) => i === Math.floor(hist.length / 2) && !mcv.includes(v)) ?? hist.find((v) => !mcv.includes(v));
  if (notListed !== undefined) out.push({ value: notListed, source: `pg_stats value of ${where} not among its common values` });
  return out;
}

/** A value every type accepts in text form, for parameters nothing better is known about. */
export function defaultFor(type: string | undefined): ParameterChoice {
  const t = (type ?? 'unknown').toLowerCase();
  const pick = (value: string | null) => ({ value, source: `default for ${t}` });
  if (t.endsWith('[]')) return pick('{}');
  if (/^(smallint|integer|bigint|numeric|real|double precision|oid)/.test(t)) return pick('1');
  if (t === 'boolean') return pick('true');
  if (t === 'uuid') return pick('00000000-0000-0000-0000-000000000001');
  if (/^(timestamp|date)/.test(t)) return pick(new Date().toISOString());
  if (t.startsWith('time')) return pick('12:00:00');
  if (t.startsWith('interval')) return pick('1 day');
  if (/^jsonb?$/.test(t)) return pick('{}');
  if (t === 'unknown') return pick(null);
  return pick('a');
}

/**
 * The parameter sets to try: the first candidate of each parameter, then each other candidate of one
 * parameter at a time (at most `limit` sets), so the slow value of any one parameter is found.
 */
export function parameterSets(count: number, candidates: Map<number, ParameterChoice[]>, types: string[], limit = 8): ParameterChoice[][] {
  const first = Array.from({ length: count }, (_, i) => candidates.get(i + 1)?.[0] ?? defaultFor(types[i]));
  const sets = [first];
  for (let i = 0; i < count && sets.length < limit; i++) {
    for (const alt of (candidates.get(i + 1) ?? []).slice(1)) {
      if (sets.length >= limit) break;
      const set = [...first];
      set[i] = alt;
      sets.push(set);
    }
  }
  return sets;
}
