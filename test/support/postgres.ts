import { mkdtempSync, readFileSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { EXPLAIN_ROLE, leastPrivilegeRoleSql } from '../../src/explain/role-check.js';
import { systemBinaries, findBinaries } from '../../src/explain/staging/binaries.js';
import { startLocalServer, stopLocalServer, type LocalServer } from '../../src/explain/staging/local-server.js';
import { freePort } from '../../src/explain/staging/ports.js';

/**
 * A real, throwaway PostgreSQL for tests: the system's 15 binaries (/usr/lib/postgresql/15/bin) unless
 * PLUMBLINE_PG_BIN names another bin directory, initdb as a non-root user when we are root, a random
 * port, its unix socket in a temp dir, and everything removed by `stop()`.
 * Call it in `beforeAll` and `stop()` in `afterAll`; it takes about a second.
 */
export interface TestPostgres extends LocalServer {
  dir: string;
  /** Runs SQL as the superuser on a fresh connection (database `postgres` unless given). */
  query<T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[], database?: string): Promise<pg.QueryResult<T>>;
  /** Everything the server logged so far (log_statement = all when `logStatements` was set). */
  log(): string;
  stop(): Promise<void>;
}

/**
 * The URL of the read-only role `plumbline staging role` creates (src/explain/role-check.ts), set up on
 * `database`: what the README tells users to connect `explain` as. Tables created later by the
 * superuser are readable too (ALTER DEFAULT PRIVILEGES).
 */
export async function explainRoleUrl(server: TestPostgres, database = 'postgres'): Promise<string> {
  await server.query(leastPrivilegeRoleSql(database), [], database);
  return server.url.replace('postgres@', `${EXPLAIN_ROLE}@`).replace(/\/postgres$/, `/${database}`);
}

export interface TestPostgresOptions {
  /** Log every statement the server receives, so a test can prove something was never sent. */
  logStatements?: boolean;
  settings?: Record<string, string>;
}

export async function startPostgres(options: TestPostgresOptions = {}): Promise<TestPostgres> {
  const binaries = process.env.PLUMBLINE_PG_BIN ? findBinaries() : (systemBinaries('/usr/lib/postgresql/15/bin') ?? findBinaries('system'));
  if (!binaries) throw new Error('no PostgreSQL binaries found (install postgresql-15 or set PLUMBLINE_PG_BIN)');
  const dir = mkdtempSync(path.join(tmpdir(), 'plumbline-pg-'));
  chmodSync(dir, 0o755);
  const settings: Record<string, string> = { ...options.settings };
  if (options.logStatements) Object.assign(settings, { log_statement: "'all'", log_connections: 'on' });
  const server = await startLocalServer({ binaries, dir: path.join(dir, 'cluster'), port: await freePort(), settings });
  const stop = async () => {
    await stopLocalServer({ binaries, dir: path.join(dir, 'cluster') }, 'immediate').catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  return {
    ...server,
    dir,
    async query(sql, params, database = 'postgres') {
      const client = new pg.Client({ connectionString: server.url.replace(/\/postgres$/, `/${database}`) });
      await client.connect();
      try {
        return await client.query(sql, params);
      } finally {
        await client.end();
      }
    },
    log: () => readFileSync(server.logFile, 'utf8'),
    stop,
  };
}
