/**
 * Benchmark (not a test): finding the importers of a change (src/core/dependents.ts) on generated
 * repositories of growing size — every source file's imports are scanned and resolved, so this is the
 * part of a diff review that grows with the repository rather than the change.
 *
 *   npx tsx bench/dependents.ts [sizes=2000,10000] [changed=20]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findDependents } from '../src/core/dependents.js';
import { generateRepo } from './generate-repo.js';
import { execFileSync } from 'node:child_process';

const sizes = (process.argv[2] ?? '2000,10000').split(',').map(Number);
const changed = Number(process.argv[3] ?? 20);

console.log(`importers of a ${changed}-file change, 3 levels, ${process.version}`);
console.log('repo files | time (ms) | context files found');
for (const size of sizes) {
  const dir = mkdtempSync(path.join(tmpdir(), `plumbline-bench-deps-${size}-`));
  try {
    await generateRepo({ dir, files: size, changedFiles: changed });
    const files = execFileSync('git', ['diff', '--name-only', 'HEAD~1', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim().split('\n');
    const times: number[] = [];
    let found = 0;
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      found = (await findDependents(dir, files)).length;
      times.push(performance.now() - started);
    }
    console.log(`${size} | ${Math.round(times.sort((a, b) => a - b)[1])} | ${found}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
