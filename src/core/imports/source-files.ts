import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';

/** Folders that hold installed, built or generated code, never the repository's own sources. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', 'dist', 'build', 'coverage', 'out', '.next', '.nuxt', '.turbo', '.cache', 'bower_components', 'vendor']);
const SOURCE_FILE = /\.[cm]?[jt]sx?$/;

/**
 * Repository-relative paths of the JS/TS source files under `root` (not `.d.ts`), read from the file
 * system so it works on an unpacked tarball as well as a checkout: installed, built and generated
 * folders are skipped, and so are the root `.gitignore`'s patterns (a subset: no negation).
 */
export function listSourceFiles(root: string): string[] {
  const ignored = rootIgnore(root);
  const found: string[] = [];
  const walk = (dir: string, rel: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (SKIPPED_DIRS.has(entry.name) || ignored(relPath, true)) continue;
        walk(path.join(dir, entry.name), relPath);
      } else if (entry.isFile() && SOURCE_FILE.test(entry.name) && !/\.d\.[cm]?ts$/.test(entry.name) && !ignored(relPath, false)) {
        found.push(relPath);
      }
    }
  };
  walk(root, '');
  return found.sort();
}

/** The root .gitignore as a matcher; `dir/` patterns match folders only, unanchored ones match at any depth. */
function rootIgnore(root: string): (relPath: string, isDir: boolean) => boolean {
  let text: string;
  try {
    text = readFileSync(path.join(root, '.gitignore'), 'utf8');
  } catch {
    return () => false;
  }
  const files: string[] = [];
  const dirs: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('!')) continue;
    const dirOnly = line.endsWith('/');
    let pattern = line.replace(/\/+$/, '');
    pattern = pattern.startsWith('/') || pattern.includes('/') ? pattern.replace(/^\//, '') : `**/${pattern}`;
    (dirOnly ? dirs : files).push(pattern);
  }
  const fileMatch = files.length ? picomatch(files, { dot: true }) : () => false;
  const dirMatch = picomatch([...files, ...dirs].length ? [...files, ...dirs] : ['\0'], { dot: true });
  return (relPath, isDir) => (isDir ? dirMatch(relPath) : fileMatch(relPath));
}
