import path from 'node:path';
import type { SourceFile } from 'ts-morph';

/**
 * The npm packages a file can be using: what it imports (`importedModules`), and the dependencies
 * declared in the package.json files above it (`declaredModules`) (a workspace package's and the root's). Without node_modules this is
 * what tells a Sequelize model's `User.findOne` from a Mongoose model's when both shapes match.
 */
export function importedModules(file: SourceFile): ReadonlySet<string> {
  return new Set(file.getImportDeclarations().map((d) => packageName(d.getModuleSpecifierValue())));
}

export function declaredModules(file: SourceFile): ReadonlySet<string> {
  return new Set(declaredDependencies(file));
}

/** Whether any of `modules` (npm names, or sub-paths of them) is among `known`. */
export function usesAnyOf(known: ReadonlySet<string>, modules: readonly string[]): boolean {
  return modules.some((m) => known.has(m) || known.has(packageName(m)));
}

const cache = new WeakMap<object, Map<string, readonly string[]>>();

function declaredDependencies(file: SourceFile): readonly string[] {
  const fs = file.getProject().getFileSystem();
  let byDirectory = cache.get(fs);
  if (!byDirectory) cache.set(fs, (byDirectory = new Map()));
  const directories: string[] = [];
  for (let dir = path.posix.dirname(file.getFilePath()); ; dir = path.posix.dirname(dir)) {
    directories.push(dir);
    if (dir === path.posix.dirname(dir)) break;
  }
  const found = new Set<string>();
  for (const dir of directories) {
    let names = byDirectory.get(dir);
    if (!names) byDirectory.set(dir, (names = readDependencies(fs, path.posix.join(dir, 'package.json'))));
    for (const name of names) found.add(name);
  }
  return [...found];
}

type FileSystem = ReturnType<ReturnType<SourceFile['getProject']>['getFileSystem']>;

function readDependencies(fs: FileSystem, file: string): readonly string[] {
  try {
    if (!fs.fileExistsSync(file)) return [];
    const json = JSON.parse(fs.readFileSync(file)) as Record<string, unknown>;
    const fields = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];
    return fields.flatMap((field) => (json[field] && typeof json[field] === 'object' ? Object.keys(json[field] as object) : []));
  } catch {
    // A package.json that does not parse says nothing about dependencies.
    return [];
  }
}

/** `@scope/pkg/sub` → `@scope/pkg`; `pkg/sub` → `pkg`; a relative path stays as it is. */
function packageName(specifier: string): string {
  if (specifier.startsWith('.')) return specifier;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}
