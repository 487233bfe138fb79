import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { UserError } from './errors.js';

/**
 * The vocabulary checks match code against (database APIs, SQL sinks, loggers, PII words),
 * loaded from `rules/*.yml`. Each file is a map of lists; a key may appear in one file only.
 * `.plumbline.yml` `catalog.<key>` lists are appended to the built-in ones.
 */
export type Catalog = Record<string, unknown[]>;

export const RULES_DIR = fileURLToPath(new URL('../../rules/', import.meta.url));

export function loadCatalog(extensions: Record<string, unknown[]> = {}, rulesDir = RULES_DIR): Catalog {
  const catalog: Catalog = {};
  for (const file of readdirSync(rulesDir).filter((f) => f.endsWith('.yml')).sort()) {
    const doc = parse(readFileSync(path.join(rulesDir, file), 'utf8')) as Record<string, unknown> | null;
    for (const [key, value] of Object.entries(doc ?? {})) {
      if (!Array.isArray(value)) throw new Error(`rules/${file}: key "${key}" must be a list`);
      if (catalog[key]) throw new Error(`rules/${file}: catalog key "${key}" is defined twice`);
      catalog[key] = value;
    }
  }
  for (const [key, value] of Object.entries(extensions)) {
    if (!catalog[key]) {
      throw new UserError(
        `catalog key "${key}" is not known (known: ${Object.keys(catalog).sort().join(', ')})`,
      );
    }
    catalog[key] = [...catalog[key], ...value];
  }
  return catalog;
}

/** A catalog section, validated by the check that reads it; a bad user extension is a UserError. */
export function catalogSection<T>(catalog: Catalog, key: string, parse: (entry: unknown) => T): T[] {
  return (catalog[key] ?? []).map((entry, index) => {
    try {
      return parse(entry);
    } catch (error) {
      throw new UserError(`catalog "${key}" entry ${index + 1} is invalid: ${describeError(error)}`);
    }
  });
}

/** zod errors carry their issues as JSON in `message`; name the first one instead. */
function describeError(error: unknown): string {
  const issues = (error as { issues?: Array<{ path: PropertyKey[]; message: string }> }).issues;
  if (issues?.length) {
    const [first] = issues;
    return `${first.path.length ? `${first.path.map(String).join('.')}: ` : ''}${first.message}`;
  }
  return String((error as Error)?.message ?? error).split('\n')[0];
}
