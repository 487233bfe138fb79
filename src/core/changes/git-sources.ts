import { UserError } from '../errors.js';
import type { ChangeSet } from './change-set.js';
import { DEFAULT_BRANCH_NAMES, findDefaultBranch } from './default-branch.js';
import { gitChangeSet } from './git-change-set.js';
import { runGit } from './git.js';
import { currentBranch, emptyTree, mergeBase, resolveCommit } from './repository.js';

const short = (commit: string) => commit.slice(0, 7);

/**
 * `--base REF`: from the merge-base of REF and HEAD to the working tree. In CI the checkout is clean,
 * so this is exactly the branch's commits; a developer with uncommitted edits sees the code they
 * have now, and the description and a notice say that uncommitted changes are included.
 */
export async function baseChangeSet(root: string, ref: string): Promise<ChangeSet> {
  const commit = await resolveCommit(root, ref);
  if (!commit) {
    throw new UserError(`unknown base ref "${ref}": no branch, tag or commit of that name (a CI checkout may need \`git fetch origin\` first)`);
  }
  const head = await resolveCommit(root, 'HEAD');
  if (!head) throw new UserError(`the repository has no commits yet: --base ${ref} needs a HEAD commit to compare with`);
  const base = await mergeBase(root, ref, commit);
  const range = `${ref}...HEAD (merge-base ${short(base)})`;
  // `--base HEAD`, or a CI checkout of the base branch itself: no commit of the branch is reviewed.
  const notices = base === head ? [`--base ${ref}: HEAD has no commits that ${ref} does not have (the merge-base is HEAD), so only uncommitted changes are reviewed; is the base right?`] : [];
  return branchChangeSet(root, range, base, notices, 'uncommitted changes are included: --base reads files from the working tree, not from HEAD');
}

/** `--staged`: the index against HEAD; new files are read from the index, not the working tree. */
export async function stagedChangeSet(root: string): Promise<ChangeSet> {
  const head = await resolveCommit(root, 'HEAD');
  const changes = await gitChangeSet({
    root,
    base: head ?? (await emptyTree(root)),
    newSide: 'index',
    description: head ? 'staged changes (index vs HEAD)' : 'staged changes (no commits yet)',
    notices: [],
  });
  if (changes.files.length === 0) changes.notices.push('nothing is staged: `git add` the files to review, or run without --staged to review the branch and uncommitted changes');
  return changes;
}

/** `--working`: everything not committed: the working tree against HEAD, untracked files as added. */
export async function workingChangeSet(root: string, notices: string[] = []): Promise<ChangeSet> {
  const head = await resolveCommit(root, 'HEAD');
  if (!head) notices.push('the repository has no commits yet: every file in the working tree is reviewed as added');
  return gitChangeSet({
    root,
    base: head ?? (await emptyTree(root)),
    newSide: 'working-tree',
    description: head ? 'uncommitted changes (working tree vs HEAD)' : 'uncommitted changes (no commits yet)',
    notices,
  });
}

/**
 * No flag: what the developer is about to push: the branch against the default branch, plus
 * uncommitted changes. On the default branch itself (or with none found) that is only the
 * uncommitted changes, and a notice says so.
 */
export async function defaultChangeSet(root: string): Promise<ChangeSet> {
  const head = await resolveCommit(root, 'HEAD');
  if (!head) return workingChangeSet(root);
  const target = await findDefaultBranch(root);
  if (!target) {
    return workingChangeSet(root, [
      `no default branch found (tried ${DEFAULT_BRANCH_NAMES.join(', ')}): reviewing uncommitted changes only; pass --base REF to compare with a branch`,
    ]);
  }
  const base = await mergeBase(root, target.name, target.commit);
  if (base === head) {
    const onIt = target.local && (await currentBranch(root)) === target.branch;
    return workingChangeSet(root, [
      onIt
        ? `on the default branch ${target.branch} with no upstream: reviewing uncommitted changes only (pass --base REF to review commits)`
        : `HEAD has no commits that ${target.name} does not have: reviewing uncommitted changes only`,
    ]);
  }
  const notice = `compared with ${target.name} (merge-base ${short(base)}), plus any uncommitted changes`;
  return branchChangeSet(root, `${target.name}...HEAD (merge-base ${short(base)})`, base, [notice]);
}

async function branchChangeSet(root: string, range: string, base: string, notices: string[], dirtyNotice?: string): Promise<ChangeSet> {
  const dirty = await hasUncommittedChanges(root);
  if (dirty && dirtyNotice) notices.push(dirtyNotice);
  return gitChangeSet({
    root,
    base,
    newSide: 'working-tree',
    description: dirty ? `${range} + uncommitted changes` : range,
    notices,
  });
}

async function hasUncommittedChanges(root: string): Promise<boolean> {
  const status = await runGit(root, ['status', '--porcelain', '-z', '--untracked-files=normal', '--ignore-submodules=all']);
  return status.stdout.length > 0;
}
