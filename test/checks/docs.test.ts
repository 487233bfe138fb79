import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { checks } from '../../src/checks/registry.js';

// Every check in the registry is documented for users: its docs.md names each message id, the
// checklist item and each option; the README's check table links it; its checklist item exists.
const root = join(import.meta.dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
type ChecklistFile = { sections: Array<{ items: Array<{ id: string; rules?: string[] }> }> };
const checklistItems = (file: string) =>
  (parse(readFileSync(join(root, 'checklists', file), 'utf8')) as ChecklistFile).sections.flatMap((s) => s.items);
const defaultItems = checklistItems('default.yml');
// module-boundary answers an item of the opt-in `senior-backend` checklist, which the README row says.
const otherItems = checklistItems('senior-backend.yml');

function optionKeys(schema: z.ZodType | undefined): string[] {
  if (!schema) return [];
  expect(schema, 'options schema is a z.object').toBeInstanceOf(z.ZodObject);
  return Object.keys((schema as z.ZodObject).shape);
}

describe.each(checks.map((c) => [c.id, c] as const))('%s', (id, check) => {
  const docsPath = `src/checks/${id}/docs.md`;
  const docs = existsSync(join(root, docsPath)) ? readFileSync(join(root, docsPath), 'utf8') : '';

  it('has a docs.md', () => {
    expect(existsSync(join(root, docsPath)), docsPath).toBe(true);
  });

  it('docs.md names every message id in backticks', () => {
    const missing = Object.keys(check.meta.messages).filter((messageId) => !docs.includes(`\`${messageId}\``));
    expect(missing, `${docsPath} does not name these message ids in backticks`).toEqual([]);
  });

  it('docs.md names the checklist item and every option key', () => {
    const named = [check.meta.checklistItem, ...optionKeys(check.meta.options)];
    const missing = named.filter((word) => !new RegExp(`(^|[^\\w.-])${word.replaceAll('.', '\\.')}($|[^\\w-])`, 'm').test(docs));
    expect(missing, `${docsPath} does not name`).toEqual([]);
  });

  it("the README's check table links its docs", () => {
    const row = readme.split('\n').find((line) => line.startsWith('|') && line.includes(`\`${id}\``));
    expect(row, `README row for ${id}`).toBeDefined();
    expect(row).toContain(`(${docsPath})`);
  });

  it('its checklist item exists and lists the rule', () => {
    const item = [...defaultItems, ...otherItems].find((i) => i.id === check.meta.checklistItem);
    expect(item, `checklist item ${check.meta.checklistItem}`).toBeDefined();
    expect(item?.rules ?? []).toContain(id);
    const row = readme.split('\n').find((line) => line.startsWith('|') && line.includes(`\`${id}\``));
    if (item && !defaultItems.includes(item)) expect(row, 'README row names the opt-in checklist').toContain('`senior-backend` checklist');
  });
});

// The catalogs (rules/*.yml) a check reads are documented in its docs.md: each key it reads, and for
// the catalogs users browse, each entry. The files themselves explain every entry with a comment.
const rulesText = (file: string) => readFileSync(join(root, 'rules', file), 'utf8');
const keysOf = (file: string) => [...rulesText(file).matchAll(/^([a-z-]+):$/gm)].map((m) => m[1]);
const rulesOf = (file: string) => parse(rulesText(file)) as Record<string, Array<Record<string, unknown>>>;
const idsOf = (file: string, ...keys: string[]) =>
  Object.entries(rulesOf(file)).filter(([key]) => keys.length === 0 || keys.includes(key)).flatMap(([, entries]) => entries.map((e) => String(e.id ?? e.name)));

/** How docs.md writes a catalog key: in backticks, as a YAML key of its extension example, or anywhere. */
type Written = 'code' | 'yaml' | 'text';
const written: Record<Written, (key: string) => string> = { code: (key) => `\`${key}\``, yaml: (key) => `  ${key}:`, text: (key) => key };
const catalogDocs: Array<{ id: string; keys: string[]; as: Written; entries?: string[] }> = [
  { id: 'magic-number', keys: [...keysOf('magic-numbers.yml'), 'non-production-paths'], as: 'text' },
  { id: 'n-plus-one', keys: keysOf('queries.yml'), as: 'code' },
  // loggers.yml is shared: its `correlation-carriers` key belongs to unstructured-log.
  { id: 'pii-in-logs', keys: ['loggers', ...keysOf('sensitive-data.yml')], as: 'yaml', entries: [...idsOf('loggers.yml', 'loggers'), ...idsOf('sensitive-data.yml', 'sensitive-data')] },
  { id: 'silent-failure', keys: keysOf('silent-failure.yml'), as: 'text' },
  { id: 'string-built-sql', keys: keysOf('sql-sinks.yml'), as: 'text', entries: idsOf('sql-sinks.yml') },
  { id: 'unbounded-query', keys: keysOf('unbounded.yml'), as: 'code' },
  { id: 'unstructured-log', keys: ['loggers', 'structured-logger-modules', 'correlation-carriers', 'non-production-paths'], as: 'text' },
  { id: 'unvalidated-input', keys: keysOf('validators.yml'), as: 'code' },
];

describe.each(catalogDocs)('$id catalogs', ({ id, keys, as, entries }) => {
  const docs = readFileSync(join(root, `src/checks/${id}/docs.md`), 'utf8');
  it('docs.md names every catalog key the check reads', () => {
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((key) => !docs.includes(written[as](key))), `src/checks/${id}/docs.md does not name`).toEqual([]);
  });
  if (entries) {
    it('docs.md lists every entry of its catalogs', () => {
      expect(entries.filter((entry) => !docs.includes(`\`${entry}\``)), `src/checks/${id}/docs.md does not list`).toEqual([]);
    });
  }
});

describe('rules files', () => {
  it('magic-numbers.yml has the five keys magic-number reads', () => {
    expect(keysOf('magic-numbers.yml')).toHaveLength(5);
  });

  // A list item directly under `- name:` / `- glob:` is part of that entry, not a new one.
  it.each([
    { file: 'queries.yml', partOf: undefined },
    { file: 'unbounded.yml', partOf: /^ {2}- (name|glob):/ },
    { file: 'validators.yml', partOf: /^ {2}- name:/ },
  ])('every entry of $file has a comment above it', ({ file, partOf }) => {
    const lines = rulesText(file).split('\n');
    const undocumented = lines.filter((line, i) => /^ {2}- /.test(line) && !/^\s*#/.test(lines[i - 1]) && !partOf?.test(lines[i - 1]));
    expect(undocumented).toEqual([]);
  });

  it('every query-calls entry names a library, an operation and a fix, and is matchable', () => {
    for (const entry of rulesOf('queries.yml')['query-calls']) {
      expect(entry).toMatchObject({ library: expect.any(String), operation: expect.stringMatching(/^(read|write|cache|http)$/), fix: expect.any(String) });
      expect([entry.types, entry.receivers, entry.functions].some((list) => Array.isArray(list) && list.length > 0)).toBe(true);
    }
  });

  it('every unbounded-reads entry refers to query-calls entries that exist', () => {
    const queryIds = idsOf('queries.yml', 'query-calls');
    for (const entry of rulesOf('unbounded.yml')['unbounded-reads']) {
      for (const queryId of entry.queryCalls as string[]) expect(queryIds).toContain(queryId);
    }
  });
});
