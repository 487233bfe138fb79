import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { OrmContext } from './orm-query.js';

const require = createRequire(import.meta.url);

export interface LibraryUse {
  /** The range the repository's package.json asks for (`^3.1.0`). */
  wanted: string;
  /** The version Plumbline compiles with (its own dependency). */
  compiler: string;
}

/** Whether the repository depends on `name` (package.json at its root), and with which range. */
export function libraryUse(context: OrmContext, name: string): LibraryUse | undefined {
  const text = context.readFile('package.json');
  if (!text) return undefined;
  let manifest: Record<string, Record<string, string> | undefined>;
  try {
    manifest = JSON.parse(text) as typeof manifest;
  } catch {
    return undefined;
  }
  const wanted = manifest.dependencies?.[name] ?? manifest.devDependencies?.[name] ?? manifest.peerDependencies?.[name];
  if (!wanted) return undefined;
  return { wanted, compiler: installedVersion(name) };
}

/** Plumbline's own copy (drizzle-orm does not export its package.json: found beside its entry point). */
function installedVersion(name: string): string {
  const entry = require.resolve(name);
  const marker = `${path.sep}node_modules${path.sep}${name}${path.sep}`;
  const root = entry.slice(0, entry.lastIndexOf(marker) + marker.length);
  return (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * The note on every translated query: compiled by the library's own compiler, and when the repository asks
 * for another major (minor below 1.0) version than Plumbline carries, that the SQL may differ in details.
 */
export function compilerNote(name: string, use: LibraryUse): string {
  const theirs = /(\d+)\.(\d+)/.exec(use.wanted);
  const [major, minor] = use.compiler.split('.').map(Number);
  const same = theirs && Number(theirs[1]) === major && (major > 0 || Number(theirs[2]) === minor);
  return same
    ? `compiled by ${name} ${use.compiler}`
    : `compiled by ${name} ${use.compiler}; the repository asks for ${use.wanted}, whose SQL may differ in details`;
}
