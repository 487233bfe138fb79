import { appendFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ProbotOctokit } from 'probot';
import { loadChangeSet, repositoryRoot } from '../core/changes/index.js';
import { CONFIG_FILES, loadConfig } from '../core/config/index.js';
import { BUILT_IN_CHECKLISTS } from '../core/config/schema.js';
import { settingsFromConfig } from '../core/review-repository.js';
import { failsGate, review } from '../core/review.js';
import type { ReviewResult } from '../core/review-result.js';
import type { RuleRegistry } from '../core/rule-registry.js';
import { completeCheckRun, startCheckRun } from '../github/check-run.js';
import { httpStatus, type GitHubClient } from '../github/client.js';
import { PlumblineOctokit } from '../github/octokit.js';
import { publishReview } from '../github/publish-review.js';
import { formatResult, githubAnnotations } from '../report/index.js';
import { escapeData } from '../report/github.js';
import { withBaseFiles } from './base-files.js';
import { readPullRequestEvent, type PullRequestEvent } from './event.js';
import { readInputs } from './inputs.js';

export interface ActionDependencies {
  /** The same registry the CLI uses (src/registry.ts); tests pass one built from their own checks. */
  registry: RuleRegistry;
  /** Tests pass an Octokit with short retry delays. */
  Octokit?: typeof ProbotOctokit;
  write(line: string): void;
}

/**
 * The GitHub Action: the CLI's review of the PR against its base, then the job summary, SARIF, and
 * either the App's check run + sticky comment + inline comments (with a token that may write) or
 * workflow-command annotations. Returns the exit code: 1 when the gate fails.
 */
export async function runAction(env: NodeJS.ProcessEnv, deps: ActionDependencies): Promise<number> {
  const inputs = readInputs(env);
  const event = await readPullRequestEvent(env.GITHUB_EVENT_PATH);
  const root = await repositoryRoot(inputs.workingDirectory);

  // The gate's own files come from the base commit: a pull request cannot weaken its own gate.
  const baseSha = event?.baseSha;
  const reviewWith = async () => {
    const loaded = await loadConfig({ root, ...deps.registry.config });
    const gateFiles = [loaded.config.baseline, ...((BUILT_IN_CHECKLISTS as readonly string[]).includes(loaded.config.checklist) ? [] : [loaded.config.checklist])];
    const run = async () => {
      const changes = await loadChangeSet({ cwd: root, base: baseSha });
      const result = await review({ changes, settings: await settingsFromConfig(loaded, root), checks: deps.registry.checks, isKnownRule: deps.registry.isKnown });
      return { result, files: changes.files };
    };
    const inner = baseSha ? await withBaseFiles(root, baseSha, gateFiles, run) : { value: await run(), changed: [] };
    return { ...inner.value, config: loaded.config, changedGateFiles: inner.changed };
  };
  const outer = baseSha ? await withBaseFiles(root, baseSha, CONFIG_FILES, reviewWith) : { value: await reviewWith(), changed: [] };
  const { result, files, config } = outer.value;
  const notices = [...outer.changed, ...outer.value.changedGateFiles].map((f) => `This pull request changes \`${f}\`; the review uses the base branch's version of it.`);
  const failOn = inputs.failOn ?? config.github.failOn ?? config.failOn;
  const allowUnchecked = inputs.allowUnchecked ?? config.allowUnchecked;
  const shown: ReviewResult = notices.length ? { ...result, notices: [...notices, ...result.notices] } : result;

  if (env.GITHUB_STEP_SUMMARY) await appendFile(env.GITHUB_STEP_SUMMARY, formatResult('markdown', shown, { color: false }));
  if (inputs.sarif) await writeFile(path.resolve(root, inputs.sarif), formatResult('sarif', shown, { color: false }));

  let published = false;
  if (inputs.token && event && inputs.comment) {
    const Octokit = deps.Octokit ?? PlumblineOctokit;
    const client = new Octokit({ auth: { token: inputs.token }, baseUrl: env.GITHUB_API_URL || 'https://api.github.com' }) as unknown as GitHubClient;
    published = await publishWithToken(client, event, shown, files, { failOn, allowUnchecked }, config.github.maxInlineComments, env, deps);
  }
  // Without the check run, annotations go as workflow commands (GitHub shows 10 per type per step).
  if (!published) {
    const annotations = githubAnnotations(shown);
    if (annotations) deps.write(annotations);
  }
  const failed = failsGate(result, failOn, allowUnchecked);
  if (env.GITHUB_OUTPUT) await appendFile(env.GITHUB_OUTPUT, `findings=${result.findings.length}\nfailed=${failed}\n`);
  const unchecked = result.checklist.filter((i) => i.status === 'unchecked').length;
  deps.write(`plumbline: ${result.findings.length} finding(s)${unchecked ? `, ${unchecked} checklist item(s) not checked` : ''}; gate fail-on=${failOn}${allowUnchecked ? ' allow-unchecked' : ''}: ${failed ? 'failed' : 'passed'}`);
  return failed ? 1 : 0;
}

async function publishWithToken(
  client: GitHubClient,
  event: PullRequestEvent,
  result: ReviewResult,
  files: Parameters<typeof publishReview>[1]['files'],
  gate: { failOn: NonNullable<ReturnType<typeof readInputs>['failOn']>; allowUnchecked: boolean },
  maxInlineComments: number,
  env: NodeJS.ProcessEnv,
  deps: ActionDependencies,
): Promise<boolean> {
  const target = { owner: event.owner, repo: event.repo, pullNumber: event.number, headSha: event.headSha };
  let checkRunId: number;
  try {
    checkRunId = await startCheckRun(client, target, `pr:${event.number};run:${env.GITHUB_RUN_ID ?? 'local'}`);
  } catch (error) {
    // A fork's pull_request token is read-only (403): annotations are the fallback.
    if (httpStatus(error) === 403 || httpStatus(error) === 404) {
      deps.write(`::warning::${escapeData(`Plumbline cannot write a check run or comments with this token (${httpStatus(error)}); annotations only. Fork pull requests get a read-only token.`)}`);
      return false;
    }
    throw error;
  }
  try {
    await publishReview(client, { target, checkRunId, result, files, ...gate, maxInlineComments, notices: event.fork ? ['Pull request from a fork: static review only.'] : [] });
    return true;
  } catch (error) {
    const message = ((error as Error).message ?? String(error)).split('\n')[0];
    await completeCheckRun(client, target, checkRunId, { conclusion: 'neutral', title: 'Review incomplete: GitHub unavailable', summary: `Writing the review failed: ${message}`, annotations: [] }).catch(() => undefined);
    deps.write(`::warning::${escapeData(`Plumbline could not write the review to the pull request: ${message}`)}`);
    return false;
  }
}
