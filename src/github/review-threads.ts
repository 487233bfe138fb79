import type { GitHubClient, PullRequestTarget } from './client.js';
import { fingerprintIn } from './markers.js';

interface ThreadsPage {
  repository: {
    pullRequest: {
      reviewThreads: {
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        nodes: Array<{ id: string; isResolved: boolean; comments: { nodes: Array<{ body: string; author: { login: string } | null } | null> } } | null>;
      };
    } | null;
  } | null;
}

const THREADS_QUERY = `query($owner: String!, $repo: String!, $number: Int!, $cursor: String) {
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) {
      reviewThreads(first: 100, after: $cursor) {
        pageInfo { hasNextPage endCursor }
        nodes { id isResolved comments(first: 1) { nodes { body author { login } } } }
      }
    }
  }
}`;

const RESOLVE_MUTATION = `mutation($threadId: ID!) {
  resolveReviewThread(input: { threadId: $threadId }) { thread { id isResolved } }
}`;

export interface OpenThread {
  id: string;
  fingerprint: string;
}

/** Unresolved threads opened by one of our comments (the REST API does not expose threads; GraphQL does). */
export async function openFindingThreads(client: GitHubClient, target: PullRequestTarget): Promise<OpenThread[]> {
  const threads: OpenThread[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 50; page++) {
    const data: ThreadsPage = await client.graphql<ThreadsPage>(THREADS_QUERY, { owner: target.owner, repo: target.repo, number: target.pullNumber, cursor });
    const connection = data.repository?.pullRequest?.reviewThreads;
    if (!connection) break;
    for (const node of connection.nodes) {
      const fingerprint = fingerprintIn(node?.comments.nodes[0]?.body);
      if (node && !node.isResolved && fingerprint) threads.push({ id: node.id, fingerprint });
    }
    if (!connection.pageInfo.hasNextPage) break;
    cursor = connection.pageInfo.endCursor;
  }
  return threads;
}

/** Resolves every open thread whose finding this push no longer has; returns how many. */
export async function resolveFixedThreads(client: GitHubClient, target: PullRequestTarget, current: ReadonlySet<string>): Promise<number> {
  const fixed = (await openFindingThreads(client, target)).filter((t) => !current.has(t.fingerprint));
  for (const thread of fixed) await client.graphql(RESOLVE_MUTATION, { threadId: thread.id });
  return fixed.length;
}
