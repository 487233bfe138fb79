import { access, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { assertBuiltInCatalog, loadCatalog } from '../catalog.js';
import { UserError } from '../errors.js';
import { locate, problemsError, type ConfigProblem } from './problems.js';
import { BUILT_IN_CHECKLISTS, configSchema, type PlumblineConfig } from './schema.js';
import { configProblems, withoutEmptyKeys, type ValidateConfigOptions } from './validate-config.js';
import { parseYamlSource } from './yaml-source.js';

/** Where the config is looked up, in order, relative to the repository root. */
export const CONFIG_FILES = ['.plumbline.yml', '.github/plumbline.yml'];

export interface LoadConfigOptions {
  /** Absolute repository root. */
  root: string;
  /** `--config FILE`, relative to the root; skips the lookup. */
  configPath?: string;
  /** Rule ids accepted under `rules:` (core knows no check by name: the caller lists them). */
  knownRules: readonly string[];
  /** Catalog keys accepted under `catalog:`; default: the keys of the built-in rules/*.yml. */
  knownCatalogKeys?: readonly string[];
  /** Options schemas by rule id (each check's `meta.options`), so bad options are reported with file:line. */
  ruleOptionSchemas?: ValidateConfigOptions['ruleOptionSchemas'];
  /** Entry schemas by catalog key: built-in and user catalog entries are checked at load, with file:line. */
  catalogSchemas?: ValidateConfigOptions['catalogSchemas'];
}

export interface LoadedConfig {
  config: PlumblineConfig;
  /** Repository-relative path of the config file; undefined when there is none (defaults). */
  path?: string;
  /** Every file read, in the order applied: bases named by `extends` first, this file last. */
  sources: string[];
  /** `file:line` of each `catalog:` entry, in the order of the merged lists (for errors about an entry). */
  catalogSources?: Record<string, string[]>;
}

type RawConfig = Record<string, unknown>;

/** Finds, reads, validates and merges `.plumbline.yml` and what it extends; every problem is listed in one UserError. */
export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  if (options.catalogSchemas) assertBuiltInCatalog(options.catalogSchemas);
  const file = await findConfigFile(options.root, options.configPath);
  if (!file) return { config: configSchema.parse({}), sources: [] };

  const state: ChainState = { root: options.root, options, problems: [], applied: [] };
  await readChain(file, [], undefined, state);
  if (state.problems.length > 0) throw problemsError(state.problems);

  const merged = state.applied.reduce<RawConfig>((base, next) => mergeConfig(base, next.raw), {});
  return {
    config: configSchema.parse(merged),
    path: displayPath(options.root, file),
    sources: state.applied.map((a) => a.source),
    catalogSources: mergedCatalogSources(state.applied),
  };
}

async function findConfigFile(root: string, configPath?: string): Promise<string | undefined> {
  if (configPath) {
    const file = path.resolve(root, configPath);
    if (!(await exists(file))) throw new UserError(`config file not found: ${configPath} (looked for ${file})`);
    if ((await stat(file)).isDirectory()) {
      throw new UserError(`--config ${configPath} is a directory, not a file: name the file itself, e.g. --config ${path.join(configPath, CONFIG_FILES[0])}`);
    }
    return file;
  }
  for (const candidate of CONFIG_FILES) {
    const file = path.join(root, candidate);
    if (await exists(file)) return file;
  }
  return undefined;
}

interface ChainState {
  root: string;
  options: LoadConfigOptions;
  problems: ConfigProblem[];
  applied: Array<{ source: string; raw: RawConfig; catalogAt: Record<string, string[]> }>;
  catalogKeys?: readonly string[];
}

