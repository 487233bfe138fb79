import type { ChangedFile, ChangeSet } from './change-set.js';
import { git, gitOrUndefined } from './git.js';
import { untrackedFiles } from './untracked-files.js';
import { parseUnifiedDiff } from './unified-diff.js';
import { readWorkingFile } from './working-tree.js';

export interface GitComparison {
  root: string;
  /** Commit (or empty tree) of the base side. */
  base: string;
  /** The working tree (with untracked files) or the index (`--staged`). */
  newSide: 'working-tree' | 'index';
  description: string;
  notices: string[];
}

/**
 * Settings that a user's git config could change and the parser must not see changed: prefixes,
 * colour, an external diff tool, textconv filters, a diff relative to a subdirectory.
 * Copies are not detected: a copied file is new code and is reviewed whole.
 */
const DIFF_ARGS = [
  '-c', 'diff.noprefix=false', '-c', 'diff.mnemonicPrefix=false', '-c', 'diff.relative=false',
  'diff', '--no-color', '--no-ext-diff', '--no-textconv', '--src-prefix=a/', '--dst-prefix=b/',
  '-M', '-U0', '--ignore-submodules=all',
];

/** A change set from `git diff <base>` (working tree or index) plus, for the working tree, untracked files. */
export async function gitChangeSet(comparison: GitComparison): Promise<ChangeSet> {
  const { root, base, newSide } = comparison;
  const side = newSide === 'index' ? ['--cached'] : [];
  const text = await git(root, [...DIFF_ARGS, ...side, base, '--']);
  const files = parseUnifiedDiff(text, { source: 'the output of git diff' });
  if (newSide === 'working-tree') files.push(...(await untrackedFiles(root)));
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  const basePaths = basePathsOf(files);
  return {
    root,
    description: comparison.description,
    files,
    notices: comparison.notices,
    readNew: (path) => (newSide === 'index' ? readBlob(root, ':0', path) : readWorkingFile(root, path)),
    readBase: async (path) => {
      const basePath = basePaths.has(path) ? basePaths.get(path) : path;
      return basePath === undefined ? undefined : readBlob(root, base, basePath);
    },
  };
}

/** New path → base path for changed files; undefined for added files, which have no base. */
function basePathsOf(files: ChangedFile[]): Map<string, string | undefined> {
  return new Map(files.map((f) => [f.path, f.status === 'added' ? undefined : (f.oldPath ?? f.path)]));
}

function readBlob(root: string, treeish: string, path: string): Promise<string | undefined> {
  return gitOrUndefined(root, ['cat-file', 'blob', `${treeish}:${path}`]);
}
