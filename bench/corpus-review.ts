/**
 * Benchmark (not a test): `plumbline review --all --format json` on a real checkout (or some of its
 * folders), findings per rule and severity, and precision against the reviewed verdicts in
 * test/corpus/verdicts.yml.
 *
 *   npx tsx bench/corpus-review.ts <checkout> [folder ...] [--name NAME] [--save FILE] [--unreviewed]
 *
 * The checkout must be a git repository (`review --all` lists files with git). Folders limit the
 * review to those sub-trees (e.g. `packages/server`); test files and migrations are left out, as a
 * reviewer of a backend's code would. `--name` is the repository name used in the verdicts file
 * (default: the checkout's folder name); `--save` writes the JSON report; `--unreviewed` lists the
 * findings that have no verdict yet, to review them. PLUMBLINE_CLI=path/to/main.js runs another build
 * (e.g. a copy of the one before a change, to compare).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { precisionByRule, type Verdict } from './corpus-verdicts.js';

interface Finding { ruleId: string; severity: string; path: string; line: number; message: string; fingerprint: string }

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const [, value] = args.splice(i, 2);
  return value;
};
const name = flag('--name');
const save = flag('--save');
const unreviewedAt = args.indexOf('--unreviewed');
if (unreviewedAt >= 0) args.splice(unreviewedAt, 1);
const [checkout, ...folders] = args;
if (!checkout) {
  console.error('usage: npx tsx bench/corpus-review.ts <checkout> [folder ...] [--name NAME] [--save FILE] [--unreviewed]');
  process.exit(2);
}
const repo = name ?? path.basename(path.resolve(checkout));
const cli = process.env.PLUMBLINE_CLI ?? fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const verdictsFile = fileURLToPath(new URL('../test/corpus/verdicts.yml', import.meta.url));

const dir = mkdtempSync(path.join(tmpdir(), 'plumbline-corpus-'));
const config = path.join(dir, 'plumbline.yml');
const tests = ['**/*.spec.ts', '**/*.test.ts', '**/*.spec.js', '**/*.test.js', '**/__tests__/**', '**/test/**', '**/tests/**', '**/integration-tests/**', '**/migrations/**', '**/e2e/**'];
writeFileSync(config, stringify({ failOn: 'never', ...(folders.length > 0 ? { include: folders.map((f) => `${f.replace(/\/$/, '')}/**`) } : {}), exclude: tests }));

const started = performance.now();
const run = spawnSync(process.execPath, ['--max-old-space-size=6144', cli, 'review', '--all', '--format', 'json', '--fail-on', 'never', '--config', config, '-C', checkout], {
  encoding: 'utf8',
  maxBuffer: 1 << 30,
});
const seconds = (performance.now() - started) / 1000;
rmSync(dir, { recursive: true, force: true });
if (run.status !== 0) {
  console.error(`review failed (exit ${run.status}): ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  process.exit(2);
}
const report = JSON.parse(run.stdout) as { findings: Finding[]; stats: { filesReviewed?: number } };
if (save) writeFileSync(save, JSON.stringify(report, null, 2));

const counts = new Map<string, number>();
for (const f of report.findings) counts.set(`${f.ruleId} ${f.severity}`, (counts.get(`${f.ruleId} ${f.severity}`) ?? 0) + 1);
console.log(`${repo}${folders.length > 0 ? ` (${folders.join(', ')})` : ''}: ${report.findings.length} findings in ${report.stats.filesReviewed ?? '?'} files, ${seconds.toFixed(1)} s`);
console.log('rule | severity | findings');
for (const [key, count] of [...counts].sort()) console.log(`${key.replace(' ', ' | ')} | ${count}`);

const verdicts = (parse(readFileSync(verdictsFile, 'utf8')) as { verdicts?: Verdict[] } | null)?.verdicts ?? [];
const mine = verdicts.filter((v) => v.repo === repo);
const current = new Set(report.findings.map((f) => f.fingerprint));
console.log('rule | reviewed findings still reported | true positives | precision | reviewed true positives no longer reported');
for (const row of precisionByRule(mine, current)) {
  console.log(`${row.rule} | ${row.reviewed} | ${row.truePositives} | ${row.precision === undefined ? '-' : row.precision.toFixed(2)} | ${row.lost}`);
}
// What a merge gate sees: info findings are questions for the reviewer, not claims, so they are left out here.
const gate = new Set(report.findings.filter((f) => f.severity !== 'info').map((f) => f.fingerprint));
console.log('gate (error and warning findings only) | reviewed still reported | true positives | precision | reviewed true positives no longer at error/warning');
for (const row of precisionByRule(mine, gate)) {
  console.log(`${row.rule} | ${row.reviewed} | ${row.truePositives} | ${row.precision === undefined ? '-' : row.precision.toFixed(2)} | ${row.lost}`);
}
if (unreviewedAt >= 0) {
  const known = new Set(mine.map((v) => v.fingerprint));
  for (const f of report.findings.filter((f) => !known.has(f.fingerprint))) {
    console.log(`\n- repo: ${repo}\n  rule: ${f.ruleId}\n  fingerprint: ${f.fingerprint}\n  at: ${f.path}:${f.line}\n  # ${f.severity}: ${f.message.split('\n')[0]}`);
  }
}
