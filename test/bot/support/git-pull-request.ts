import { TempGitRepo } from '../../support/temp-git-repo.js';

export interface FakeFile {
  filename: string;
  previous_filename?: string;
  status: 'added' | 'removed' | 'modified' | 'renamed';
  patch?: string;
  additions: number;
  deletions: number;
  changes: number;
  sha: string;
}

const STATUS: Record<string, FakeFile['status']> = { A: 'added', D: 'removed', M: 'modified', R: 'renamed' };

/**
 * A pull request's files the way GitHub lists them, from a real `git diff base head`: status, and the
 * patch as GitHub gives it (hunks without the file headers).
 */
export function pullRequestFiles(repo: TempGitRepo, base: string, head: string): FakeFile[] {
  const statuses = repo.git('diff', '-M', '--name-status', base, head).trim().split('\n').filter(Boolean);
  const patches = patchesByPath(repo.git('diff', '-M', '--no-color', '-U3', base, head));
  return statuses.map((line) => {
    const [code, first, second] = line.split('\t');
    const filename = second ?? first;
    const patch = patches.get(filename);
    const additions = patch ? patch.split('\n').filter((l) => l.startsWith('+')).length : 0;
    const deletions = patch ? patch.split('\n').filter((l) => l.startsWith('-')).length : 0;
    return {
      filename,
      ...(second ? { previous_filename: first } : {}),
      status: STATUS[code[0]] ?? 'modified',
      ...(patch !== undefined ? { patch } : {}),
      additions,
      deletions,
      changes: additions + deletions,
      sha: '0'.repeat(40),
    };
  });
}

function patchesByPath(diff: string): Map<string, string> {
  const patches = new Map<string, string>();
  for (const section of diff.split(/^diff --git /m).slice(1)) {
    const lines = section.split('\n');
    const plus = lines.find((l) => l.startsWith('+++ '));
    const rename = lines.find((l) => l.startsWith('rename to '));
    const name = plus && plus !== '+++ /dev/null' ? plus.slice(6) : rename?.slice('rename to '.length) ?? lines.find((l) => l.startsWith('--- '))?.slice(6);
    const hunkStart = lines.findIndex((l) => l.startsWith('@@'));
    if (!name || hunkStart < 0) continue;
    patches.set(name, lines.slice(hunkStart).join('\n').replace(/\n$/, ''));
  }
  return patches;
}

/** New-side lines GitHub accepts a review comment on: every line inside a hunk (added or context). */
export function commentableLines(patch: string | undefined): Set<number> {
  const lines = new Set<number>();
  if (!patch) return lines;
  let next = 0;
  for (const line of patch.split('\n')) {
    const header = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
    if (header) next = Number(header[1]);
    else if (line.startsWith('+') || line.startsWith(' ')) lines.add(next++);
  }
  return lines;
}
