import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const SKIPPED = new Set(['node_modules', '.git', 'dist', 'build', 'coverage', '.plumbline-cache', 'out']);

/**
 * The repository's TypeScript/JavaScript files whose text matches `test` (repo-relative posix paths), for
 * the ORM readers that must see model files the change does not touch. At most `limit` files are read.
 */
export function repositoryFilesMatching(root: string, test: RegExp, limit = 20_000): Array<{ path: string; text: string }> {
  const found: Array<{ path: string; text: string }> = [];
  let read = 0;
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names.sort()) {
      if (SKIPPED.has(name) || read >= limit) continue;
      const full = path.join(dir, name);
      const stat = statSync(full, { throwIfNoEntry: false });
      if (stat?.isDirectory()) walk(full);
      else if (stat?.isFile() && /\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(name) && !name.endsWith('.d.ts') && stat.size < 1_000_000) {
        read++;
        const text = readFileSync(full, 'utf8');
        if (test.test(text)) found.push({ path: path.relative(root, full).split(path.sep).join('/'), text });
      }
    }
  };
  walk(root);
  return found;
}
