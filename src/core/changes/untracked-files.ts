import { lstat, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ChangedFile } from './change-set.js';
import { git, splitNul } from './git.js';
import { allLinesOf } from './line-ranges.js';

// Git calls a file binary when a NUL byte appears in its first 8,000 bytes (xdiff's buffer_is_binary).
const BINARY_SNIFF_BYTES = 8000;
const READ_BATCH = 64;

/** Files git does not track and does not ignore, as additions: `git diff` leaves them out. */
export async function untrackedFiles(root: string): Promise<ChangedFile[]> {
  // A nested repository is listed as "dir/"; it is someone else's history, not a change.
  const paths = splitNul(await git(root, ['ls-files', '-z', '--others', '--exclude-standard'])).filter((p) => !p.endsWith('/'));
  const files: ChangedFile[] = [];
  for (let i = 0; i < paths.length; i += READ_BATCH) {
    const batch = await Promise.all(paths.slice(i, i + READ_BATCH).map((p) => untrackedFile(root, p)));
    files.push(...batch.filter((f): f is ChangedFile => f !== undefined));
  }
  return files;
}

async function untrackedFile(root: string, relativePath: string): Promise<ChangedFile | undefined> {
  const absolute = path.join(root, relativePath);
  const info = await lstat(absolute).catch(() => undefined);
  if (!info) return undefined; // removed while we looked
  const base = { path: relativePath, status: 'added' as const, modeOnly: false };
  if (info.isSymbolicLink()) return { ...base, binary: false, addedLines: [], newMode: '120000' };
  const content = await readFile(absolute);
  const binary = content.subarray(0, BINARY_SNIFF_BYTES).includes(0);
  return {
    ...base,
    binary,
    addedLines: binary ? [] : allLinesOf(content.toString('utf8')),
    newMode: info.mode & 0o111 ? '100755' : '100644',
  };
}
