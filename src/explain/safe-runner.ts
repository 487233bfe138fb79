import pg from 'pg';
import { extendedQuery } from './extended-query.js';

/**
 * Runs one query under EXPLAIN on its own connection, inside a transaction that is always rolled back:
 * `BEGIN READ ONLY` for reads, `BEGIN` … `ROLLBACK` for writes, with statement, lock and idle timeouts set
 * LOCAL to that transaction. The caller has already refused anything that is not exactly one query
 * (src/explain/classify.ts); this file never decides what may run.
 */
export interface Timeouts {
  statementMs: number;
  lockMs: number;
  idleInTransactionMs: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = { statementMs: 10_000, lockMs: 1_000, idleInTransactionMs: 20_000 };

export interface RunRequest {
  sql: string;
  params: Array<string | null>;
  kind: 'read' | 'write';
  /** "full": warm-up, median of 3 TIMING OFF runs, then one ANALYZE+BUFFERS run. "quick": one TIMING OFF run. */
  timing: 'full' | 'quick';
}

export interface RunOutcome {
  status: 'ok' | 'timed-out' | 'error';
  /** The EXPLAIN JSON document (`[{ Plan, … }]`): analysed, or the estimated plan after a timeout. */
  plan?: unknown;
  /** Median "Execution Time" of the TIMING OFF runs (ms). */
  totalMs?: number;
  /** "Execution Time" of each timed run. */
  runsMs: number[];
  /** Wall-clock time of the whole protocol, connection included (ms). */
  wallMs: number;
  message?: string;
}

const QUERY_CANCELED = '57014';
const LOCK_NOT_AVAILABLE = '55P03';

export async function runExplained(connection: pg.ClientConfig, request: RunRequest, timeouts: Timeouts = DEFAULT_TIMEOUTS): Promise<RunOutcome> {
  const started = performance.now();
  const client = new pg.Client({ ...connection, application_name: 'plumbline-explain' });
  const runsMs: number[] = [];
  const wallMs = () => Math.round((performance.now() - started) * 10) / 10;
  await client.connect();
  try {
    const explain = (options: string) => inRolledBackTransaction(client, request.kind, timeouts, () => explainJson(client, options, request));
    try {
      if (request.timing === 'quick') {
        const plan = await explain('ANALYZE, TIMING OFF');
        runsMs.push(executionTime(plan));
        return { status: 'ok', plan, totalMs: runsMs[0], runsMs, wallMs: wallMs() };
      }
      await explain('ANALYZE, TIMING OFF'); // warm-up: caches and catalog lookups, not measured
      for (let i = 0; i < 3; i++) runsMs.push(executionTime(await explain('ANALYZE, TIMING OFF')));
      const plan = await explain('ANALYZE, BUFFERS');
      return { status: 'ok', plan, totalMs: median(runsMs), runsMs, wallMs: wallMs() };
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === QUERY_CANCELED) {
        // A statement_timeout during EXPLAIN ANALYZE returns no plan at all: fall back to the estimate.
        const plan = await explain('').catch(() => undefined);
        return { status: 'timed-out', plan, runsMs, wallMs: wallMs(), message: `timed out after ${timeouts.statementMs} ms` };
      }
      if (code === LOCK_NOT_AVAILABLE) {
        return { status: 'error', runsMs, wallMs: wallMs(), message: `waited more than ${timeouts.lockMs} ms for a lock held by another session` };
      }
      return { status: 'error', runsMs, wallMs: wallMs(), message: (error as Error).message };
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** BEGIN [READ ONLY]; SET LOCAL timeouts; body; ROLLBACK — the rollback runs whatever happens. */
export async function inRolledBackTransaction<T>(client: pg.Client, kind: 'read' | 'write', timeouts: Timeouts, body: () => Promise<T>): Promise<T> {
  await client.query(kind === 'read' ? 'BEGIN READ ONLY' : 'BEGIN');
  try {
    await client.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.round(timeouts.statementMs))}`);
    await client.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.round(timeouts.lockMs))}`);
    await client.query(`SET LOCAL idle_in_transaction_session_timeout = ${Math.max(1, Math.round(timeouts.idleInTransactionMs))}`);
    return await body();
  } finally {
    await client.query('ROLLBACK');
  }
}

async function explainJson(client: pg.Client, options: string, request: RunRequest): Promise<unknown> {
  const prefix = `EXPLAIN (${options ? `${options}, ` : ''}FORMAT JSON) `;
  // Always the extended protocol (also without parameters): the server then rejects a second statement
  // on its own, a second line of defence behind the parse-tree check.
  const result = await client.query(extendedQuery(prefix + request.sql, request.params));
  return result.rows[0]['QUERY PLAN'];
}

function executionTime(plan: unknown): number {
  const root = Array.isArray(plan) ? (plan[0] as Record<string, unknown>) : undefined;
  return Number(root?.['Execution Time'] ?? NaN);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
