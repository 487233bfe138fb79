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
