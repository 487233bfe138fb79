import { extendedQuery } from './extended-query.js';
import { DeadlineExceeded, type GuardedSession } from './guarded-session.js';
import { serverErrorClass } from './server-errors.js';

/**
 * Runs one query under EXPLAIN on a guarded session, each run in a READ ONLY transaction that is
 * rolled back. Reads are executed (EXPLAIN ANALYZE); writes are only planned (plain EXPLAIN): executing
 * a write, even rolled back, advances sequences (column defaults, identity columns) and fires triggers,
 * none of which a rollback undoes (issue #10). The caller has already refused anything that is not
 * exactly one query calling allowed functions (src/explain/classify.ts); this file never decides what may run.
 */
export interface RunRequest {
  sql: string;
  params: Array<string | null>;
  kind: 'read' | 'write';
  /** "full": warm-up, median of 3 TIMING OFF runs, then one ANALYZE+BUFFERS run. "quick": one TIMING OFF run. */
  timing: 'full' | 'quick';
}

export interface RunOutcome {
  status: 'ok' | 'timed-out' | 'error';
  /** The EXPLAIN JSON document (`[{ Plan, … }]`): analysed, or the estimated plan (writes, timeouts). */
  plan?: unknown;
  /** Median "Execution Time" of the TIMING OFF runs (ms); undefined for a plan that did not run. */
  totalMs?: number;
  /** "Execution Time" of each timed run. */
  runsMs: number[];
  /** Wall-clock time of the whole protocol (ms). */
  wallMs: number;
  /** A sanitized description: Plumbline's own words and a SQLSTATE, never server text. */
  message?: string;
}

const QUERY_CANCELED = '57014';
const LOCK_NOT_AVAILABLE = '55P03';

export async function runExplained(session: GuardedSession, request: RunRequest): Promise<RunOutcome> {
  const started = performance.now();
  const runsMs: number[] = [];
  const wallMs = () => Math.round((performance.now() - started) * 10) / 10;
  const explain = (options: string) => session.readOnly(() => explainJson(session, options, request));
  try {
    if (request.kind === 'write') return { status: 'ok', plan: await explain(''), runsMs, wallMs: wallMs() };
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
    const { statementMs, lockMs } = session.timeouts;
    if (code === QUERY_CANCELED) {
      // A statement_timeout during EXPLAIN ANALYZE returns no plan at all: fall back to the estimate.
      const plan = await explain('').catch(() => undefined);
      return { status: 'timed-out', plan, runsMs, wallMs: wallMs(), message: `timed out after ${statementMs} ms` };
    }
    if (code === LOCK_NOT_AVAILABLE) {
      return { status: 'error', runsMs, wallMs: wallMs(), message: `waited more than ${lockMs} ms for a lock held by another session` };
    }
    if (error instanceof DeadlineExceeded) return { status: 'timed-out', runsMs, wallMs: wallMs(), message: error.message };
    return { status: 'error', runsMs, wallMs: wallMs(), message: `the server refused the query: ${serverErrorClass(error)}` };
  }
}

async function explainJson(session: GuardedSession, options: string, request: RunRequest): Promise<unknown> {
  const prefix = `EXPLAIN (${options ? `${options}, ` : ''}FORMAT JSON) `;
  // Always the extended protocol (also without parameters): the server then rejects a second statement
  // on its own, a second line of defence behind the parse-tree check.
  const result = await session.query(extendedQuery(prefix + request.sql, request.params));
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
