import type { GuardedSession } from './guarded-session.js';

/**
 * The role `explain` connects as, against the least-privilege role of src/explain/README.md. Against a
 * database Plumbline does not own, a role that could change it is refused unless the user says the
 * database is disposable (`--allow-privileged-role`): the statement checks are the guarantee, the role
 * is the net under them, and a shared staging server deserves both.
 */
export const EXPLAIN_ROLE = 'plumbline_explain';

export const PRIVILEGED_ROLE_OVERRIDE = '--allow-privileged-role (or PLUMBLINE_ALLOW_PRIVILEGED_ROLE=1)';

export const PRIVILEGED_ROLE_FLAG_HELP =
  'the --database-url database is disposable: EXPLAIN as a superuser or a role that can write instead of refusing (the statement checks still apply)';

/** Built-in roles whose members reach files, programs or other sessions. */
const DANGEROUS_MEMBERSHIPS = ['pg_read_server_files', 'pg_write_server_files', 'pg_execute_server_program', 'pg_signal_backend', 'pg_write_all_data'];

export interface RoleReport {
  name: string;
  database: string;
  /** What the role can do beyond reading ("superuser", "INSERT/UPDATE/DELETE on public.orders and 3 more", …). */
  excess: string[];
}

const NOT_SYSTEM = `n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'`;

export async function inspectRole(session: GuardedSession): Promise<RoleReport> {
  const { rows } = await session.query<Record<string, unknown>>(
    `SELECT current_user AS name, current_database() AS database, r.rolsuper AS superuser, r.rolcreaterole AS createrole,
            r.rolcreatedb AS createdb, r.rolreplication AS replication, r.rolbypassrls AS bypassrls,
            has_database_privilege(current_database(), 'CREATE') AS create_in_database,
            (SELECT array_agg(g.rolname::text ORDER BY g.rolname) FROM pg_roles g
              WHERE g.rolname = ANY ($1) AND pg_has_role(current_user, g.oid, 'USAGE')) AS memberships,
            (SELECT array_agg(n.nspname::text ORDER BY n.nspname) FROM pg_namespace n
              WHERE ${NOT_SYSTEM} AND has_schema_privilege(n.oid, 'CREATE')) AS create_in_schemas,
            (SELECT array_agg(format('%I.%I', n.nspname, c.relname) ORDER BY n.nspname, c.relname)
               FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND ${NOT_SYSTEM}
                AND (has_table_privilege(c.oid, 'INSERT') OR has_table_privilege(c.oid, 'UPDATE')
                     OR has_table_privilege(c.oid, 'DELETE') OR has_table_privilege(c.oid, 'TRUNCATE'))) AS writable_tables,
            (SELECT array_agg(format('%I.%I', n.nspname, c.relname) ORDER BY n.nspname, c.relname)
               FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE c.relkind = 'S' AND ${NOT_SYSTEM}
                AND (has_sequence_privilege(c.oid, 'USAGE') OR has_sequence_privilege(c.oid, 'UPDATE'))) AS usable_sequences
       FROM pg_roles r WHERE r.rolname = current_user`,
    [DANGEROUS_MEMBERSHIPS],
  );
  const role = rows[0] ?? {};
  const name = String(role.name ?? 'unknown');
  const database = String(role.database ?? '');
  if (role.superuser) return { name, database, excess: ['superuser'] };
  const excess: string[] = [];
  for (const attribute of ['createrole', 'createdb', 'replication', 'bypassrls'] as const) {
    if (role[attribute]) excess.push(attribute.toUpperCase());
  }
  const list = (value: unknown) => (Array.isArray(value) ? (value as string[]) : []);
  const some = (names: string[]) => (names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', '));
  if (list(role.memberships).length) excess.push(`member of ${list(role.memberships).join(', ')}`);
  if (role.create_in_database) excess.push('CREATE on the database');
  if (list(role.create_in_schemas).length) excess.push(`CREATE on schema ${some(list(role.create_in_schemas))}`);
  if (list(role.writable_tables).length) excess.push(`INSERT/UPDATE/DELETE/TRUNCATE on ${some(list(role.writable_tables))}`);
  if (list(role.usable_sequences).length) excess.push(`USAGE/UPDATE on sequence ${some(list(role.usable_sequences))}`);
  return { name, database, excess };
}

/** The one-line refusal for a role with more than read access. */
export function roleRefusal(report: RoleReport): string {
  return (
    `refusing to EXPLAIN as role \`${report.name}\`: it can change the database (${report.excess.join('; ')}). ` +
    `Connect as a read-only role — \`plumbline staging role --database ${report.database || '<name>'}\` prints the SQL to create \`${EXPLAIN_ROLE}\` — ` +
    `or, for a disposable database you own, pass ${PRIVILEGED_ROLE_OVERRIDE}`
  );
}

/** SQL that creates the least-privilege role on a database (printed or applied by `plumbline staging role`). */
export function leastPrivilegeRoleSql(database: string, schemas: string[] = ['public'], role = EXPLAIN_ROLE): string {
  const id = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const lines = [
    `-- A read-only role for \`plumbline explain\` on ${database}. Set a password: ALTER ROLE ${id(role)} PASSWORD '…';`,
    `DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${role.replace(/'/g, "''")}') THEN CREATE ROLE ${id(role)} LOGIN; END IF; END $$;`,
    `ALTER ROLE ${id(role)} NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;`,
    `ALTER ROLE ${id(role)} SET default_transaction_read_only = on;`,
    `ALTER ROLE ${id(role)} SET statement_timeout = '30s';`,
    `GRANT CONNECT ON DATABASE ${id(database)} TO ${id(role)};`,
  ];
  for (const schema of schemas) {
    lines.push(`GRANT USAGE ON SCHEMA ${id(schema)} TO ${id(role)};`);
    lines.push(`GRANT SELECT ON ALL TABLES IN SCHEMA ${id(schema)} TO ${id(role)};`);
    lines.push(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${id(schema)} GRANT SELECT ON TABLES TO ${id(role)};`);
  }
  lines.push(`-- never: superuser, INSERT/UPDATE/DELETE/TRUNCATE, sequence USAGE, pg_read_server_files, pg_write_server_files, pg_execute_server_program, pg_signal_backend`);
  return `${lines.join('\n')}\n`;
}

/** Whether the user said the database is disposable, by flag or environment. */
export function privilegedRoleAllowed(flag: boolean | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(flag) || env.PLUMBLINE_ALLOW_PRIVILEGED_ROLE === '1' || env.PLUMBLINE_ALLOW_PRIVILEGED_ROLE === 'true';
}
