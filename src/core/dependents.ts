import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ts } from 'ts-morph';
import { createImportResolver, workspaceTarget } from './imports/import-resolver.js';
import { listSourceFiles } from './imports/source-files.js';
import { workspacePackages, type WorkspacePackage } from './imports/workspace-packages.js';

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
 * Found from the file system, not git (the App reviews an unpacked tarball): imports are read with
 * TypeScript's pre-processor (a scan, no syntax tree) and resolved with TypeScript's module
 * resolution, so only real importers are returned. Only specifiers that could name a file of the
 * level are resolved: their last segment is its name (or its folder's, for an index file), or they
 * name its workspace package or an exact `paths` alias.
 */
export async function findDependents(root: string, files: string[], options: DependentsOptions = {}): Promise<string[]> {
  const levels = options.levels ?? 3;
  const max = options.max ?? 200;
  if (files.length === 0 || levels <= 0) return [];
  const workspaces = workspacePackages(root);
  const resolver = createImportResolver(root, workspaces);
  const sources = listSourceFiles(root).map((file) => ({ file, text: undefined as string | undefined, specifiers: undefined as string[] | undefined }));
  const seen = new Set(files);
  const found: string[] = [];
  let frontier = files;
  for (let level = 0; level < levels && frontier.length > 0 && found.length < max; level++) {
    const targets = new Set(frontier);
    const stems = new Set(frontier.flatMap(stemsOf));
    const packages = [...workspaces.values()].filter((pkg) => frontier.some((f) => pkg.dir === '' || f.startsWith(`${pkg.dir}/`))).map((pkg) => pkg.name);
    const next: string[] = [];
    for (const source of sources) {
      if (seen.has(source.file)) continue;
      source.text ??= readText(root, source.file);
      const aliases = resolver.exactAliases(source.file);
      const words = [...stems, ...packages, ...aliases];
      if (!words.some((word) => source.text!.includes(word))) continue;
      source.specifiers ??= importSpecifiers(source.text);
      const imports = source.specifiers.some(
        (spec) => couldName(spec, stems, packages, aliases, workspaces) && targets.has(resolver.resolve(source.file, spec) ?? ''),
      );
      if (imports) next.push(source.file);
    }
    frontier = next.slice(0, max - found.length);
    for (const f of frontier) seen.add(f);
    found.push(...frontier);
  }
  return found;
}

/** The names an import of this file ends with: `user.repository`, and `users` for users/index.ts. */
function stemsOf(file: string): string[] {
  const base = path.posix.basename(file).replace(/\.[cm]?[jt]sx?$/, '');
  return base === 'index' ? [base, path.posix.basename(path.posix.dirname(file))] : [base];
}

function couldName(specifier: string, stems: Set<string>, packages: string[], aliases: string[], workspaces: Map<string, WorkspacePackage>): boolean {
  const last = specifier.split('/').pop()!.replace(/\.[cm]?[jt]sx?$/, '');
  if (stems.has(last) || last === '.' || last === '..' || last === '') return true;
  if (aliases.includes(specifier)) return true;
  const pkg = workspaceTarget(specifier, workspaces)?.pkg;
  return pkg !== undefined && packages.includes(pkg.name);
}

function readText(root: string, file: string): string {
  try {
    return readFileSync(path.join(root, file), 'utf8');
  } catch {
    return '';
  }
}

/** `import`, `export … from`, `require()` and `import()` specifiers, without building a syntax tree. */
function importSpecifiers(text: string): string[] {
  const info = ts.preProcessFile(text, true, true);
  return [...new Set(info.importedFiles.map((f) => f.fileName))];
}
