import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from './errors.js';

/**
 * Writes next to the target and renames, so a failure never leaves a half-written file. A failure is a
 * UserError that names `shown` (the path as the user typed it), never the temporary file.
 */
export async function writeFileAtomic(file: string, content: string, shown = file): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(temp, content);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw new UserError(`cannot write ${shown}: ${writeProblem(error)}`);
  }
}

/**
 * Fails early, before any analysis, when `file` cannot be written: its directory is a file, or it is a
 * directory itself. (Permissions are only known by writing.)
 */
export async function assertWritable(file: string, shown = file): Promise<void> {
  const target = await stat(file).catch(() => undefined);
  if (target?.isDirectory()) throw new UserError(`cannot write ${shown}: it is a directory`);
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const found = await stat(dir).catch(() => undefined);
    if (found && !found.isDirectory()) throw new UserError(`cannot write ${shown}: ${path.relative(process.cwd(), dir) || dir} is a file, not a directory`);
    if (found || path.dirname(dir) === dir) return;
  }
}

function writeProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOTDIR' || code === 'EEXIST') return 'a part of its directory path is a file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'ENOSPC') return 'no space left on the device';
  return code ?? (error as Error).message.split('\n')[0];
}
