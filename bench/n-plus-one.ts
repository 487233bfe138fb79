/**
 * Time of the n-plus-one check on the generated 2,000-file service repository: project loading
 * (ts-morph, the files under review and what they import) vs the check itself, for a diff (the files
 * the last commit changed) and for the whole repository (`--all`).
 *
 *   npx tsx bench/n-plus-one.ts [files=2000] [changed=20]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadCatalog } from '../src/core/catalog.js';
import { loadProjects } from '../src/core/project.js';
import { runCheck } from '../src/core/run-check.js';
import nPlusOne from '../src/checks/n-plus-one/index.js';
import { generateRepo } from './generate-repo.js';

const files = Number(process.argv[2] ?? 2000);
const changed = Number(process.argv[3] ?? 20);
const dir = mkdtempSync(path.join(tmpdir(), 'plumbline-bench-n-plus-one-'));

try {
  let started = performance.now();
  await generateRepo({ dir, files, changedFiles: changed });
  console.log(`generated ${files} files (${changed} changed in the last commit) in ${ms(started)}`);

  const changedPaths = git(dir, 'diff', '--name-only', 'HEAD~1', 'HEAD').filter((p) => p.endsWith('.ts'));
  const allPaths = git(dir, 'ls-files', 'src').filter((p) => p.endsWith('.ts'));
  const catalog = loadCatalog();
  const options = nPlusOne.meta.options!.parse({});

  for (const [label, paths] of [
    [`diff (${changedPaths.length} changed files)`, changedPaths],
    [`--all (${allPaths.length} files)`, allPaths],
  ] as const) {
    started = performance.now();
    const loaded = loadProjects(dir, [...paths]);
    const loadTime = performance.now() - started;
    started = performance.now();
    let findings = 0;
    for (const group of loaded.groups) {
      const found = await runCheck({ check: nPlusOne, project: group.project, files: group.files, root: dir, catalog, options });
      findings += found.length;
    }
    const checkTime = performance.now() - started;
    const loadedFiles = loaded.groups.reduce((n, g) => n + g.project.getSourceFiles().length, 0);
    console.log(
      `${label}: project load ${loadTime.toFixed(0)} ms (${loadedFiles} source files in the program), ` +
        `check ${checkTime.toFixed(0)} ms, ${findings} findings`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function git(cwd: string, ...args: string[]): string[] {
  return execFileSync('git', args, { cwd, encoding: 'utf8' }).split('\n').filter(Boolean);
}

function ms(since: number): string {
  return `${(performance.now() - since).toFixed(0)} ms`;
}
