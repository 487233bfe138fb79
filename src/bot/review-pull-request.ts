import { UserError } from '../core/errors.js';
import type { QueryPlanner } from '../core/query-planner.js';
import { settingsFromConfig } from '../core/review-repository.js';
import { review } from '../core/review.js';
import type { RuleRegistry } from '../core/rule-registry.js';
import type { PlumblineConfig } from '../core/config/schema.js';
import { completeCheckRun } from '../github/check-run.js';
import { httpStatus, type GitHubClient } from '../github/client.js';
import { publishReview, type PublishReport } from '../github/publish-review.js';
import { codeBlock, inlineCode } from '../report/markdown-escape.js';
import { configChanges } from './config-changes.js';
import { TreeUnavailableError, type TreeLimits } from './head-tree.js';
import { loadPullRequestChanges, type PullRequestRef } from './pull-request-changes.js';
import { loadBaseConfig, parseConfigText, RepositoryConfigError, type ConfigLoader, type RepositoryConfig } from './repository-config.js';
import { pinTrustedFiles } from './trusted-files.js';

export interface ReviewDependencies {
  /** The same registry the CLI uses (src/registry.ts). */
  registry: RuleRegistry;
  /** The EXPLAIN stage when the App has a staging database; undefined: no query plans. */
  queryPlanner?: (config: PlumblineConfig) => QueryPlanner | undefined;
  treeLimits?: TreeLimits;
  log: { info(msg: string): void; warn(msg: string): void; error(obj: unknown, msg?: string): void };
  /** Called with each finished review's outcome (metrics, benchmarks). */
  onOutcome?: (pr: PullRequestRef, outcome: JobOutcome) => void;
}

export interface ReviewJob {
  client: GitHubClient & ConfigLoader;
  pr: PullRequestRef;
  /** From a fork: its code gets the static review only, nothing that uses a secret or the database. */
  fork: boolean;
  /** A maintainer asked (`/plumbline review`): a fork PR may use the database too. */
  maintainerRequested: boolean;
  checkRunId: number;
  isCurrent: () => Promise<boolean>;
}

/** `analysisMs`: the review pipeline alone (project, checks, EXPLAIN), without GitHub reads and writes. */
export type JobOutcome = { kind: 'published'; report: PublishReport; analysisMs: number } | { kind: 'config-error' | 'unavailable' | 'analysis-error'; message: string };

/**
 * One review of one push: base config → PR change set → review() → GitHub. Whatever happens, the check
 * run is completed: a broken config and an analysis error fail it with the reason (a gate that cannot
 * be evaluated must not pass), GitHub being unavailable makes it neutral with the reason.
 */
