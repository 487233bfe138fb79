/**
 * Benchmark (not a test): how long `plumbline review` takes on a generated service repository with
 * a 20-file change, and how that time grows with the size of the repository (200 / 2,000 / 10,000
 * files). The target is that it grows with the size of the change, not of the repository.
 *
 *   npx tsx bench/review.ts [sizes=200,2000,10000] [changed=20] [runs=3]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRepo } from './generate-repo.js';
import { reviewRepository } from '../src/core/review-repository.js';
import { registry } from '../src/registry.js';

const sizes = (process.argv[2] ?? '200,2000,10000').split(',').map(Number);
const changed = Number(process.argv[3] ?? 20);
const runs = Number(process.argv[4] ?? 3);
const cli = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

console.log(`review of a ${changed}-file change (--base HEAD~1), median of ${runs} runs, ${process.version}, ${process.platform}`);
console.log('repo files | in-process review (ms) | files reviewed | findings | CLI wall time (ms)');
for (const size of sizes) {
  const dir = mkdtempSync(path.join(tmpdir(), `plumbline-bench-${size}-`));
  try {
    await generateRepo({ dir, files: size, changedFiles: changed });
    const times: number[] = [];
    let reviewed = 0;
    let findings = 0;
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      const { result } = await reviewRepository({ cwd: dir, base: 'HEAD~1', registry });
      times.push(performance.now() - started);
      reviewed = result.stats.filesReviewed;
      findings = result.findings.length;
    }
    const wall: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      spawnSync(process.execPath, [cli, 'review', '--base', 'HEAD~1', '--format', 'json', '--fail-on', 'never'], { cwd: dir, encoding: 'utf8' });
      wall.push(performance.now() - started);
    }
    console.log(`${String(size).padStart(10)} | ${median(times).toFixed(0).padStart(22)} | ${String(reviewed).padStart(14)} | ${String(findings).padStart(8)} | ${median(wall).toFixed(0).padStart(18)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
