import type { Context } from 'probot';
import type { GitHubClient } from '../github/client.js';
import type { ConfigLoader } from './repository-config.js';

/**
 * Probot's installation Octokit (retry, throttling and config plugins) seen as the writer's client.
 * Its REST methods are the same plugin versions @octokit/rest is built from.
 */
export function botClient(context: Pick<Context, 'octokit'>): GitHubClient & ConfigLoader {
  return context.octokit as unknown as GitHubClient & ConfigLoader;
}
