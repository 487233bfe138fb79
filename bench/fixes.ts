/**
 * Benchmark (not a test): what fixes and load-time catalog validation cost.
 * 1. Config load: the built-in catalogs parsed, then checked against their schemas (once per process), and
 *    `loadConfig` with 0 / 500 user catalog entries, with and without the entry schemas.
 * 2. `applyFixes` on one file: 1,000 / 10,000 fixes (extract-constant shape: an insertion + a replacement).
 * 3. `plumbline review` vs `plumbline review --fix` (CLI wall time) on a repository whose change has
 *    N files with 2 magic numbers each: --fix applies, then reviews again.
 *
 *   npx tsx bench/fixes.ts [files=20] [runs=3]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalogSchemas } from '../src/catalog-schemas.js';
import { applyFixes } from '../src/core/apply-edits.js';
import { assertBuiltInCatalog, loadCatalog } from '../src/core/catalog.js';
import { loadConfig } from '../src/core/config/index.js';
import type { FindingFix } from '../src/core/finding.js';
import { registry } from '../src/registry.js';
import { git, write } from './repo-files.js';

const files = Number(process.argv[2] ?? 20);
const runs = Number(process.argv[3] ?? 3);
const cli = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const time = async (fn: () => unknown) => {
  const start = performance.now();
  await fn();
  return performance.now() - start;
};

console.log(`${process.version}, ${process.platform}, median of ${runs} runs`);
const parse = await time(() => loadCatalog());
const check = await time(() => assertBuiltInCatalog(catalogSchemas));
console.log(`built-in catalogs (${Object.keys(catalogSchemas).length} keys): parsing rules/*.yml ${parse.toFixed(1)} ms (once per process, shared with the review), checking every entry at load ${check.toFixed(1)} ms, later calls ${(await time(() => assertBuiltInCatalog(catalogSchemas))).toFixed(3)} ms`);

const configDir = mkdtempSync(path.join(tmpdir(), 'plumbline-bench-config-'));
for (const entries of [0, 500]) {
  const lines = ['catalog:', '  magic-number-arguments:'];
  for (let i = 0; i < entries; i++) lines.push(`    - { id: acme.put${i}, methods: [put${i}], argument: 2, quantity: cache TTL, suffix: CACHE_TTL_SECONDS }`);
  writeFileSync(path.join(configDir, '.plumbline.yml'), entries ? `${lines.join('\n')}\n` : 'failOn: error\n');
  const plain = { root: configDir, knownRules: registry.config.knownRules, ruleOptionSchemas: registry.config.ruleOptionSchemas };
  const without: number[] = [];
  const withSchemas: number[] = [];
  for (let r = 0; r < runs; r++) {
    without.push(await time(() => loadConfig(plain)));
    withSchemas.push(await time(() => loadConfig({ ...plain, catalogSchemas: registry.config.catalogSchemas })));
  }
  console.log(`loadConfig, ${entries} user catalog entries: ${median(without).toFixed(1)} ms without entry schemas, ${median(withSchemas).toFixed(1)} ms with`);
}
rmSync(configDir, { recursive: true, force: true });

for (const count of [1_000, 10_000]) {
  const text = Array.from({ length: count }, (_, i) => `setTimeout(run${i}, ${1000 + i});`).join('\n');
  const fixes: FindingFix[] = Array.from({ length: count }, (_, i) => ({
    description: 'extract',
    safe: true,
    edits: [
      { path: 'a.ts', line: 1, column: 1, endLine: 1, endColumn: 1, text: `const D${i} = ${1000 + i};\n` },
      { path: 'a.ts', line: i + 1, column: 13 + String(i).length + 3, endLine: i + 1, endColumn: 13 + String(i).length + 3 + String(1000 + i).length, text: `D${i}` },
    ],
  }));
  const ms = median(Array.from({ length: runs }, () => performance.now()).map(() => {
    const start = performance.now();
    const result = applyFixes(text, fixes, (f) => f);
    if (result.applied.length !== count) throw new Error(`applied ${result.applied.length} of ${count}`);
    return performance.now() - start;
  }));
  console.log(`applyFixes, ${count} fixes in a ${count}-line file: ${ms.toFixed(1)} ms`);
}

const repo = mkdtempSync(path.join(tmpdir(), 'plumbline-bench-fix-'));
write(repo, 'tsconfig.json', '{ "compilerOptions": { "strict": true, "target": "ES2022" } }\n');
write(repo, 'src/index.ts', 'export const ready = true;\n');
git(repo, 'init', '-q', '-b', 'main');
git(repo, 'add', '-A');
git(repo, 'commit', '-q', '-m', 'base');
const body = (i: number) => `export function remind${i}(run: () => void, db: { limit(n: number): unknown }) {\n  setTimeout(run, 5000);\n  return db.limit(100);\n}\n`;
const reset = () => {
  for (let i = 0; i < files; i++) write(repo, `src/reminders-${i}.ts`, body(i));
};
const review: number[] = [];
const fix: number[] = [];
let fixedLine = '';
for (let r = 0; r < runs; r++) {
  reset();
  review.push(await time(() => spawnSync(process.execPath, [cli, 'review', '--fail-on', 'never'], { cwd: repo, encoding: 'utf8' })));
  reset();
  let stderr = '';
  fix.push(await time(() => (stderr = spawnSync(process.execPath, [cli, 'review', '--fix', '--fail-on', 'never'], { cwd: repo, encoding: 'utf8' }).stderr)));
  fixedLine = stderr.trim().split('\n').at(-1) ?? '';
}
console.log(`CLI on ${files} changed files with 2 magic numbers each: review ${median(review).toFixed(0)} ms, review --fix ${median(fix).toFixed(0)} ms (${fixedLine})`);
rmSync(repo, { recursive: true, force: true });
