import type { GitHubClient, PullRequestTarget } from './client.js';
import { SUMMARY_MARKER } from './markers.js';

export interface StickyResult {
  commentId: number;
  action: 'created' | 'updated';
}

/**
 * One summary comment per PR, edited in place on every push: found by its hidden marker among the
 * comments of a bot account (a person quoting the comment copies the marker, and must not be edited).
 */
export async function upsertStickyComment(client: GitHubClient, target: PullRequestTarget, body: string): Promise<StickyResult> {
  if (!body.includes(SUMMARY_MARKER)) throw new Error('the summary comment must carry its marker, or the next push would post a second one');
  const comments = await client.paginate(client.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.pullNumber,
    per_page: 100,
  });
  const own = comments.find((c) => c.user?.type === 'Bot' && (c.body ?? '').includes(SUMMARY_MARKER));
  if (own) {
    await client.rest.issues.updateComment({ owner: target.owner, repo: target.repo, comment_id: own.id, body });
    return { commentId: own.id, action: 'updated' };
  }
  const { data } = await client.rest.issues.createComment({ owner: target.owner, repo: target.repo, issue_number: target.pullNumber, body });
  return { commentId: data.id, action: 'created' };
}
