import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../errors.js';
import { git, gitOrUndefined, NotAGitRepositoryError, runGit, splitNul } from './git.js';

/** Absolute path of the work tree that holds `cwd`. */
export async function repositoryRoot(cwd: string): Promise<string> {
  return (await git(cwd, ['rev-parse', '--show-toplevel'])).trim();
}

/**
 * Every file `--all` reviews, repository-relative and posix: tracked files still present plus
 * untracked files that are not ignored. Outside git (a `--diff` run on an unpacked tree) the
 * directory is walked instead, without node_modules.
 */
export async function listRepositoryFiles(root: string): Promise<string[]> {
  let staged: string;
  try {
    staged = await git(root, ['ls-files', '-z', '--stage']);
  } catch (error) {
    if (error instanceof NotAGitRepositoryError) return walk(root);
    throw error;
  }
  const [others, deleted] = await Promise.all([
    git(root, ['ls-files', '-z', '--others', '--exclude-standard']),
    git(root, ['ls-files', '-z', '--deleted']),
  ]);
  const gone = new Set(splitNul(deleted));
  const tracked = splitNul(staged)
    .map((entry) => /^(\d+) \S+ \d\t(.*)$/s.exec(entry))
    .filter((m): m is RegExpExecArray => m !== null && m[1] !== '160000') // 160000: a submodule
    .map((m) => m[2]);
  const files = new Set([...tracked.filter((p) => !gone.has(p)), ...splitNul(others).filter((p) => !p.endsWith('/'))]);
  return [...files].sort();
}

/** The commit a ref names, or undefined when it names none. */
export async function resolveCommit(root: string, ref: string): Promise<string | undefined> {
  if (ref.startsWith('-')) return undefined; // never let a ref be read as an option
  return (await gitOrUndefined(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]))?.trim() || undefined;
}

/** The commit both sides share, or a UserError explaining why there is none. */
export async function mergeBase(root: string, ref: string, commit: string): Promise<string> {
  const result = await runGit(root, ['merge-base', commit, 'HEAD']);
  if (result.exitCode === 0) return result.stdout.toString('utf8').trim();
  const shallow = (await gitOrUndefined(root, ['rev-parse', '--is-shallow-repository']))?.trim() === 'true';
  const why = shallow
    ? 'the clone is shallow (fetch the history, e.g. actions/checkout with fetch-depth: 0)'
    : 'their histories are unrelated';
  throw new UserError(`no common ancestor of "${ref}" and HEAD: ${why}`);
}

/** The id of the empty tree: what an unborn branch is compared with (its hash depends on the repository's hash function). */
export async function emptyTree(root: string): Promise<string> {
  const result = await runGit(root, ['hash-object', '-t', 'tree', '--stdin'], '');
  return result.stdout.toString('utf8').trim();
}

export async function currentBranch(root: string): Promise<string | undefined> {
  return (await gitOrUndefined(root, ['symbolic-ref', '--quiet', '--short', 'HEAD']))?.trim() || undefined;
}

async function walk(root: string, dir = ''): Promise<string[]> {
  const entries = await readdir(path.join(root, dir), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const relative = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory() && entry.name !== 'node_modules' && entry.name !== '.git') files.push(...(await walk(root, relative)));
    else if (entry.isFile()) files.push(relative);
  }
  return files.sort();
}
