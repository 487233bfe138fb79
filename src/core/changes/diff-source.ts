import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../errors.js';
import type { ChangeSet } from './change-set.js';
import { repositoryRoot } from './repository.js';
import { parseUnifiedDiff } from './unified-diff.js';
import { readWorkingFile, realFileInside } from './working-tree.js';

export interface DiffSourceOptions {
  cwd: string;
  /** A file path, or '-' for stdin. */
  diff: string;
  stdin?: NodeJS.ReadableStream;
}

/**
 * `--diff FILE|-`, for CI systems other than GitHub: the diff says what changed, the working tree
 * (the checkout of the new side) is what is read. There is no base side to read.
 */
export async function diffChangeSet(options: DiffSourceOptions): Promise<ChangeSet> {
  const source = options.diff === '-' ? 'stdin' : options.diff;
  const text = options.diff === '-' ? await readStdin(options.stdin ?? process.stdin) : await readDiffFile(options.cwd, options.diff);
  // Outside git (or without git) the directory the user is in is the tree the diff applies to.
  const root = await repositoryRoot(options.cwd).catch(() => path.resolve(options.cwd));
  const parsed = parseUnifiedDiff(text, { source });

  const notices: string[] = [];
  if (parsed.length === 0) notices.push(`the diff from ${source} is empty: nothing to review`);
  const present = await Promise.all(parsed.map((f) => f.status === 'deleted' || realFileInside(root, f.path).then(Boolean)));
  const missing = parsed.filter((_, i) => !present[i]);
  for (const file of missing) notices.push(`${file.path} is in the diff but not in the working tree: skipped`);
  const files = parsed.filter((_, i) => present[i]);
  if (missing.length > 0 && files.every((f) => f.status === 'deleted')) {
    throw new UserError(
      `none of the files in the diff from ${source} exist under ${root} (e.g. "${missing[0].path}"): run plumbline in the checkout the diff was made from`,
    );
  }
  return {
    root,
    description: `diff from ${source}`,
    files,
    notices,
    readNew: (file) => readWorkingFile(root, file),
    readBase: async () => undefined,
  };
}

async function readDiffFile(cwd: string, file: string): Promise<string> {
  try {
    return await readFile(path.resolve(cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw new UserError(`cannot read the diff file "${file}": ${why}`);
  }
}

async function readStdin(stream: NodeJS.ReadableStream): Promise<string> {
  if ((stream as { isTTY?: boolean }).isTTY) {
    throw new UserError('--diff - reads a diff from stdin, but stdin is a terminal: pipe one in, e.g. `git diff main | plumbline review --diff -`');
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}