/** Depth first: a file's bases are applied before it. `stack` holds the files being read, for cycles. */
async function readChain(file: string, stack: string[], namedAt: ConfigProblem | undefined, state: ChainState): Promise<void> {
  const source = displayPath(state.root, file);
  if (stack.includes(file)) {
    const cycle = [...stack.slice(stack.indexOf(file)), file].map((f) => displayPath(state.root, f)).join(' → ');
    state.problems.push({ ...namedAt!, message: `extends cycle: ${cycle}` });
    return;
  }
  // A base two files extend (a diamond) is applied once: its catalog entries must not be appended twice.
  if (state.applied.some((a) => a.source === source)) return;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    if (!namedAt) throw new UserError(`cannot read config file ${source}`);
    state.problems.push({ ...namedAt, message: `file not found: ${source}` });
    return;
  }
  const yaml = parseYamlSource(text, source);
  const value = withoutEmptyKeys(yaml.value ?? {});
  const problems = configProblems(value, {
    knownRules: state.options.knownRules,
    knownCatalogKeys: catalogKeysFor(value, state),
    ruleOptionSchemas: state.options.ruleOptionSchemas,
    catalogSchemas: state.options.catalogSchemas,
  });
  state.problems.push(...locate(problems, yaml));
  if (typeof value !== 'object' || Array.isArray(value)) return;

  // Bases are read even when this file has problems, so that every problem is listed at once.
  const raw = { ...(value as RawConfig) };
  const bases = typeof raw.extends === 'string' ? [raw.extends] : Array.isArray(raw.extends) ? raw.extends.filter((b) => typeof b === 'string') : [];
  for (const [index, base] of bases.entries()) {
    const at = { source, line: yaml.lineOf(typeof raw.extends === 'string' ? ['extends'] : ['extends', index]), key: 'extends' };
    await readChain(path.resolve(path.dirname(file), base), [...stack, file], { ...at, message: '' }, state);
  }
  delete raw.extends;
  if (typeof raw.checklist === 'string' && !(BUILT_IN_CHECKLISTS as readonly string[]).includes(raw.checklist)) {
    // Relative to the file that names it; stored relative to the root, where resolveChecklist looks.
    const checklistFile = path.resolve(path.dirname(file), raw.checklist);
    if (!(await exists(checklistFile))) {
      state.problems.push({ source, line: yaml.lineOf(['checklist']), key: 'checklist', message: `expected ${BUILT_IN_CHECKLISTS.join(', ')} or a checklist file; ${displayPath(state.root, checklistFile)} does not exist` });
    }
    raw.checklist = displayPath(state.root, checklistFile);
  }
  state.applied.push({ source, raw, catalogAt: catalogLines(raw, yaml, source) });
}

function catalogLines(raw: RawConfig, yaml: ReturnType<typeof parseYamlSource>, source: string): Record<string, string[]> {
  const catalog = raw.catalog;
  if (catalog === null || typeof catalog !== 'object' || Array.isArray(catalog)) return {};
  return Object.fromEntries(
    Object.entries(catalog as Record<string, unknown>).map(([key, entries]) => [key, Array.isArray(entries) ? entries.map((_, i) => `${source}:${yaml.lineOf(['catalog', key, i])}`) : []]),
  );
}

/** Appended in the order mergeConfig appends the lists themselves. */
function mergedCatalogSources(applied: ChainState['applied']): Record<string, string[]> {
  const merged: Record<string, string[]> = {};
  for (const { catalogAt } of applied) for (const [key, lines] of Object.entries(catalogAt)) merged[key] = [...(merged[key] ?? []), ...lines];
  return merged;
}

function catalogKeysFor(value: unknown, state: ChainState): readonly string[] | undefined {
  if (state.options.knownCatalogKeys) return state.options.knownCatalogKeys;
  if (value === null || typeof value !== 'object' || !('catalog' in value)) return undefined;
  state.catalogKeys ??= Object.keys(loadCatalog());
  return state.catalogKeys;
}

/**
 * A later file overrides an earlier one key by key; `rules` merge per rule id, `catalog` lists are
 * appended (both add to what the base set), `explain` and `github` merge per key.
 */
export function mergeConfig(base: RawConfig, next: RawConfig): RawConfig {
  const merged: RawConfig = { ...base };
  for (const [key, value] of Object.entries(next)) {
    if (value === null || value === undefined) continue; // a key left empty is not set
    if (key === 'rules' || key === 'explain' || key === 'github') {
      merged[key] = { ...(base[key] as object | undefined), ...(value as object) };
    } else if (key === 'catalog') {
      const catalog: Record<string, unknown[]> = { ...(base.catalog as Record<string, unknown[]> | undefined) };
      for (const [name, entries] of Object.entries(value as Record<string, unknown[]>)) catalog[name] = [...(catalog[name] ?? []), ...entries];
      merged.catalog = catalog;
    } else {
      merged[key] = value;
    }
  }
  return merged;
}

/** Repository-relative posix path when inside the root, absolute otherwise. */
function displayPath(root: string, file: string): string {
  const relative = path.relative(root, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
