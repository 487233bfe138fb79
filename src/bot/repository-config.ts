import YAML from 'yaml';
import { mergeConfig, validateConfig } from '../core/config/index.js';
import type { PlumblineConfig } from '../core/config/schema.js';
import { UserError } from '../core/errors.js';
import type { RuleRegistry } from '../core/rule-registry.js';
import { httpStatus, type GitHubClient } from '../github/client.js';
import { readAtRef } from './pull-request-changes.js';

/** Probot's config loader (@probot/octokit-plugin-config): reads a file at a branch and follows `_extends`. */
export interface ConfigLoader {
  config: {
    get(options: { owner: string; repo: string; path: string; branch?: string; defaults?: (configs: object[]) => object }): Promise<{
      config: object;
      files: Array<{ owner: string; repo: string; path: string; config: object | null }>;
    }>;
  };
}

type RuleConfig = RuleRegistry['config'];

/** Where the App reads the config: probot's place first, then the CLI's. */
export const APP_CONFIG_PATH = '.github/plumbline.yml';
export const ROOT_CONFIG_PATH = '.plumbline.yml';

export interface RepositoryConfig {
  config: PlumblineConfig;
  /** Repository-relative file the config came from; undefined: defaults. */
  path?: string;
  /** The merged object before defaults, to compare with the PR's version. */
  raw: Record<string, unknown>;
  notices: string[];
}

/** A config that cannot be used: reported in the check run, never crashed on. */
export class RepositoryConfigError extends Error {
  constructor(readonly source: string, message: string) {
    super(message);
  }
}

/**
 * The config of the base branch, so a pull request cannot weaken its own gate. `.github/plumbline.yml`
 * through probot's loader (`_extends: other-repo` or `org/repo:path.yml` for org-wide settings), else
 * `.plumbline.yml` at the root. The CLI's file-path `extends` cannot be followed without a checkout.
 */
export async function loadBaseConfig(client: GitHubClient & ConfigLoader, repo: { owner: string; repo: string }, branch: string, rules: RuleConfig): Promise<RepositoryConfig> {
  let raw: Record<string, unknown> | undefined;
  let path: string | undefined;
  try {
    const loaded = await client.config.get({
      owner: repo.owner,
      repo: repo.repo,
      path: APP_CONFIG_PATH,
      branch,
      // Org defaults (`_extends`) first, the repository's file last; rules and catalogs merge per key.
      defaults: (configs) => (configs as Array<Record<string, unknown>>).reduce((base, next) => mergeConfig(base, next), {}),
    });
    const found = loaded.files.find((f) => f.config !== null);
    if (found) {
      raw = loaded.config as Record<string, unknown>;
      path = found.owner === repo.owner && found.repo === repo.repo ? found.path : `${found.owner}/${found.repo}:${found.path}`;
    }
  } catch (error) {
    // GitHub failing (a status) is not the config's fault: the caller reports it as unavailable.
    if (httpStatus(error) !== undefined) throw error;
    throw new RepositoryConfigError(APP_CONFIG_PATH, loaderMessage(error));
  }
  if (!raw) {
    const text = await readAtRef(client, repo, ROOT_CONFIG_PATH, branch);
    if (text !== undefined) {
      raw = parseConfigText(text, ROOT_CONFIG_PATH);
      path = ROOT_CONFIG_PATH;
    }
  }
  return validated(raw ?? {}, path, rules);
}

/** Validates a config object read from GitHub (the same schema as the CLI's). */
export function validated(raw: Record<string, unknown>, path: string | undefined, rules: RuleConfig): RepositoryConfig {
  const notices: string[] = [];
  const value = { ...raw };
  if (value.extends !== undefined) {
    notices.push(`\`extends\` in ${path} is not followed by the GitHub App (no checkout to follow it in); use probot's \`_extends: <repo>\` for shared settings.`);
    delete value.extends;
  }
  try {
    return { config: validateConfig(value, { source: path ?? 'defaults', ...rules }), path, raw: value, notices };
  } catch (error) {
    if (error instanceof UserError) throw new RepositoryConfigError(path ?? APP_CONFIG_PATH, error.message);
    throw error;
  }
}

export function parseConfigText(text: string, source: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = YAML.parse(text) ?? {};
  } catch (error) {
    throw new RepositoryConfigError(source, `${source} is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RepositoryConfigError(source, `${source}: expected a map of settings (checklist, rules, exclude, …)`);
  }
  return value as Record<string, unknown>;
}

function loaderMessage(error: unknown): string {
  const message = (error as Error).message.replace('[@probot/octokit-plugin-config] ', '');
  const cause = (error as { cause?: Error }).cause?.message.split('\n')[0];
  return cause ? `${message}: ${cause}` : message;
}
