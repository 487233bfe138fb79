import type { Octokit } from '@octokit/rest';

/**
 * What the writer needs from an Octokit: the REST methods, pagination and GraphQL. Probot's
 * `context.octokit` (with its retry and throttling plugins) and the Action's token client both fit.
 */
export type GitHubClient = Pick<Octokit, 'rest' | 'paginate' | 'graphql' | 'request'>;

/** The pull request (and the commit of it) a review is written to. */
export interface PullRequestTarget {
  owner: string;
  repo: string;
  pullNumber: number;
  /** The commit that was reviewed; check runs and inline comments attach to it. */
  headSha: string;
}

/** Status of a GitHub HTTP error, if it is one. */
export function httpStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}
