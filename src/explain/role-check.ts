import type pg from 'pg';

/**
 * What the connected role is allowed to do, against the least-privilege role in src/explain/README.md:
 * not superuser, `default_transaction_read_only = on`, no pg_read/write_server_files, no
 * pg_execute_server_program, no pg_signal_backend. Returns one warning per excess privilege.
 */
export async function roleWarnings(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<Record<string, unknown>>(`
    SELECT current_user AS name, r.rolsuper AS superuser,
           current_setting('default_transaction_read_only') AS read_only,
           pg_has_role(current_user, 'pg_read_server_files', 'MEMBER') AS read_files,
           pg_has_role(current_user, 'pg_write_server_files', 'MEMBER') AS write_files,
           pg_has_role(current_user, 'pg_execute_server_program', 'MEMBER') AS run_programs,
           pg_has_role(current_user, 'pg_signal_backend', 'MEMBER') AS signal
      FROM pg_roles r WHERE r.rolname = current_user`);
  const role = rows[0];
  if (!role) return [];
  const who = `role \`${String(role.name)}\``;
  if (role.superuser) {
    return [`connected as superuser (${who}): Plumbline refuses dangerous statements itself, but a least-privilege role (src/explain/README.md) is the safety net; do not use a superuser on a shared staging database`];
  }
  const warnings: string[] = [];
  if (role.read_only !== 'on') warnings.push(`${who} does not have \`default_transaction_read_only = on\` (ALTER ROLE … SET default_transaction_read_only = on)`);
  if (role.read_files || role.write_files) warnings.push(`${who} can read or write server files (member of pg_read_server_files/pg_write_server_files)`);
  if (role.run_programs) warnings.push(`${who} can run programs on the server (member of pg_execute_server_program)`);
  if (role.signal) warnings.push(`${who} can cancel or terminate other sessions (member of pg_signal_backend)`);
  return warnings;
}
