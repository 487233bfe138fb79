import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { catalogSection, loadCatalog } from './catalog.js';

const name = (e: unknown) => z.object({ name: z.string() }).strict().parse(e).name;

describe('catalog entries name their file and line when invalid', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'plumbline-catalog-'));
  writeFileSync(path.join(dir, 'things.yml'), '# things\nthings:\n  - { name: a }\n  - { nme: b }\n');

  it('a built-in rules/*.yml entry', () => {
    expect(() => catalogSection(loadCatalog({}, dir), 'things', name)).toThrow(/^rules\/things\.yml:4: catalog "things" entry 2 is invalid: name: /);
  });

  it("a user's entry, after the built-in ones, with the line the config loader recorded", () => {
    writeFileSync(path.join(dir, 'things.yml'), 'things:\n  - { name: a }\n');
    const catalog = loadCatalog({ things: [{ name: 'b' }, { title: 'c' }] }, dir, { things: ['.plumbline.yml:7', '.plumbline.yml:8'] });
    expect(() => catalogSection(catalog, 'things', name)).toThrow(/^\.plumbline\.yml:8: catalog "things" entry 3 is invalid/);
    // Without positions (the App's config has none) the entry is still named by key and index.
    expect(() => catalogSection(loadCatalog({ things: [{ title: 'c' }] }, dir), 'things', name)).toThrow(/^catalog "things" entry 2 is invalid/);
  });
});
