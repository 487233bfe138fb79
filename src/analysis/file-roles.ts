import path from 'node:path';
import picomatch from 'picomatch';
import { z } from 'zod';
import type { SourceFile } from 'ts-morph';
import { catalogSection, type Catalog } from '../core/catalog.js';
import { perCatalog } from './per-catalog.js';

const nonProductionMatcher = perCatalog((catalog) =>
  picomatch(catalogSection(catalog, 'non-production-paths', (entry) => z.string().min(1).parse(entry)), { dot: true }),
);

/**
 * Is this file a test, fixture, script, migration or seed (`non-production-paths` in
 * rules/file-roles.yml)? Checks about production request and job code leave those alone.
 */
export function isNonProductionFile(file: SourceFile, root: string, catalog: Catalog): boolean {
  const relative = path.relative(root, file.getFilePath()).split(path.sep).join('/');
  return nonProductionMatcher(catalog)(relative);
}
