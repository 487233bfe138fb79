import pg from 'pg';

/**
 * The only way `explain` talks to a database. Every round trip — parameter types, pg_stats sampling,
 * the generic plan, the runs — goes through one of these, so each is bounded twice:
 * - server side: `statement_timeout`, `lock_timeout` and `idle_in_transaction_session_timeout` are
 *   startup parameters of the connection, in force from its first statement (issue #10: a PREPARE on
 *   its own connection waited forever on a locked table), and `default_transaction_read_only = on`;
 * - client side: a deadline per round trip. When the server does not answer in time (a function that
 *   ignores the statement timeout), the backend is terminated from a second connection and the socket
 *   closed, so no Plumbline session is left on the server.
 */
export interface Timeouts {
  statementMs: number;
  lockMs: number;
  idleInTransactionMs: number;
  /** Client-side deadline of one round trip (connecting included); default statementMs + lockMs + 5 s. */
  deadlineMs?: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = { statementMs: 10_000, lockMs: 1_000, idleInTransactionMs: 20_000 };

export const APPLICATION_NAME = 'plumbline-explain';

/** Thrown when the server did not answer within the deadline; the backend has been ended. */
export class DeadlineExceeded extends Error {
  readonly code = 'PLUMBLINE_DEADLINE';
  constructor(readonly deadlineMs: number) {
    super(`no answer from the server within ${deadlineMs} ms; Plumbline ended its session`);
  }
}

export function deadlineOf(timeouts: Timeouts): number {
  return timeouts.deadlineMs ?? timeouts.statementMs + timeouts.lockMs + 5_000;
}

export class GuardedSession {
  private ended = false;
  private expired = false;

  private constructor(
    private readonly client: pg.Client,
    private readonly connection: pg.ClientConfig,
    readonly timeouts: Timeouts,
  ) {}

  static async open(connection: pg.ClientConfig, timeouts: Timeouts = DEFAULT_TIMEOUTS): Promise<GuardedSession> {
    const deadline = deadlineOf(timeouts);
    const client = new pg.Client({
      ...connection,
      application_name: APPLICATION_NAME,
      connectionTimeoutMillis: deadline,
      options: startupOptions(timeouts),
    });
    // A backend ended by the deadline (or the server) closes the socket: that is handled where the query fails.
    client.on('error', () => undefined);
    await client.connect();
    return new GuardedSession(client, connection, timeouts);
  }

  /** One round trip under the deadline. */
  async query<R extends pg.QueryResultRow = pg.QueryResultRow>(query: string | pg.QueryConfig, values?: unknown[]): Promise<pg.QueryResult<R>> {
    if (this.ended) throw new Error('the explain session was already ended');
    const deadline = deadlineOf(this.timeouts);
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.expired = true;
        void this.terminate().finally(() => reject(new DeadlineExceeded(deadline)));
      }, deadline);
    });
    const sent = (typeof query === 'string' ? this.client.query<R>(query, values) : this.client.query<R>(query)) as Promise<pg.QueryResult<R>>;
    // The losing promise must not surface as an unhandled rejection.
    sent.catch(() => undefined);
    expired.catch(() => undefined);
    try {
      return await Promise.race([sent, expired]);
    } catch (error) {
      // Terminating the backend fails the query itself first ("terminating connection…"): it is the deadline.
      throw this.expired ? new DeadlineExceeded(deadline) : error;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * BEGIN READ ONLY; body; ROLLBACK. The timeouts need no SET LOCAL: startup parameters outrank role and
   * database defaults, and nothing a change contains may run SET or set_config (classify.ts).
   */
  async readOnly<T>(body: () => Promise<T>): Promise<T> {
    await this.query('BEGIN READ ONLY');
    try {
      return await body();
    } finally {
      if (!this.ended) await this.query('ROLLBACK').catch(() => undefined);
    }
  }

  escapeLiteral(value: string): string {
    return this.client.escapeLiteral(value);
  }

  async close(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    const closing = this.client.end().catch(() => undefined);
    const late = setTimeout(() => this.destroySocket(), 2_000);
    await closing;
    clearTimeout(late);
  }

  /** Ends the backend from a second connection (a role may always end its own sessions), then drops the socket. */
  private async terminate(): Promise<void> {
    this.ended = true;
    const pid = (this.client as unknown as { processID?: number }).processID;
    if (pid) {
      const killer = new pg.Client({ ...this.connection, application_name: `${APPLICATION_NAME}-cleanup`, connectionTimeoutMillis: 3_000, options: startupOptions({ statementMs: 3_000, lockMs: 1_000, idleInTransactionMs: 3_000 }) });
      try {
        await killer.connect();
        await killer.query('SELECT pg_terminate_backend($1)', [pid]);
      } catch {
        // the socket is closed below either way; the server ends the backend when it next notices
      } finally {
        await killer.end().catch(() => undefined);
      }
    }
    this.destroySocket();
  }

  private destroySocket(): void {
    const stream = (this.client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream;
    stream?.destroy();
  }
}

/** Opens a session, runs `body`, always closes it. */
export async function withGuardedSession<T>(connection: pg.ClientConfig, timeouts: Timeouts, body: (session: GuardedSession) => Promise<T>): Promise<T> {
  const session = await GuardedSession.open(connection, timeouts);
  try {
    return await body(session);
  } finally {
    await session.close();
  }
}

function startupOptions(t: Timeouts): string {
  return [
    `-c statement_timeout=${ms(t.statementMs)}`,
    `-c lock_timeout=${ms(t.lockMs)}`,
    `-c idle_in_transaction_session_timeout=${ms(t.idleInTransactionMs)}`,
    '-c default_transaction_read_only=on',
  ].join(' ');
}

function ms(value: number): number {
  return Math.max(1, Math.round(value));
}
