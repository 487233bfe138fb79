import path from 'node:path';
import { loadChangeSet, listRepositoryFiles, repositoryRoot, type LoadChangeSetOptions } from './changes/index.js';
import type { Check } from './check.js';
import { resolveChecklist } from './checklist.js';
import { loadConfig, type LoadedConfig } from './config/index.js';
import type { QueryPlanner } from './query-planner.js';
import type { RuleRegistry } from './rule-registry.js';
import { review, type ReviewSettings, type RuleSetting } from './review.js';
import type { ReviewResult } from './review-result.js';

export interface RepositoryReviewOptions extends LoadChangeSetOptions {
  all?: boolean;
  config?: string;
  /** `plumbline baseline` must see the findings an older baseline hides. */
  ignoreBaseline?: boolean;
  /** Every rule the config may name; its checks run unless `checks` says otherwise. */
  registry: RuleRegistry;
  /** The static checks to run (`plumbline explain`: none); default: all of the registry's. */
  checks?: Check<unknown>[];
  queryPlanner?: (loaded: LoadedConfig) => QueryPlanner | undefined;
}

export interface RepositoryReview {
  result: ReviewResult;
  config: LoadedConfig;
  root: string;
}

/** The CLI's entry into the pipeline: where the change comes from, the repository's config, then review(). */
export async function reviewRepository(options: RepositoryReviewOptions): Promise<RepositoryReview> {
  const root = options.diff ? await repositoryRoot(options.cwd).catch(() => options.cwd) : await repositoryRoot(options.cwd);
  const config = await loadConfig({
    root,
    // --config is named relative to where the user ran the command.
    configPath: options.config && path.resolve(options.cwd, options.config),
    ...options.registry.config,
  });
  const changesStarted = performance.now();
  const changes = await loadChangeSet({
    cwd: root,
    base: options.base,
    staged: options.staged,
    working: options.working,
    // A diff file is named relative to where the user ran the command, not the repository root.
    diff: options.diff && options.diff !== '-' ? path.resolve(options.cwd, options.diff) : options.diff,
    stdin: options.stdin,
  });
  const settings = await settingsFromConfig(config, root);
  if (options.ignoreBaseline) settings.baseline = undefined;
  const result = await review({
    changes,
    settings,
    checks: options.checks ?? options.registry.checks,
    isKnownRule: options.registry.isKnown,
    all: options.all,
    allFiles: options.all ? await listRepositoryFiles(root) : undefined,
    queryPlanner: options.queryPlanner?.(config),
    changesMs: Math.round(performance.now() - changesStarted),
  });
  return { result, config, root };
}

export async function settingsFromConfig(loaded: LoadedConfig, root: string): Promise<ReviewSettings> {
  const { config } = loaded;
  const rules: Record<string, RuleSetting> = {};
  for (const [id, value] of Object.entries(config.rules ?? {})) {
    rules[id] = typeof value === 'string' ? { severity: value } : { severity: value.severity, options: value.options };
  }
  return {
    include: config.include ?? [],
    exclude: config.exclude ?? [],
    rules,
    catalog: config.catalog ?? {},
    catalogSources: loaded.catalogSources,
    checklist: await resolveChecklist(config, root),
    baseline: config.baseline,
    explain: config.explain,
  };
}
