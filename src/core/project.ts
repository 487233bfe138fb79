import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { Project, ts, type CompilerOptions, type SourceFile } from 'ts-morph';
import type { UncheckedPart } from './review-result.js';
import { SharedDocuments } from './shared-documents.js';

export const ANALYZABLE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
/** Files over this size are generated or vendored far more often than reviewed by hand. */
export const MAX_FILE_BYTES = 1024 * 1024;

/**
 * A ts-morph project per set of compiler options: a monorepo's packages keep their own options, and
 * tsconfigs that differ only in output settings share one project (one program, one type checker).
 */
export interface ProjectGroup {
  /** Repository-relative path of the tsconfig, or undefined when none was found. */
  tsconfig?: string;
  project: Project;
  /** The files under review in this project (what they import is loaded too, for types). */
  files: SourceFile[];
}

export interface LoadedProjects {
  groups: ProjectGroup[];
  notices: string[];
  /** Files the checks could not read (too large, syntax error, project failed to load): their items are "not checked". */
  unchecked: UncheckedPart[];
}

const DEFAULT_OPTIONS: CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  experimentalDecorators: true,
  esModuleInterop: true,
};

// JS files must be part of the program, and nothing is ever emitted.
const FORCED_OPTIONS: CompilerOptions = { allowJs: true, noEmit: true, skipLibCheck: true };

export function isAnalyzable(filePath: string): boolean {
  return ANALYZABLE_EXTENSIONS.includes(path.extname(filePath)) && !filePath.endsWith('.d.ts');
}

/**
 * Builds ts-morph projects holding the given files and what they import (not the whole repository).
 * Works without node_modules: unresolved imports become `any` and checks fall back to names.
 */
export function loadProjects(root: string, relativePaths: string[]): LoadedProjects {
  const notices: string[] = [];
  const unchecked: UncheckedPart[] = [];
  const relativeOf = (abs: string) => path.relative(root, abs).split(path.sep).join('/');
  const byTsconfig = new Map<string | undefined, string[]>();
  for (const rel of relativePaths) {
    const abs = path.join(root, rel);
    if (!existsSync(abs)) continue;
    if (statSync(abs).size > MAX_FILE_BYTES) {
      notices.push(`${rel}: skipped, larger than 1 MB (generated or vendored code is not reviewed)`);
      unchecked.push({ path: rel, reason: 'larger than 1 MB, not analysed' });
      continue;
    }
    const tsconfig = nearestTsconfig(path.dirname(abs), root);
    byTsconfig.set(tsconfig, [...(byTsconfig.get(tsconfig) ?? []), abs]);
  }

  const groups: ProjectGroup[] = [];
  const documents = new SharedDocuments();
  // Packages whose tsconfigs differ only in output settings share one project: one program, one checker.
  const byOptions = new Map<string, ProjectGroup>();
  for (const [tsconfig, files] of byTsconfig) {
    let group: ProjectGroup | undefined;
    let sourceFiles: SourceFile[];
    try {
      const created = createProject(tsconfig, notices, root);
      const key = optionsKey(created.compilerOptions.get());
      group = byOptions.get(key);
      if (!group) {
        documents.attach(created);
        group = { tsconfig: tsconfig && relativeOf(tsconfig), project: created, files: [] };
        byOptions.set(key, group);
        groups.push(group);
      }
      const project = group.project;
      sourceFiles = files.map((f) => project.addSourceFileAtPath(f));
      project.resolveSourceFileDependencies();
    } catch (error) {
      // An unreadable file or a compiler crash: nothing in this project was analysed.
      notices.push(`${tsconfig ? relativeOf(tsconfig) : 'the default project'} failed to load (${firstLine(error)}); its ${files.length} file(s) not reviewed`);
      for (const f of files) unchecked.push({ path: relativeOf(f), reason: `project failed to load (${firstLine(error)})` });
      continue;
    }
    const reviewable = sourceFiles.filter((sf) => {
      const error = firstSyntaxError(sf);
      if (!error) return true;
      notices.push(`${relativeOf(sf.getFilePath())}:${error.line}: syntax error (${error.message}); file not reviewed`);
      unchecked.push({ path: relativeOf(sf.getFilePath()), reason: `syntax error at line ${error.line} (${error.message})` });
      return false;
    });
    group.files.push(...reviewable);
  }
  return { groups, notices, unchecked };
}

// Options that only say where output goes: they change nothing the checks see.
const OUTPUT_OPTIONS = new Set(['configFilePath', 'outDir', 'rootDir', 'declarationDir', 'tsBuildInfoFile', 'composite', 'declaration', 'declarationMap', 'sourceMap', 'inlineSourceMap', 'incremental', 'emitDeclarationOnly', 'noEmit']);

function optionsKey(options: CompilerOptions): string {
  return JSON.stringify(Object.entries(options).filter(([name]) => !OUTPUT_OPTIONS.has(name)).sort(([a], [b]) => a.localeCompare(b)));
}

function createProject(tsconfig: string | undefined, notices: string[], root: string): Project {
  if (tsconfig) {
    try {
      const project = new Project({ tsConfigFilePath: tsconfig, skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true });
      project.compilerOptions.set(FORCED_OPTIONS);
      return project;
    } catch (error) {
      notices.push(`${path.relative(root, tsconfig)}: could not be read (${firstLine(error)}); default compiler options used`);
    }
  }
  return new Project({ compilerOptions: { ...DEFAULT_OPTIONS, ...FORCED_OPTIONS }, skipFileDependencyResolution: true });
}

/** The tsconfig.json (or jsconfig.json) nearest above `dir`, not above `root`. */
export function nearestTsconfig(dir: string, root: string): string | undefined {
  for (let current = dir; ; current = path.dirname(current)) {
    for (const name of ['tsconfig.json', 'jsconfig.json']) {
      const candidate = path.join(current, name);
      if (existsSync(candidate)) return candidate;
    }
    if (current === root || path.dirname(current) === current || !current.startsWith(root)) return undefined;
  }
}

function firstSyntaxError(sf: SourceFile): { line: number; message: string } | undefined {
  // parseDiagnostics holds only syntax errors: cheap, no type checking.
  const diagnostics = (sf.compilerNode as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  const first = diagnostics[0];
  if (!first) return undefined;
  return {
    line: sf.getLineAndColumnAtPos(first.start).line,
    message: ts.flattenDiagnosticMessageText(first.messageText, ' '),
  };
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n')[0];
}
