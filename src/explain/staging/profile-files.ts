import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { UserError } from '../../core/errors.js';
import { tableProfileSchema, type TableProfile } from './profile-schema.js';

/** Reads a scale profile: a directory of `<table>.yml` files (or one file). */
export function readProfile(location: string): TableProfile[] {
  const files = statSync(location).isDirectory()
    ? readdirSync(location).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => path.join(location, f))
    : [location];
  return files.map((file) => {
    const parsed = tableProfileSchema.safeParse(parse(readFileSync(file, 'utf8')));
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    throw new UserError(`${file}: ${issue.path.join('.') || '(top)'}: ${issue.message}`, 'The profile format is described in src/explain/README.md#scale-profiles.');
  });
}

/** Parents before children, following foreign-key columns. */
export function loadOrder(tables: TableProfile[]): TableProfile[] {
  const byName = new Map(tables.map((t) => [t.table, t]));
  const done = new Set<string>();
  const order: TableProfile[] = [];
  const visit = (t: TableProfile, stack: string[]) => {
    if (done.has(t.table)) return;
    if (stack.includes(t.table)) throw new UserError(`profile: foreign keys form a cycle: ${[...stack, t.table].join(' → ')}`);
    for (const spec of Object.values(t.columns)) {
      if (spec.kind !== 'foreign-key') continue;
      const parent = byName.get(spec.references.split('.')[0]);
      if (parent && parent !== t) visit(parent, [...stack, t.table]);
    }
    done.add(t.table);
    order.push(t);
  };
  for (const t of tables) visit(t, []);
  return order;
}
