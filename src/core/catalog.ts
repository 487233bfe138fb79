import { readdirSync, readFileSync, statSync } from 'node:fs';
import type { z } from 'zod';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseYamlSource } from './config/yaml-source.js';
import { UserError } from './errors.js';

/**
 * The vocabulary checks match code against (database APIs, SQL sinks, loggers, PII words),
 * loaded from `rules/*.yml`. Each file is a map of lists; a key may appear in one file only.
 * `.plumbline.yml` `catalog.<key>` lists are appended to the built-in ones.
 */
export type Catalog = Record<string, unknown[]>;

export const RULES_DIR = fileURLToPath(new URL('../../rules/', import.meta.url));

/** `file:line` of each entry of a catalog list, so an invalid entry is named where it is written. */
const entrySources = new WeakMap<unknown[], Array<string | undefined>>();

/**
 * `extensionSources`: `file:line` of each user entry, in the order of `extensions` (LoadedConfig.catalogSources);
 * without it a user entry is named by its key and index only (the App reads config without line positions).
 */
export function loadCatalog(extensions: Record<string, unknown[]> = {}, rulesDir = RULES_DIR, extensionSources: Record<string, string[]> = {}): Catalog {
  const catalog: Catalog = { ...builtInCatalog(rulesDir) };
  for (const [key, value] of Object.entries(extensions)) {
    if (!catalog[key]) {
      throw new UserError(
        `catalog key "${key}" is not known (known: ${Object.keys(catalog).sort().join(', ')})`,
      );
    }
    const merged = [...catalog[key], ...value];
    entrySources.set(merged, [...(entrySources.get(catalog[key]) ?? []), ...value.map((_, i) => extensionSources[key]?.[i])]);
    catalog[key] = merged;
  }
  return catalog;
}

/**
 * The entry schemas of each catalog key, one per module that reads the key (an entry must satisfy all).
 * The front ends pass them to the config loader (RuleRegistry.config), which checks every entry at load.
 */
export type CatalogSchemas = Readonly<Record<string, readonly z.ZodType[]>>;

const checkedBuiltIns = new WeakMap<Catalog, WeakSet<CatalogSchemas>>();

/**
 * Checks every entry of the built-in catalogs (rules/*.yml, which a platform team may edit) against the
 * schemas, once per process while the files are unchanged: a bad entry is a UserError naming
 * `rules/<file>:<line>`, before any analysis.
 */
export function assertBuiltInCatalog(schemas: CatalogSchemas, rulesDir = RULES_DIR): void {
  const catalog = builtInCatalog(rulesDir);
  const checked = checkedBuiltIns.get(catalog) ?? new WeakSet<CatalogSchemas>();
  checkedBuiltIns.set(catalog, checked);
  if (checked.has(schemas)) return;
  const problems: string[] = [];
  for (const [key, parsers] of Object.entries(schemas)) {
    for (const schema of parsers) {
      try {
        catalogSection(catalog, key, (entry) => schema.parse(entry));
      } catch (error) {
        problems.push((error as Error).message);
        break;
      }
    }
  }
  if (problems.length === 1) throw new UserError(problems[0]);
  if (problems.length > 1) throw new UserError(`invalid built-in catalogs (${problems.length} problems):\n${problems.map((p) => `  ${p}`).join('\n')}`);
  checked.add(schemas);
}

/**
 * rules/*.yml, parsed once per process while the files are unchanged (a few hundred ms: the config loader,
 * the load-time entry check and each review read it). Callers get a fresh top-level object; the lists are
 * shared and never changed (user entries make new lists).
 */
const builtIns = new Map<string, { stamp: string; catalog: Catalog }>();
function builtInCatalog(rulesDir: string): Catalog {
  const files = readdirSync(rulesDir).filter((f) => f.endsWith('.yml')).sort();
  const stamp = files.map((f) => {
    const { mtimeMs, size } = statSync(path.join(rulesDir, f));
    return `${f}:${mtimeMs}:${size}`;
  }).join('|');
  const cached = builtIns.get(rulesDir);
  if (cached?.stamp === stamp) return cached.catalog;
  const catalog: Catalog = {};
  for (const file of files) {
    const yaml = parseYamlSource(readFileSync(path.join(rulesDir, file), 'utf8'), `rules/${file}`);
    for (const [key, value] of Object.entries((yaml.value ?? {}) as Record<string, unknown>)) {
      if (!Array.isArray(value)) throw new Error(`rules/${file}: key "${key}" must be a list`);
      if (catalog[key]) throw new Error(`rules/${file}: catalog key "${key}" is defined twice`);
      catalog[key] = value;
      entrySources.set(value, value.map((_, i) => `rules/${file}:${yaml.lineOf([key, i])}`));
    }
  }
  builtIns.set(rulesDir, { stamp, catalog });
  return catalog;
}

/** A catalog section, validated by the check that reads it; a bad entry is a UserError naming its file:line. */
export function catalogSection<T>(catalog: Catalog, key: string, parse: (entry: unknown) => T): T[] {
  const list = catalog[key] ?? [];
  return list.map((entry, index) => {
    try {
      return parse(entry);
    } catch (error) {
      const at = entrySources.get(list)?.[index];
      throw new UserError(`${at ? `${at}: ` : ''}catalog "${key}" entry ${index + 1} is invalid: ${describeError(error)}`);
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
