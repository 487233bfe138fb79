import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ChangedFile, ChangeSet, ChangeStatus } from '../core/changes/change-set.js';
import { allLinesOf } from '../core/changes/line-ranges.js';
import { addedLinesFromPatch } from '../core/changes/unified-diff.js';
import { httpStatus, type GitHubClient } from '../github/client.js';
import { downloadHeadTree, type HeadTree, type TreeLimits } from './head-tree.js';
import { addedLinesBetween } from './line-diff.js';

/** What the bot knows about a pull request from the event or `pulls.get`. */
export interface PullRequestRef {
  owner: string;
  repo: string;
  number: number;
  headSha: string;
  baseSha: string;
  baseRef: string;
}

export interface PullRequestChanges {
  changes: ChangeSet;
  tree: HeadTree;
}

type GitHubFileStatus = 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';

interface PullRequestFile {
  filename: string;
  previous_filename?: string;
  status: GitHubFileStatus;
  patch?: string;
}

const STATUS: Record<GitHubFileStatus, ChangeStatus> = {
  added: 'added',
  removed: 'deleted',
  modified: 'modified',
  renamed: 'renamed',
  copied: 'copied',
  changed: 'modified',
  unchanged: 'modified',
};

/**
 * The change set of a pull request: its files (paginated; GitHub lists at most 3,000), added lines
 * from each file's patch, or from comparing base and head contents when GitHub left the patch out
 * (large files); the head tree from the source tarball; the base side from the contents API.
 */
export async function loadPullRequestChanges(client: GitHubClient, pr: PullRequestRef, limits?: TreeLimits): Promise<PullRequestChanges> {
  const listed = (await client.paginate(client.rest.pulls.listFiles, { owner: pr.owner, repo: pr.repo, pull_number: pr.number, per_page: 100 })) as PullRequestFile[];
  const tree = await downloadHeadTree(client, pr, pr.headSha, limits);
  try {
    const readNew = (file: string) => readInside(tree.root, file);
    const readBase = (file: string) => readAtRef(client, pr, file, pr.baseSha);
    const files: ChangedFile[] = [];
    for (const f of listed) files.push(await changedFile(f, readNew, readBase));
    const notices = [...tree.notices];
    if (listed.length >= 3000) notices.push('GitHub lists at most 3,000 files of a pull request; files beyond them were not reviewed.');
    const changes: ChangeSet = {
      root: tree.root,
      description: `${pr.owner}/${pr.repo}#${pr.number} ${pr.baseRef}@${pr.baseSha.slice(0, 7)}...${pr.headSha.slice(0, 7)}`,
      files,
      readNew,
      readBase,
      notices,
    };
    return { changes, tree };
  } catch (error) {
    await tree.remove();
    throw error;
  }
}

async function changedFile(f: PullRequestFile, readNew: (p: string) => Promise<string | undefined>, readBase: (p: string) => Promise<string | undefined>): Promise<ChangedFile> {
  const status = STATUS[f.status];
  const base: ChangedFile = { path: f.filename, status, binary: false, modeOnly: false, addedLines: [] };
  if (f.previous_filename) base.oldPath = f.previous_filename;
  if (status === 'deleted') return base;
  if (f.patch !== undefined) return { ...base, addedLines: addedLinesFromPatch(f.patch) };
  // No patch: a binary, a pure rename, a mode change, or a diff too large for GitHub to show.
  const head = await readNew(f.filename);
  if (head === undefined) return base;
  if (head.includes('\u0000')) return { ...base, binary: true };
  if (status === 'added') return { ...base, addedLines: allLinesOf(head) };
  const before = await readBase(f.previous_filename ?? f.filename);
  if (before === undefined) return { ...base, addedLines: allLinesOf(head) };
  const addedLines = addedLinesBetween(before, head);
  return { ...base, addedLines, modeOnly: addedLines.length === 0 && status === 'modified' };
}

/** Reads a file of the unpacked tree; a path that would leave the tree reads as missing. */
async function readInside(root: string, file: string): Promise<string | undefined> {
  const full = path.resolve(root, file);
  if (!full.startsWith(root + path.sep)) return undefined;
  try {
    return await readFile(full, 'utf8');
  } catch {
    return undefined;
  }
}

/** A file at a commit through the contents API (raw media type), or undefined when it is not there. */
export async function readAtRef(client: GitHubClient, repo: { owner: string; repo: string }, file: string, ref: string): Promise<string | undefined> {
  try {
    const { data } = await client.rest.repos.getContent({ owner: repo.owner, repo: repo.repo, path: file, ref, mediaType: { format: 'raw' } });
    return typeof data === 'string' ? data : undefined;
  } catch (error) {
    if (httpStatus(error) === 404) return undefined;
    throw error;
  }
}
