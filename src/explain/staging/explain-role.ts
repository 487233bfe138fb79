import type pg from 'pg';
import { EXPLAIN_ROLE } from '../role-check.js';

/**
 * The embedded staging database's own least-privilege role, created and granted on every `staging up`
 * (new migrations bring new tables), so `explain` never runs as the superuser that owns the cluster.
 * Besides SELECT it holds INSERT/UPDATE/DELETE, because PostgreSQL checks them when it *plans* a write
 * (ExecutorStart, also for plain EXPLAIN); it never executes one: every session is READ ONLY and writes
 * are only planned (src/explain/safe-runner.ts). No TRUNCATE, no sequence USAGE, no CREATE, no function
 * beyond PUBLIC's EXECUTE. Local trust authentication, as for the rest of the embedded server.
 */
export async function grantEmbeddedExplainRole(admin: pg.Client, database: string): Promise<void> {
  await admin.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${EXPLAIN_ROLE}') THEN CREATE ROLE ${EXPLAIN_ROLE} LOGIN; END IF;
    END $$`);
  await admin.query(`ALTER ROLE ${EXPLAIN_ROLE} NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS`);
  await admin.query(`ALTER ROLE ${EXPLAIN_ROLE} SET default_transaction_read_only = on`);
  await admin.query(`GRANT CONNECT ON DATABASE "${database.replace(/"/g, '""')}" TO ${EXPLAIN_ROLE}`);
  // PostgreSQL 15 no longer lets PUBLIC create in `public`; older clusters still do, so revoke it here.
  await admin.query('REVOKE CREATE ON SCHEMA public FROM PUBLIC');
  const { rows } = await admin.query<{ schema: string }>(
    `SELECT format('%I', nspname) AS schema FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'`,
  );
  for (const { schema } of rows) {
    await admin.query(`GRANT USAGE ON SCHEMA ${schema} TO ${EXPLAIN_ROLE}`);
    await admin.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${EXPLAIN_ROLE}`);
  }
}

/** The same server URL with the explain role as user. */
export function explainRoleUrl(url: string): string {
  const parsed = new URL(url);
  parsed.username = EXPLAIN_ROLE;
  parsed.password = '';
  return parsed.toString();
}
