import type { z } from 'zod';
import { assertBuiltInCatalog, type CatalogSchemas } from '../catalog.js';
import { configSchema, type PlumblineConfig } from './schema.js';
import { knownKeysAt } from './schema-keys.js';
import { describe, locate, problemsError, problemsFromZod, type PathProblem } from './problems.js';

export interface ValidateConfigOptions {
  /** Name used in error messages, e.g. ".github/plumbline.yml". */
  source: string;
  /** Rule ids that may appear under `rules:`; an entry ending in `/*` allows every id under that prefix. */
  knownRules: readonly string[];
  /** Catalog keys that may appear under `catalog:` (the keys of rules/*.yml); unchecked when omitted. */
  knownCatalogKeys?: readonly string[];
  /** Options schemas by rule id (a check's `meta.options`): options are then checked here, with lines. */
  ruleOptionSchemas?: Readonly<Record<string, z.ZodType | undefined>>;
  /** Entry schemas by catalog key (RuleRegistry.config): each `catalog:` entry is checked here, with lines. */
  catalogSchemas?: CatalogSchemas;
}

/**
 * Validates an already-parsed config object (the GitHub App reads the file with probot's loader) and
 * returns it with defaults. `extends` is not followed here: the caller has no file system to follow it in.
 * Throws a UserError listing every problem by key (no line numbers: the object has none).
 */
export function validateConfig(value: unknown, options: ValidateConfigOptions): PlumblineConfig {
  if (options.catalogSchemas) assertBuiltInCatalog(options.catalogSchemas);
  const problems = configProblems(value, options);
  if (problems.length > 0) throw problemsError(locate(problems, { source: options.source, lineOf: () => undefined }));
  return configSchema.parse(withoutEmptyKeys(value) ?? {});
}

/** Every problem with one file's config object; an empty file (null) is valid and means "defaults". */
export function configProblems(raw: unknown, options: Omit<ValidateConfigOptions, 'source'>): PathProblem[] {
  if (raw === null || raw === undefined) return [];
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return [{ path: [], message: `expected a map of settings (checklist, rules, exclude, …), got ${describe(raw)}` }];
  }
  const value = withoutEmptyKeys(raw) as object;
  const parsed = configSchema.safeParse(value);
  const problems = parsed.success ? [] : problemsFromZod(parsed.error.issues, value, (path) => knownKeysAt(configSchema, path));
  problems.push(...unknownNames(value, 'rules', 'rule', (id) => isKnownRule(id, options.knownRules), options.knownRules));
  problems.push(...ruleOptionProblems(value, options.ruleOptionSchemas ?? {}));
  problems.push(...catalogEntryProblems(value, options.catalogSchemas ?? {}));
  if (options.knownCatalogKeys) {
    const known = options.knownCatalogKeys;
    problems.push(...unknownNames(value, 'catalog', 'catalog key', (key) => known.includes(key), known));
  }
  return problems.sort((a, b) => a.path.join('.').localeCompare(b.path.join('.')));
}

function ruleOptionProblems(value: object, schemas: Readonly<Record<string, z.ZodType | undefined>>): PathProblem[] {
  const rules = (value as Record<string, unknown>).rules;
  if (rules === null || typeof rules !== 'object') return [];
  return Object.entries(rules as Record<string, unknown>).flatMap(([id, setting]) => {
    const schema = schemas[id];
    if (!schema || setting === null || typeof setting !== 'object' || !('options' in setting)) return [];
    const options = (setting as { options: unknown }).options;
    const parsed = schema.safeParse(options ?? {});
    if (parsed.success) return [];
    const at = ['rules', id, 'options'];
    return problemsFromZod(parsed.error.issues, options, (path) => knownKeysAt(schema, path)).map((p) => ({ ...p, path: [...at, ...p.path] }));
  });
}

/** Each user catalog entry against every schema of its key; the first failing schema names the problem. */
function catalogEntryProblems(value: object, schemas: CatalogSchemas): PathProblem[] {
  const catalog = (value as Record<string, unknown>).catalog;
  if (catalog === null || typeof catalog !== 'object' || Array.isArray(catalog)) return [];
  return Object.entries(catalog as Record<string, unknown>).flatMap(([key, entries]) => {
    if (!Array.isArray(entries)) return [];
    return entries.flatMap((entry, index) => {
      for (const schema of schemas[key] ?? []) {
        const parsed = schema.safeParse(entry);
        if (parsed.success) continue;
        const at = ['catalog', key, index];
        return problemsFromZod(parsed.error.issues, entry, (path) => knownKeysAt(schema, path)).map((p) => ({ ...p, path: [...at, ...p.path] }));
      }
      return [];
    });
  });
}

function unknownNames(value: object, section: string, what: string, isKnown: (name: string) => boolean, known: readonly string[]): PathProblem[] {
  const entries = (value as Record<string, unknown>)[section];
  if (entries === null || typeof entries !== 'object' || Array.isArray(entries)) return [];
  return Object.keys(entries)
    .filter((name) => !isKnown(name))
    .map((name) => ({ path: [section, name], message: `unknown ${what} (known: ${[...known].sort().join(', ')})` }));
}

/**
 * `rules:` with every entry commented out is YAML null: read it as "not set", like a missing key,
 * instead of "expected a map". Applies to the top-level keys only.
 */
export function withoutEmptyKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null));
}

export function isKnownRule(id: string, knownRules: readonly string[]): boolean {
  return knownRules.some((known) => (known.endsWith('/*') ? id.startsWith(known.slice(0, -1)) : known === id));
}
