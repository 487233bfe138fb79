import path from 'node:path';
import { runGit, splitNul } from './changes/git.js';

export interface DependentsOptions {
  /** How many import levels up to follow (service → repository is one). */
  levels?: number;
  /** Stop adding files beyond this many: the cost must follow the change, not the repository. */
  max?: number;
}

const SOURCE_GLOBS = ['*.ts', '*.tsx', '*.mts', '*.cts', '*.js', '*.jsx', '*.mjs', '*.cjs'];

/**
 * Files that import the given files, a few levels up. In diff mode only the changed files and what
 * they import are loaded, so a finding whose chain starts in an unchanged file — a loop in a service
 * calling the repository method the change edited — would be missed. These files are reviewed as
 * context; the diff filter keeps only findings with a link on a changed line.
 * Found with `git grep` over import specifiers (cheap on any repository size); a false match only
 * costs a file loaded, never a finding.
 */
export async function findDependents(root: string, files: string[], options: DependentsOptions = {}): Promise<string[]> {
  const levels = options.levels ?? 3;
  const max = options.max ?? 200;
  const seen = new Set(files);
  const found: string[] = [];
  let frontier = files;
  for (let level = 0; level < levels && frontier.length > 0 && found.length < max; level++) {
    const stems = [...new Set(frontier.map(importStem))];
    const matches = await grepImporters(root, stems);
    frontier = matches.filter((f) => !seen.has(f)).slice(0, max - found.length);
    for (const f of frontier) seen.add(f);
    found.push(...frontier);
  }
  return found;
}

/** The last segment an import specifier names: `user.repository` for src/users/user.repository.ts, `users` for users/index.ts. */
function importStem(file: string): string {
  const base = path.posix.basename(file).replace(/\.[cm]?[jt]sx?$/, '');
  return base === 'index' ? path.posix.basename(path.posix.dirname(file)) : base;
}

async function grepImporters(root: string, stems: string[]): Promise<string[]> {
  if (stems.length === 0) return [];
  const patterns = stems.flatMap((stem) => ['-e', `[/'"]${escapeRegExp(stem)}(\\.[cm]?[jt]sx?)?['"]`]);
  try {
    const result = await runGit(root, ['grep', '-l', '-z', '-E', '--untracked', ...patterns, '--', ...SOURCE_GLOBS]);
    return result.exitCode === 0 ? splitNul(result.stdout.toString('utf8')) : [];
  } catch {
    // Not a git repository (a --diff review of a plain directory): no context files.
    return [];
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
