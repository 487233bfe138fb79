import path from 'node:path';
import picomatch from 'picomatch';
import { z } from 'zod';
import type { SourceFile } from 'ts-morph';
import { catalogSection, type Catalog } from '../core/catalog.js';
import { perCatalog } from './per-catalog.js';
import { declaredModules } from './known-modules.js';

const globsOf = (key: string) =>
  perCatalog((catalog) => picomatch(catalogSection(catalog, key, (entry) => z.string().min(1).parse(entry)), { dot: true }));
const nonProductionMatcher = globsOf('non-production-paths');
const cliCommandMatcher = globsOf('cli-command-paths');

/**
 * Is this file a test, fixture, script, migration, seed, story or demo app (`non-production-paths` in
 * rules/file-roles.yml)? Checks about production request and job code leave those alone.
 */
export function isNonProductionFile(file: SourceFile, root: string, catalog: Catalog): boolean {
  return nonProductionMatcher(catalog)(relativePath(file, root));
}

/**
 * Is this file a command an operator runs in a terminal: under a `cli-command-paths` folder of a package
 * that depends on a command-line framework or prompt library (`cli-frameworks`, rules/file-roles.yml)?
 */
export function isCliCommandFile(file: SourceFile, root: string, catalog: Catalog): boolean {
  if (!cliCommandMatcher(catalog)(relativePath(file, root))) return false;
  const frameworks = catalogSection(catalog, 'cli-frameworks', (entry) => z.string().min(1).parse(entry));
  const declared = [...declaredModules(file)];
  return frameworks.some((f) => (f.endsWith('/*') ? declared.some((d) => d.startsWith(f.slice(0, -1))) : declared.includes(f)));
}

function relativePath(file: SourceFile, root: string): string {
  return path.relative(root, file.getFilePath()).split(path.sep).join('/');
}
