import { gitOrUndefined } from './git.js';
import { resolveCommit } from './repository.js';

/** Where a branch is usually merged, most specific first; full ref names so a tag called main is not taken. */
const CANDIDATES = [
  { ref: 'refs/remotes/origin/HEAD', name: 'origin/HEAD' },
  { ref: 'refs/remotes/origin/main', name: 'origin/main' },
  { ref: 'refs/remotes/origin/master', name: 'origin/master' },
  { ref: 'refs/heads/main', name: 'main' },
  { ref: 'refs/heads/master', name: 'master' },
];

export const DEFAULT_BRANCH_NAMES = CANDIDATES.map((c) => c.name);

export interface DefaultBranch {
  /** What the user reads: "origin/main", or "origin/HEAD (origin/main)". */
  name: string;
  commit: string;
  /** True for a local branch (main, master): there is no upstream to compare with. */
  local: boolean;
  /** The branch name without a remote, e.g. "main". */
  branch: string;
}

export async function findDefaultBranch(root: string): Promise<DefaultBranch | undefined> {
  for (const candidate of CANDIDATES) {
    const commit = await resolveCommit(root, candidate.ref);
    if (!commit) continue;
    let name = candidate.name;
    if (candidate.name === 'origin/HEAD') {
      const target = (await gitOrUndefined(root, ['symbolic-ref', '--quiet', '--short', candidate.ref]))?.trim();
      if (target) name = `origin/HEAD (${target})`;
      return { name, commit, local: false, branch: target?.replace(/^origin\//, '') ?? 'HEAD' };
    }
    return { name, commit, local: candidate.ref.startsWith('refs/heads/'), branch: candidate.name.replace(/^origin\//, '') };
  }
  return undefined;
}
