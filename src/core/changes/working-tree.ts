import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Reads a file of the working tree by its repository-relative path. A path from a diff or a
 * symlink in a pull request could point outside the repository (`../../.npmrc`, a link to
 * /proc/self/environ) and its text would end up in a code frame, so such reads give undefined.
 */
export async function readWorkingFile(root: string, relativePath: string): Promise<string | undefined> {
  const real = await realFileInside(root, relativePath);
  return real === undefined ? undefined : readFile(real, 'utf8').catch(() => undefined);
}

/** The real path of a regular file inside the repository, or undefined when it is absent or elsewhere. */
export async function realFileInside(root: string, relativePath: string): Promise<string | undefined> {
  if (!isInside(root, path.resolve(root, relativePath))) return undefined;
  try {
    const [realRoot, real] = await Promise.all([realpath(root), realpath(path.resolve(root, relativePath))]);
    if (!isInside(realRoot, real)) return undefined;
    return (await stat(real)).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}

export function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
