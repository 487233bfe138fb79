import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { catalogSchemas } from './catalog-schemas.js';
import { assertBuiltInCatalog, loadCatalog } from './core/catalog.js';

const SRC = fileURLToPath(new URL('.', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path.join(dir, e.name)] : []));
}

describe('catalog entry schemas', () => {
  it('declares every key of rules/*.yml, and no other', () => {
    expect(Object.keys(catalogSchemas).sort()).toEqual(Object.keys(loadCatalog()).sort());
  });

  it('declares every key a module reads (catalogSection(…, "key") and names("key") in src/)', () => {
    const read = new Set<string>();
    for (const file of sourceFiles(SRC)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/catalogSection\([^,]+,\s*'([a-z0-9-]+)'/g)) read.add(m[1]);
      for (const m of text.matchAll(/\b(?:names|words)\('([a-z0-9-]+)'\)/g)) read.add(m[1]);
    }
    expect(read.size).toBeGreaterThan(30);
    expect([...read].filter((key) => !(key in catalogSchemas))).toEqual([]);
  });

  it('accepts every built-in entry', () => {
    expect(() => assertBuiltInCatalog(catalogSchemas)).not.toThrow();
  });

  it('names rules/<file>:<line> of a bad built-in entry (a platform team edits rules/*.yml)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'plumbline-rules-'));
    writeFileSync(path.join(dir, 'timers.yml'), 'timer-calls:\n  - name: setTimeout\n  - name: 42\n');
    const schemas = { 'timer-calls': [z.object({ name: z.string() }).strict()] };
    expect(() => assertBuiltInCatalog(schemas, dir)).toThrow('rules/timers.yml:3: catalog "timer-calls" entry 2 is invalid: name: Invalid input: expected string, received number');
  });
});
