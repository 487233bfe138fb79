import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { TestPostgres } from './postgres.js';

/**
 * Everything on a PostgreSQL server that a query from a pull request must not change (DESIGN.md,
 * "EXPLAIN safety"), as one comparable object: data, sequences, roles and their settings, replication
 * slots and origins, large objects, server settings (live, and ALTER SYSTEM's file), statistics resets
 * and planner statistics, prepared transactions, locks and sessions of others, and files.
 * Cumulative read counters (pg_stat_user_tables.seq_scan, …) are left out: any SELECT moves them.
 */
export interface FingerprintOptions {
  database: string;
  /** Directories whose listings must not change (e.g. where COPY or lo_export would write). */
  watchDirs?: string[];
  /** Backend pids that belong to the test itself (excluded from sessions and locks). */
  ownPids?: () => number[];
}

export async function serverFingerprint(server: TestPostgres, options: FingerprintOptions): Promise<Record<string, unknown>> {
  const q = async (sql: string, database = options.database) => (await server.query(sql, [], database)).rows;
  const own = options.ownPids?.() ?? [];
  const tables = await q(`SELECT format('%I.%I', schemaname, tablename) AS t FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`);
  const data: Record<string, unknown> = {};
  for (const { t } of tables) {
    data[t] = (await q(`SELECT count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS sum FROM ${t} x`))[0];
  }
  const dataDir = path.join(server.dir, 'cluster', 'data');
  const listing = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : ['<missing>']);
  return {
    data,
    sequences: await q('SELECT schemaname, sequencename, last_value FROM pg_sequences ORDER BY 1, 2'),
    roles: await q('SELECT rolname, rolsuper, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication, rolbypassrls FROM pg_roles ORDER BY 1'),
    roleSettings: await q('SELECT setdatabase, setrole, setconfig FROM pg_db_role_setting ORDER BY 1, 2'),
    grants: await q(`SELECT relname, relacl::text FROM pg_class WHERE relnamespace = 'public'::regnamespace ORDER BY 1`),
    schema: await q(`SELECT c.relname, c.relkind, count(a.attnum)::int AS columns FROM pg_class c LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
                      WHERE c.relnamespace = 'public'::regnamespace GROUP BY 1, 2 ORDER BY 1`),
    functions: await q(`SELECT proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace ORDER BY 1`),
    extensions: await q('SELECT extname FROM pg_extension ORDER BY 1'),
    replicationSlots: await q('SELECT slot_name, slot_type, restart_lsn::text, confirmed_flush_lsn::text FROM pg_replication_slots ORDER BY 1'),
    replicationOrigins: await q('SELECT o.roname, s.remote_lsn::text FROM pg_replication_origin o LEFT JOIN pg_replication_origin_status s ON s.local_id = o.roident ORDER BY 1'),
    largeObjects: await q('SELECT oid::int FROM pg_largeobject_metadata ORDER BY 1'),
    settings: await q(`SELECT name, setting FROM pg_settings WHERE source NOT IN ('session', 'client', 'default') ORDER BY 1`),
    fileSettings: await q('SELECT name, setting FROM pg_file_settings ORDER BY 1, 2'),
    statsResets: await q(`SELECT (SELECT stats_reset::text FROM pg_stat_database WHERE datname = '${options.database}') AS database,
                                 (SELECT stats_reset::text FROM pg_stat_bgwriter) AS bgwriter,
                                 (SELECT stats_reset::text FROM pg_stat_archiver) AS archiver,
                                 (SELECT stats_reset::text FROM pg_stat_wal) AS wal,
                                 (SELECT string_agg(coalesce(stats_reset::text, ''), ',' ORDER BY name) FROM pg_stat_slru) AS slru`),
    plannerStatistics: await q(`SELECT starelid::regclass::text AS rel, staattnum, stanullfrac, stadistinct FROM pg_statistic
                                 WHERE starelid IN (SELECT oid FROM pg_class WHERE relnamespace = 'public'::regnamespace) ORDER BY 1, 2`),
    analyzed: await q(`SELECT relname, last_analyze::text, last_vacuum::text, analyze_count, vacuum_count FROM pg_stat_user_tables ORDER BY 1`),
    preparedTransactions: await q('SELECT gid FROM pg_prepared_xacts ORDER BY 1'),
    locks: await q(`SELECT locktype, mode, pid FROM pg_locks WHERE pid <> ALL ('{${own.join(',')}}'::int[]) AND pid <> pg_backend_pid() ORDER BY 1, 2, 3`),
    // The test's own short connections may still be closing; sessions that matter carry an application name.
    sessions: await q(`SELECT pid, usename, application_name FROM pg_stat_activity
                        WHERE backend_type = 'client backend' AND application_name <> '' AND pid <> ALL ('{${own.join(',')}}'::int[]) ORDER BY 1`),
    files: {
      dataDir: listing(dataDir),
      replslot: listing(path.join(dataDir, 'pg_replslot')),
      autoConf: existsSync(path.join(dataDir, 'postgresql.auto.conf')) ? readFileSync(path.join(dataDir, 'postgresql.auto.conf'), 'utf8') : '<missing>',
      watched: Object.fromEntries((options.watchDirs ?? []).map((d) => [d, listing(d)])),
    },
  };
}
