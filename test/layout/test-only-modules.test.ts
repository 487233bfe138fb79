import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import ts from 'typescript';

// Test helpers live in test/support/, not in src/: everything under src/ (but tests and fixtures) is built
// into dist/ and shipped. A module under src/ that only tests import is a test helper in the wrong place.
const root = fileURLToPath(new URL('../../', import.meta.url));
const sourceFiles = (dir: string) =>
  (readdirSync(path.join(root, dir), { recursive: true }) as string[])
    .map((f) => path.posix.join(dir, f.split(path.sep).join('/')))
    .filter((f) => /\.(ts|mts|mjs)$/.test(f) && !f.endsWith('.d.ts') && !f.split('/').includes('fixtures') && !f.split('/').includes('node_modules'));
const isTest = (file: string) => !file.startsWith('src/') || /\.test\.ts$/.test(file);

/** Repository-relative files each file imports (relative specifiers only; `.js` names the `.ts` source). */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(path.join(root, file), 'utf8'), true, true);
  return importedFiles
    .map((i) => i.fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => path.posix.normalize(path.posix.join(path.posix.dirname(file), name)).replace(/\.js$/, '.ts'));
}

describe('src/', () => {
  const files = [...sourceFiles('src'), ...sourceFiles('test'), ...sourceFiles('bench'), ...sourceFiles('scripts')];
  const importers = new Map<string, string[]>();
  for (const file of files) for (const imported of importsOf(file)) importers.set(imported, [...(importers.get(imported) ?? []), file]);

  it('has no module that only tests, benchmarks or scripts import', () => {
    const testOnly = files
      .filter((file) => !isTest(file) && importers.has(file))
      .filter((file) => importers.get(file)!.every(isTest))
      .map((file) => `${file} (imported by ${importers.get(file)!.join(', ')})`);
    expect(testOnly, 'move these to test/support/').toEqual([]);
  });

  it('sees the imports it judges by (a module the product imports is found)', () => {
    expect(importers.get('src/core/finding.ts')?.some((f) => !isTest(f))).toBe(true);
  });
});