export async function reviewPullRequest(job: ReviewJob, deps: ReviewDependencies): Promise<JobOutcome> {
  const { client, pr } = job;
  const target = { owner: pr.owner, repo: pr.repo, pullNumber: pr.number, headSha: pr.headSha };
  const end = async (outcome: Exclude<JobOutcome, { kind: 'published' }>, title: string, summary: string): Promise<JobOutcome> => {
    await completeCheckRun(client, target, job.checkRunId, { conclusion: outcome.kind === 'unavailable' ? 'neutral' : 'failure', title, summary, annotations: [] });
    return outcome;
  };

  let config: RepositoryConfig;
  try {
    config = await loadBaseConfig(client, pr, pr.baseRef, deps.registry.config);
  } catch (error) {
    if (!(error instanceof RepositoryConfigError)) return unavailable(error);
    return end({ kind: 'config-error', message: error.message }, `Configuration error in ${error.source}`, configErrorSummary(error, pr.baseRef));
  }

  let loaded: Awaited<ReturnType<typeof loadPullRequestChanges>>;
  const changesStarted = performance.now();
  try {
    loaded = await loadPullRequestChanges(client, pr, deps.treeLimits);
  } catch (error) {
    return unavailable(error);
  }
  const changesMs = Math.round(performance.now() - changesStarted);
  try {
    const changed = new Set(loaded.changes.files.map((f) => f.path));
    const notices = [...config.notices, ...(await configChangeNotices(config, changed, loaded.changes.readNew))];
    for (const file of await pinTrustedFiles(client, pr, pr.baseSha, loaded.tree.root, config.config, changed)) {
      notices.push(`This pull request changes ${inlineCode(file)}; the review uses the base branch's version of it.`);
    }
    const unavailableParts: string[] = [];
    const planner = databaseAllowed(job) ? guardedPlanner(deps.queryPlanner?.(config.config), unavailableParts) : undefined;
    if (config.config.explain.enabled === true && !planner) {
      if (!databaseAllowed(job)) notices.push('Pull request from a fork: static review only. Query plans on the staging database run when a maintainer comments `/plumbline review`.');
      else unavailableParts.push('the staging database is not configured for the App, so changed queries were not run through EXPLAIN');
    }
    let result;
    try {
      const settings = await settingsFromConfig({ config: config.config, path: config.path, sources: config.path ? [config.path] : [] }, loaded.changes.root);
      result = await review({ changes: loaded.changes, settings, checks: deps.registry.checks, isKnownRule: deps.registry.isKnown, queryPlanner: planner, changesMs });
    } catch (error) {
      if (error instanceof UserError) return end({ kind: 'config-error', message: error.message }, 'Configuration error', codeBlock(error.message));
      if (httpStatus(error) !== undefined) throw error;
      return internalError(error);
    }
    const report = await publishReview(client, {
      target,
      checkRunId: job.checkRunId,
      result,
      files: loaded.changes.files,
      failOn: config.config.github.failOn ?? config.config.failOn,
      allowUnchecked: config.config.allowUnchecked,
      maxInlineComments: config.config.github.maxInlineComments,
      unavailable: unavailableParts,
      notices,
      isCurrent: job.isCurrent,
    });
    return { kind: 'published', report, analysisMs: result.stats.durationMs };
  } catch (error) {
    return httpStatus(error) !== undefined || error instanceof TreeUnavailableError ? unavailable(error) : internalError(error);
  } finally {
    await loaded.tree.remove();
  }

  /** A bug, in the analysis or here: the gate could not be evaluated, so it does not pass. */
  async function internalError(error: unknown): Promise<JobOutcome> {
    deps.log.error(error, `review of ${pr.owner}/${pr.repo}#${pr.number} failed`);
    const message = (error as Error).message?.split('\n')[0] ?? String(error);
    return end({ kind: 'analysis-error', message }, 'Plumbline could not analyse this push', `The review stopped with an internal error: ${inlineCode(message)}.\n\nThis is a bug in Plumbline, not in the pull request. Re-run the check after it is fixed, or ask a maintainer to merge without it.`);
  }

  async function unavailable(error: unknown): Promise<JobOutcome> {
    const message = error instanceof TreeUnavailableError ? error.message : `a GitHub request failed: ${((error as Error).message ?? String(error)).split('\n')[0]}`;
    deps.log.warn(`review of ${pr.owner}/${pr.repo}#${pr.number} incomplete: ${message}`);
    return end({ kind: 'unavailable', message }, 'Review incomplete: GitHub unavailable', `Plumbline could not finish this review because ${message}.\n\nNothing was decided about this push; re-run the check to try again.`);
  }
}

function databaseAllowed(job: ReviewJob): boolean {
  return !job.fork || job.maintainerRequested;
}

/** A planner that fails (database down) makes the review incomplete, not broken. */
function guardedPlanner(planner: QueryPlanner | undefined, unavailable: string[]): QueryPlanner | undefined {
  if (!planner) return undefined;
  return async (input) => {
    try {
      return await planner(input);
    } catch (error) {
      unavailable.push(`the staging database could not be used (${(error as Error).message.split('\n')[0]})`);
      return { findings: [], explained: [], notices: [], rules: [] };
    }
  };
}

async function configChangeNotices(config: RepositoryConfig, changed: ReadonlySet<string>, readNew: (p: string) => Promise<string | undefined>): Promise<string[]> {
  const file = config.path && changed.has(config.path) ? config.path : undefined;
  if (!file) return [];
  const text = await readNew(file);
  if (text === undefined) return [`This pull request deletes ${inlineCode(file)}; the review uses the base branch's version.`];
  let lines: string[];
  try {
    const head = parseConfigText(text, file);
    delete head.extends;
    lines = configChanges(config.raw, head);
  } catch (error) {
    return [`This pull request changes ${inlineCode(file)}, and its version is invalid: ${(error as Error).message}. The review uses the base branch's version.`];
  }
  if (lines.length === 0) return [`This pull request changes ${inlineCode(file)} without changing any setting.`];
  return [`This pull request changes ${inlineCode(file)}; the review uses the base branch's version. With the PR's version: ${lines.join('; ')}.`];
}

function configErrorSummary(error: RepositoryConfigError, baseRef: string): string {
  return [
    `The Plumbline configuration on the base branch ${inlineCode(baseRef)} cannot be used, so this push was not reviewed:`,
    '',
    codeBlock(error.message),
    '',
    `Fix ${inlineCode(error.source)} on ${inlineCode(baseRef)} (the App always reads it from the base branch, so a pull request cannot change its own gate).`,
  ].join('\n');
}
