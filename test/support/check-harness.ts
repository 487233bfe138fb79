import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Project, ts } from 'ts-morph';
import type { Check } from '../../src/core/check.js';
import { loadCatalog } from '../../src/core/catalog.js';
import { runCheck, type CheckFinding } from '../../src/core/run-check.js';

/** Where the real libraries' type declarations are installed (`.ci/run` installs them). */
export const TYPED_FIXTURES = fileURLToPath(new URL('../fixtures/typed/', import.meta.url));

export interface CheckCase<O = unknown> {
  /** One file (`src/case.ts`) or several, by repository-relative path. */
  code: string | Record<string, string>;
  /** Resolve imports against the real libraries' declarations in test/fixtures/typed/node_modules. */
  types?: boolean;
  options?: O;
  /** Extra catalog entries, as a user would add under `catalog:` in .plumbline.yml. */
  catalog?: Record<string, unknown[]>;
  /** Only these files are "under review"; default: all case files. */
  review?: string[];
}

let caseCounter = 0;

export const compilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.Node16,
  moduleResolution: ts.ModuleResolutionKind.Node16,
  strict: true,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  allowJs: true,
  esModuleInterop: true,
  skipLibCheck: true,
  noEmit: true,
};

/** Builds a ts-morph project from the case and runs the check on it. */
export async function runCheckOn<O>(check: Check<O>, testCase: CheckCase<O>): Promise<CheckFinding[]> {
  const files = typeof testCase.code === 'string' ? { 'src/case.ts': testCase.code } : testCase.code;
  const root = testCase.types
    ? path.join(TYPED_FIXTURES, 'cases', `case-${process.pid}-${caseCounter++}`)
    : `/repo-${caseCounter++}`;
  const project = new Project({
    useInMemoryFileSystem: !testCase.types,
    compilerOptions,
    skipAddingFilesFromTsConfig: true,
  });
  // Nothing is written to disk: with types the files live in memory but resolve imports from the real node_modules.
  // A package.json (what the project declares it depends on) goes to the in-memory file system, where
  // analysis reads it; with types the files sit beside the real node_modules and none is written.
  for (const [name, text] of Object.entries(files).filter(([name]) => name.endsWith('package.json'))) {
    if (testCase.types) throw new Error(`a case with ${name} runs without types only (nothing is written to disk)`);
    project.getFileSystem().writeFileSync(path.posix.join(root, name), text);
  }
  const sourceFiles = Object.entries(files)
    .filter(([name]) => !name.endsWith('package.json'))
    .map(([name, text]) => project.createSourceFile(path.posix.join(root, name), text, { overwrite: true }));
  project.resolveSourceFileDependencies();
  const reviewed = testCase.review
    ? sourceFiles.filter((sf) => testCase.review!.some((r) => sf.getFilePath().endsWith(`/${r}`)))
    : sourceFiles;
  const options = (check.meta.options ? check.meta.options.parse(testCase.options ?? {}) : testCase.options) as O;
  return runCheck({ check, project, files: reviewed, root, catalog: loadCatalog(testCase.catalog ?? {}), options });
}

/** The parts of a finding an invalid test case states. */
export function summarize(findings: CheckFinding[]) {
  return findings
    .map((f) => ({ line: f.line, column: f.column, messageId: f.messageId, severity: f.severity }))
    .sort((a, b) => a.line - b.line || a.column - b.column);
}
