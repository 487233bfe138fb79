/**
 * Floating and misused promises: Plumbline's `silent-failure` against typescript-eslint's
 * `no-floating-promises` + `no-misused-promises` on the same annotated files (bench/floating-promises/cases.ts,
 * `// BUG` marks a real problem). Both run with the real libraries' declarations (test/fixtures/typed,
 * @types/node) and again without node_modules, as the GitHub App sees a repository. Prints true and false
 * positives, misses, precision, recall and time per tool.
 *
 *   npx tsx bench/floating-promises.ts
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import silentFailure from '../src/checks/silent-failure/index.js';
import { loadCatalog } from '../src/core/catalog.js';
import { loadProjects } from '../src/core/project.js';
import { runCheck } from '../src/core/run-check.js';
import { TYPED_FIXTURES } from '../test/support/check-harness.js';
import { CASES } from './floating-promises/cases.js';

const PROMISE_MESSAGES = new Set(['floatingPromise', 'maybeFloatingPromise', 'misusedIteration', 'misusedCallback', 'misusedRouteHandler', 'maybeMisusedRouteHandler']);
type Reported = Set<string>; // "file:line"

function writeCases(dir: string): { files: string[]; bugs: Reported } {
  const bugs: Reported = new Set();
  const files = CASES.map((c, i) => {
    const file = `src/case-${String(i).padStart(2, '0')}.ts`;
    mkdirSync(path.join(dir, 'src'), { recursive: true });
    writeFileSync(path.join(dir, file), c.code);
    c.code.split('\n').forEach((line, n) => line.endsWith('// BUG') && bugs.add(`${file}:${n + 1}`));
    return file;
  });
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', esModuleInterop: true, skipLibCheck: true, types: ['node'] }, include: ['src'] }));
  return { files, bugs };
}

async function plumbline(dir: string, files: string[]): Promise<{ certain: Reported; questions: Reported }> {
  const loaded = loadProjects(dir, files);
  const certain: Reported = new Set();
  const questions: Reported = new Set();
  for (const group of loaded.groups) {
    const findings = await runCheck({ check: silentFailure, project: group.project, files: group.files, root: dir, catalog: loadCatalog(), options: silentFailure.meta.options!.parse({}) });
    for (const f of findings) {
      if (!PROMISE_MESSAGES.has(f.messageId ?? '')) continue;
      (f.severity === 'info' ? questions : certain).add(`${f.path}:${f.line}`);
    }
  }
  return { certain, questions };
}

async function typescriptEslint(dir: string, files: string[]): Promise<Reported> {
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser as never, parserOptions: { project: './tsconfig.json', tsconfigRootDir: dir } },
        plugins: { '@typescript-eslint': tseslint.plugin as never },
        rules: { '@typescript-eslint/no-floating-promises': 'error', '@typescript-eslint/no-misused-promises': 'error' },
      },
    ],
  });
  const reported: Reported = new Set();
  for (const result of await eslint.lintFiles(files)) {
    for (const m of result.messages) if (m.ruleId) reported.add(`${path.relative(dir, result.filePath)}:${m.line}`);
  }
  return reported;
}

function score(label: string, reported: Reported, bugs: Reported, ms: number, extra = ''): void {
  const tp = [...reported].filter((r) => bugs.has(r)).length;
  const fp = reported.size - tp;
  const fn = [...bugs].filter((b) => !reported.has(b)).length;
  const precision = reported.size ? tp / reported.size : 1;
  const recall = bugs.size ? tp / bugs.size : 1;
  console.log(`${label.padEnd(44)} TP ${String(tp).padStart(2)}  FP ${String(fp).padStart(2)}  missed ${String(fn).padStart(2)}  precision ${precision.toFixed(2)}  recall ${recall.toFixed(2)}  ${Math.round(ms)} ms${extra}`);
  const falsePositives = [...reported].filter((r) => !bugs.has(r));
  if (falsePositives.length) console.log(`${''.padEnd(44)} false positives: ${falsePositives.join(', ')}`);
}

const typedDir = path.join(TYPED_FIXTURES, `bench-${process.pid}`);
const untypedDir = mkdtempSync(path.join(tmpdir(), 'plumbline-bench-promises-'));
try {
  console.log(`${CASES.length} annotated files`);
  for (const [setting, dir] of [['with types', typedDir], ['without node_modules', untypedDir]] as const) {
    const { files, bugs } = writeCases(dir);
    if (setting === 'with types') console.log(`${bugs.size} real problems (// BUG lines)\n`);
    let started = performance.now();
    const ours = await plumbline(dir, files);
    score(`plumbline silent-failure, ${setting}`, ours.certain, bugs, performance.now() - started, ours.questions.size ? ` (+${ours.questions.size} info questions, not counted)` : '');
    started = performance.now();
    const theirs = await typescriptEslint(dir, files);
    score(`typescript-eslint, ${setting}`, theirs, bugs, performance.now() - started);
  }
} finally {
  rmSync(typedDir, { recursive: true, force: true });
  rmSync(untypedDir, { recursive: true, force: true });
}
