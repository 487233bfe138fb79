import { Project } from 'ts-morph';
import type { Check } from '../../src/core/check.js';
import { applyFixes } from '../../src/core/apply-edits.js';
import { loadCatalog } from '../../src/core/catalog.js';
import { runCheck, type CheckFinding } from '../../src/core/run-check.js';
import { compilerOptions } from './check-harness.js';

export interface FixedCase {
  findings: CheckFinding[];
  /** The file after applying every finding's fix (first of overlapping fixes wins). */
  output: string;
  /** Syntax and type errors of the output, as "line: message" (empty: it still compiles). */
  diagnostics: string[];
}

/** Runs the check on one file (`src/case.ts`, in memory), applies its fixes and type-checks the result. */
export async function fixCase<O>(check: Check<O>, code: string, extra: Record<string, string> = {}): Promise<FixedCase> {
  const root = '/repo';
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions, skipAddingFilesFromTsConfig: true });
  for (const [name, text] of Object.entries(extra)) project.createSourceFile(`${root}/${name}`, text);
  const file = project.createSourceFile(`${root}/src/case.ts`, code);
  const options = (check.meta.options ? check.meta.options.parse({}) : {}) as O;
  const findings = await runCheck({ check, project, files: [file], root, catalog: loadCatalog({}), options });
  const output = applyFixes(code, findings.filter((f) => f.fix), (f) => f.fix!).text;
  file.replaceWithText(output);
  const diagnostics = project.getPreEmitDiagnostics()
    .filter((d) => d.getSourceFile()?.getFilePath() === file.getFilePath())
    .map((d) => `${d.getLineNumber()}: ${typeof d.getMessageText() === 'string' ? d.getMessageText() : (d.getMessageText() as { getMessageText(): string }).getMessageText()}`);
  return { findings, output, diagnostics };
}
