import { UserError } from '../errors.js';
import type { ChangeSet } from './change-set.js';
import { diffChangeSet } from './diff-source.js';
import { baseChangeSet, defaultChangeSet, stagedChangeSet, workingChangeSet } from './git-sources.js';
import { repositoryRoot } from './repository.js';

export type { ChangedFile, ChangeSet, ChangeStatus, LineRange } from './change-set.js';
export { isLineChanged, rangeTouchesChange } from './change-set.js';
export { listRepositoryFiles, repositoryRoot } from './repository.js';
export { addedLinesFromPatch, parseUnifiedDiff } from './unified-diff.js';

export interface LoadChangeSetOptions {
  cwd: string;
  /** `--base REF`: the branch since its merge-base with REF, plus uncommitted changes. */
  base?: string;
  /** `--staged`: the index against HEAD. */
  staged?: boolean;
  /** `--working`: uncommitted changes only, untracked files included. */
  working?: boolean;
  /** `--diff FILE|-`: a unified diff file, or '-' for stdin. */
  diff?: string;
  /** Where `--diff -` reads from; process.stdin by default. */
  stdin?: NodeJS.ReadableStream;
}

/** Where the change under review comes from; with no source option, the branch against the default branch. */
export async function loadChangeSet(options: LoadChangeSetOptions): Promise<ChangeSet> {
  const chosen = [
    options.base !== undefined && '--base',
    options.staged && '--staged',
    options.working && '--working',
    options.diff !== undefined && '--diff',
  ].filter(Boolean);
  if (chosen.length > 1) throw new UserError(`choose one change source, got ${chosen.join(' and ')}`);

  if (options.diff !== undefined) return diffChangeSet({ cwd: options.cwd, diff: options.diff, stdin: options.stdin });
  const root = await repositoryRoot(options.cwd);
  if (options.base !== undefined) return baseChangeSet(root, options.base);
  if (options.staged) return stagedChangeSet(root);
  if (options.working) return workingChangeSet(root);
  return defaultChangeSet(root);
}
