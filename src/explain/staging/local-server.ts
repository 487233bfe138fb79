import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { PostgresBinaries } from './binaries.js';

const run = promisify(execFile);

/** A PostgreSQL cluster in a directory we own, started with pg_ctl so it outlives the CLI process. */
export interface LocalServerOptions {
  binaries: PostgresBinaries;
  /** Holds `data/` (the cluster), `socket/` and `server.log`. */
  dir: string;
  port: number;
  /** Extra `postgresql.conf` settings, e.g. { shared_preload_libraries: 'pg_stat_statements' }. */
  settings?: Record<string, string>;
  /** OS user to run as when we are root (PostgreSQL refuses to run as root). Default `postgres`. */
  osUser?: string;
}

export interface LocalServer {
  port: number;
  socketDir: string;
  logFile: string;
  /** Connection string over TCP on 127.0.0.1 (trust authentication, local only). */
  url: string;
  superuser: string;
}

export const SUPERUSER = 'postgres';

/** Settings for a throwaway staging cluster: it holds generated data only, so durability is traded for load speed. */
export const THROWAWAY_SETTINGS: Record<string, string> = {
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  // wal_level=minimal lets INSERT into a table truncated in the same transaction skip WAL (PostgreSQL 13+).
  wal_level: 'minimal',
  max_wal_senders: '0',
  max_wal_size: '4GB',
  maintenance_work_mem: '256MB',
  listen_addresses: "'127.0.0.1'",
};

export function isInitialised(dir: string): boolean {
  return existsSync(path.join(dir, 'data', 'PG_VERSION'));
}

/** initdb (once), then pg_ctl start; returns how to connect. Idempotent when the server already runs. */
export async function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  const { dir, binaries, port } = options;
  const owner = runAs(options.osUser);
  const dataDir = path.join(dir, 'data');
  const socketDir = path.join(dir, 'socket');
  const logFile = path.join(dir, 'server.log');
  // Parents must stay traversable for the server's OS user; the cluster's own directories are private.
  mkdirSync(path.dirname(dir), { recursive: true, mode: 0o755 });
  if (owner) {
    makeTraversable(path.dirname(dir));
    // The binaries may sit in a checkout the server's user cannot reach either (a 0700 CI directory).
    makeTraversable(path.dirname(binaries.initdb));
  }
  for (const d of [dir, socketDir]) mkdirSync(d, { recursive: true, mode: 0o700 });
  if (owner) for (const d of [dir, socketDir]) chownSync(d, owner.uid, owner.gid);
  if (!isInitialised(dir)) {
    await run(binaries.initdb, ['-D', dataDir, '-U', SUPERUSER, '--auth=trust', '-E', 'UTF8', '--locale=C'], spawnOptions(owner));
    const conf = Object.entries({ ...THROWAWAY_SETTINGS, ...options.settings }).map(([k, v]) => `${k} = ${v}`);
    writeFileSync(path.join(dataDir, 'postgresql.auto.conf'), `${conf.join('\n')}\n`);
    if (owner) chownSync(path.join(dataDir, 'postgresql.auto.conf'), owner.uid, owner.gid);
  }
  if (!(await isRunning(options))) {
    const serverArgs = `-p ${port} -k ${socketDir}`;
    await run(binaries.pgCtl, ['-D', dataDir, '-l', logFile, '-o', serverArgs, '-w', '-t', '60', 'start'], spawnOptions(owner));
  }
  const actualPort = runningPort(dataDir) ?? port;
  return {
    port: actualPort,
    socketDir,
    logFile,
    url: `postgresql://${SUPERUSER}@127.0.0.1:${actualPort}/postgres`,
    superuser: SUPERUSER,
  };
}

export async function stopLocalServer(options: Pick<LocalServerOptions, 'binaries' | 'dir' | 'osUser'>, mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
  if (!(await isRunning(options))) return;
  await run(options.binaries.pgCtl, ['-D', path.join(options.dir, 'data'), '-m', mode, '-w', 'stop'], spawnOptions(runAs(options.osUser)));
}

export async function isRunning(options: Pick<LocalServerOptions, 'binaries' | 'dir' | 'osUser'>): Promise<boolean> {
  if (!isInitialised(options.dir)) return false;
  try {
    await run(options.binaries.pgCtl, ['-D', path.join(options.dir, 'data'), 'status'], spawnOptions(runAs(options.osUser)));
    return true;
  } catch {
    return false; // pg_ctl status exits 3 when no server runs
  }
}

/** The port in postmaster.pid (line 4), so `status` works without knowing how the server was started. */
export function runningPort(dataDir: string): number | undefined {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const port = Number(readFileSync(pidFile, 'utf8').split('\n')[3]);
  return Number.isFinite(port) && port > 0 ? port : undefined;
}

interface OsUser {
  uid: number;
  gid: number;
  name: string;
}

/** PostgreSQL refuses to run as root: as root we run its binaries as a non-root user. */
export function runAs(name = process.env.PLUMBLINE_PG_OS_USER ?? 'postgres'): OsUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
    return { uid, gid, name };
  } catch {
    throw new Error(
      `PostgreSQL cannot run as root and there is no OS user "${name}" to run it as; create one (\`useradd --system --create-home ${name}\`) or set PLUMBLINE_PG_OS_USER`,
    );
  }
}

function spawnOptions(owner: OsUser | undefined) {
  // cwd must be readable by the server's user; the repository may not be.
  return { ...(owner ? { uid: owner.uid, gid: owner.gid } : {}), cwd: '/', env: { ...process.env, LC_ALL: 'C' } };
}

/**
 * As root, the server runs as another OS user, which must be able to reach the cluster directory: add
 * the execute (traverse, not list) bit for others to ancestors that lack it, e.g. a 0700 temp directory.
 */
function makeTraversable(dir: string): void {
  for (let d = path.resolve(dir); d !== path.dirname(d); d = path.dirname(d)) {
    const mode = statSync(d).mode;
    if ((mode & 0o001) === 0) chmodSync(d, (mode & 0o7777) | 0o001);
  }
}

/** Names of the clusters' data directories below `root` (used by `staging status`). */
export function clusterDirs(root: string): string[] {
  return existsSync(root) ? readdirSync(root).filter((d) => isInitialised(path.join(root, d))) : [];
}
