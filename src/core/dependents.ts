import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ts } from 'ts-morph';
import { createImportResolver } from './imports/import-resolver.js';
import { listSourceFiles } from './imports/source-files.js';
import { workspacePackages } from './imports/workspace-packages.js';

export interface DependentsOptions {
  /** How many import levels up to follow (controller → service → repository is two). */
  levels?: number;
  /** Stop adding files beyond this many: the cost must follow the change, not the repository. */
  max?: number;
}

/**
 * Files that import the given files, a few levels up, nearest first. In diff mode only the changed
 * files and what they import are loaded, so a finding whose chain starts in an unchanged file — a loop
 * in a service calling the repository method the change edited — would be missed. These files are
 * reviewed as context; the diff filter keeps only findings with a link on a changed line.
 * Found from the file system, not git (the App reviews an unpacked tarball): every source file's
 * imports are read with TypeScript's pre-processor (a scan, no parse) and resolved with TypeScript's
 * module resolution, so only real importers are returned.
 */
export async function findDependents(root: string, files: string[], options: DependentsOptions = {}): Promise<string[]> {
  const levels = options.levels ?? 3;
  const max = options.max ?? 200;
  if (files.length === 0 || levels <= 0) return [];
  const importers = await importersByFile(root);
  const seen = new Set(files);
  const found: string[] = [];
  let frontier = files;
  for (let level = 0; level < levels && frontier.length > 0 && found.length < max; level++) {
    const next = [...new Set(frontier.flatMap((f) => importers.get(f) ?? []))].filter((f) => !seen.has(f)).sort();
    frontier = next.slice(0, max - found.length);
    for (const f of frontier) seen.add(f);
    found.push(...frontier);
  }
  return found;
}

/** For each repository file, the repository files that import it. */
async function importersByFile(root: string): Promise<Map<string, string[]>> {
  const resolve = createImportResolver(root, workspacePackages(root));
  const importers = new Map<string, string[]>();
  for (const file of listSourceFiles(root)) {
    let text: string;
    try {
      text = await readFile(path.join(root, file), 'utf8');
    } catch {
      continue;
    }
    for (const specifier of importSpecifiers(text)) {
      const target = resolve(file, specifier);
      if (!target || target === file) continue;
      const list = importers.get(target);
      if (!list) importers.set(target, [file]);
      else if (!list.includes(file)) list.push(file);
    }
  }
  return importers;
}

/** `import`, `export … from`, `require()` and `import()` specifiers, without building a syntax tree. */
function importSpecifiers(text: string): string[] {
  const info = ts.preProcessFile(text, true, true);
  return [...new Set(info.importedFiles.map((f) => f.fileName))];
}
