import path from 'node:path';
import { ts } from 'ts-morph';
import { nearestTsconfig } from '../project.js';
import type { WorkspacePackage } from './workspace-packages.js';

export interface ImportResolver {
  /** The repository file an import specifier in a repository file names, or undefined. */
  resolve(fromFile: string, specifier: string): string | undefined;
  /** `paths` keys without a wildcard in the file's tsconfig: aliases whose text need not name their target. */
  exactAliases(fromFile: string): string[];
}

// Resolves both `./x`, `./x.js` and index files, whatever `module` the repository targets.
const DEFAULT_OPTIONS: ts.CompilerOptions = { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, allowJs: true, resolveJsonModule: false };

/**
 * TypeScript's own module resolution with each file's nearest tsconfig (`paths`, `baseUrl`, index
 * files, `.js` written for `.ts`), plus the workspace's packages by name, since an unpacked tarball
 * has no node_modules symlinks. Only files inside the repository and outside node_modules count.
 */
export function createImportResolver(root: string, workspaces: Map<string, WorkspacePackage>): ImportResolver {
  const absRoot = path.resolve(root);
  const optionsByConfig = new Map<string | undefined, { options: ts.CompilerOptions; exact: string[]; cache: ts.ModuleResolutionCache }>();
  const host: ts.ModuleResolutionHost = { fileExists: ts.sys.fileExists, readFile: ts.sys.readFile, directoryExists: ts.sys.directoryExists, realpath: ts.sys.realpath, getCurrentDirectory: () => absRoot };

  const configByDir = new Map<string, string | undefined>();
  const settingsFor = (absFile: string) => {
    const dir = path.dirname(absFile);
    if (!configByDir.has(dir)) configByDir.set(dir, nearestTsconfig(dir, absRoot));
    const config = configByDir.get(dir);
    let settings = optionsByConfig.get(config);
    if (!settings) {
      const options = config ? readCompilerOptions(config) : DEFAULT_OPTIONS;
      const exact = Object.keys(options.paths ?? {}).filter((key) => !key.includes('*'));
      settings = { options, exact, cache: ts.createModuleResolutionCache(absRoot, (f) => f, options) };
      optionsByConfig.set(config, settings);
    }
    return settings;
  };

  const inRepository = (absFile: string | undefined): string | undefined => {
    if (!absFile || absFile.endsWith('.d.ts') || /[\\/]node_modules[\\/]/.test(absFile)) return undefined;
    const rel = path.relative(absRoot, absFile);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
    return rel.split(path.sep).join('/');
  };

  return {
    resolve(fromFile, specifier) {
      const absFrom = path.join(absRoot, fromFile);
      const { options, cache } = settingsFor(absFrom);
      const resolved = ts.resolveModuleName(specifier, absFrom, options, host, cache).resolvedModule?.resolvedFileName;
      const local = inRepository(resolved);
      if (local) return local;
      const workspace = workspaceTarget(specifier, workspaces);
      if (!workspace) return undefined;
      return inRepository(resolveInPackage(absRoot, workspace.pkg, workspace.subpath, options, host));
    },
    exactAliases: (fromFile) => settingsFor(path.join(absRoot, fromFile)).exact,
  };
}

function readCompilerOptions(configFile: string): ts.CompilerOptions {
  // Only the options are needed: listing the files `include` matches would walk the package's folders.
  const host = { ...ts.sys, readDirectory: () => [], onUnRecoverableConfigFileDiagnostic: () => undefined };
  const parsed = ts.getParsedCommandLineOfConfigFile(configFile, {}, host);
  const options = parsed?.options ?? {};
  // A tsconfig without moduleResolution under `module: commonjs` means node10, which also finds index files.
  return { ...options, allowJs: true };
}

export function workspaceTarget(specifier: string, workspaces: Map<string, WorkspacePackage>): { pkg: WorkspacePackage; subpath: string } | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/')) return undefined;
  const parts = specifier.split('/');
  const nameLength = specifier.startsWith('@') ? 2 : 1;
  const pkg = workspaces.get(parts.slice(0, nameLength).join('/'));
  return pkg && { pkg, subpath: parts.slice(nameLength).join('/') };
}

/**
 * A workspace package's file for `name` or `name/sub`: its source entry (`source`, a `types`/`main`
 * that is TypeScript, else `src/index`, `index`); built entries like `dist/index.js` are not in a
 * source tree, so they are mapped back to `src/` when it exists.
 */
function resolveInPackage(root: string, pkg: WorkspacePackage, subpath: string, options: ts.CompilerOptions, host: ts.ModuleResolutionHost): string | undefined {
  const dir = path.join(root, pkg.dir);
  const probe = (relative: string) => ts.resolveModuleName(`./${relative}`, path.join(dir, '__importer.ts'), { ...options, paths: undefined, baseUrl: undefined }, host).resolvedModule?.resolvedFileName;
  if (subpath) return probe(subpath) ?? probe(`src/${subpath}`);
  const entries = ['source', 'types', 'typings', 'module', 'main']
    .map((field) => pkg.manifest[field])
    .filter((v): v is string => typeof v === 'string')
    .flatMap((entry) => [entry, entry.replace(/^(\.\/)?(dist|build|lib|out)\//, 'src/')]);
  for (const entry of [...entries, 'src/index', 'index']) {
    const stripped = entry.replace(/^\.\//, '').replace(/\.d\.[cm]?ts$/, '').replace(/\.[cm]?jsx?$/, '');
    const found = probe(stripped);
    if (found && !found.endsWith('.d.ts')) return found;
  }
  return undefined;
}
