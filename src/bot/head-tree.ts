import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { extract, type ReadEntry } from 'tar';
import type { GitHubClient } from '../github/client.js';

export interface TreeLimits {
  /** Largest tarball accepted (compressed bytes). */
  maxDownloadBytes: number;
  /** Most bytes written to disk, over all files. */
  maxBytes: number;
  /** Most files written. */
  maxFiles: number;
  /** Larger files are left out (generated bundles, data); ts-morph gains nothing from them. */
  maxFileBytes: number;
}

export const DEFAULT_TREE_LIMITS: TreeLimits = {
  maxDownloadBytes: 200 * 1024 * 1024,
  maxBytes: 512 * 1024 * 1024,
  maxFiles: 60_000,
  maxFileBytes: 2 * 1024 * 1024,
};

export interface HeadTree {
  root: string;
  files: number;
  bytes: number;
  /** What the limits left out, for the summary. */
  notices: string[];
  remove(): Promise<void>;
}

/** Raised when GitHub's archive cannot be had or is over the limits: the review is incomplete, not failed. */
export class TreeUnavailableError extends Error {}

const KEPT_TYPES = new Set(['File', 'OldFile', 'ContiguousFile', 'Directory']);

/**
 * The head commit's source tree, from GitHub's tarball, in a temporary directory, so ts-morph sees
 * what changed files import. Only regular files and directories are written: links are skipped, so
 * nothing can point outside the tree, and tar itself refuses absolute paths and `..`. Nothing from
 * the tree is installed or run.
 */
export async function downloadHeadTree(client: GitHubClient, repo: { owner: string; repo: string }, sha: string, limits: TreeLimits = DEFAULT_TREE_LIMITS): Promise<HeadTree> {
  let archive: ArrayBuffer;
  try {
    const response = await client.rest.repos.downloadTarballArchive({ owner: repo.owner, repo: repo.repo, ref: sha });
    archive = response.data as ArrayBuffer;
  } catch (error) {
    throw new TreeUnavailableError(`the source archive of ${sha.slice(0, 7)} could not be downloaded (${(error as Error).message.split('\n')[0]})`);
  }
  if (archive.byteLength > limits.maxDownloadBytes) {
    throw new TreeUnavailableError(`the source archive of ${sha.slice(0, 7)} is ${mb(archive.byteLength)}, over the ${mb(limits.maxDownloadBytes)} limit`);
  }
  const root = await mkdtemp(path.join(tmpdir(), 'plumbline-pr-'));
  const tree: HeadTree = { root, files: 0, bytes: 0, notices: [], remove: () => rm(root, { recursive: true, force: true }) };
  let links = 0;
  let tooLarge = 0;
  let overLimit = 0;
  const keep = (_entryPath: string, entry: ReadEntry | import('node:fs').Stats): boolean => {
    const e = entry as ReadEntry;
    if (!KEPT_TYPES.has(e.type)) {
      if (e.type === 'SymbolicLink' || e.type === 'Link') links++;
      return false;
    }
    if (e.type === 'Directory') return true;
    const size = e.size ?? 0;
    if (size > limits.maxFileBytes) return (tooLarge++, false);
    if (tree.files + 1 > limits.maxFiles || tree.bytes + size > limits.maxBytes) return (overLimit++, false);
    tree.files++;
    tree.bytes += size;
    return true;
  };
  try {
    // GitHub's archive has one top folder, `owner-repo-sha/`: strip it.
    await pipeline(Readable.from(Buffer.from(archive)), extract({ cwd: root, strip: 1, filter: keep, preservePaths: false }));
  } catch (error) {
    await tree.remove();
    throw new TreeUnavailableError(`the source archive of ${sha.slice(0, 7)} could not be unpacked (${(error as Error).message})`);
  }
  if (links > 0) tree.notices.push(`${links} symbolic or hard link(s) in the repository were not followed.`);
  if (tooLarge > 0) tree.notices.push(`${tooLarge} file(s) over ${mb(limits.maxFileBytes)} were not analysed.`);
  if (overLimit > 0) tree.notices.push(`${overLimit} file(s) were not unpacked: the tree is over ${limits.maxFiles} files or ${mb(limits.maxBytes)}; imports into them are not resolved.`);
  return tree;
}

function mb(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}
