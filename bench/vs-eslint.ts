/**
 * Benchmark (not a test): `plumbline review --base <base>` against ESLint 9 + typescript-eslint's typed
 * rules (no-floating-promises, no-misused-promises with `projectService`, and no-await-in-loop) on the
 * same changed files — wall time and peak RSS of each child process (/usr/bin/time), in the same run,
 * with the ratio. Every Plumbline check is enabled (the defaults); EXPLAIN has no database here.
 *
 *   npx tsx bench/vs-eslint.ts                        a generated monorepo (bench/generate-monorepo.ts), 20- and 80-file PRs
 *   npx tsx bench/vs-eslint.ts <repo> <base>          any repository: the change from <base> to the checked-out HEAD
 *   npx tsx bench/vs-eslint.ts <repo> --all <dir>     whole-tree review of <dir> (e.g. a backend package, via a config
 *                                                     `include`) vs ESLint on the same files
 *
 * Options (environment): PLUMBLINE_BEFORE=<path to another build's dist/cli/main.js> also runs that
 * build, side by side, and says whether both report the same findings; RUNS=<n> (default 1) takes the
 * median of n runs; MODULES=<n> sizes the generated monorepo (default 120).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateMonorepo } from './generate-monorepo.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.join(here, '..', 'dist', 'cli', 'main.js');
const before = process.env.PLUMBLINE_BEFORE ? path.resolve(process.env.PLUMBLINE_BEFORE) : undefined;
const runs = Number(process.env.RUNS ?? 1);
const require = createRequire(import.meta.url);
const eslintBin = path.join(path.dirname(require.resolve('eslint/package.json')), 'bin', 'eslint.js');
const TS_FILE = /\.(ts|tsx|mts|cts)$/;

interface Measured {
  ms: number;
  /** User + system CPU time: steadier than wall time on a machine shared with other work. */
  cpuMs: number;
  rssMb: number;
  stdout: string;
}

/** Runs a child under /usr/bin/time: wall time, CPU time and the child's peak resident set. */
function measure(args: string[], cwd: string): Measured {
  const timing = path.join(scratch, `time-${process.hrtime.bigint()}`);
  const started = performance.now();
  const child = spawnSync('/usr/bin/time', ['-f', '%M %U %S', '-o', timing, process.execPath, ...args], { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const ms = performance.now() - started;
  if (child.status !== 0 && child.status !== 1) throw new Error(`${args.join(' ')} exited ${child.status}: ${child.stderr.split('\n').slice(0, 5).join('\n')}`);
  const [kb, user, system] = readFileSync(timing, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  return { ms, cpuMs: (user + system) * 1000, rssMb: kb / 1024, stdout: child.stdout };
}

function medianOf(make: () => Measured & { findings: number }): Measured & { findings: number } {
  const all = Array.from({ length: runs }, make).sort((a, b) => a.ms - b.ms);
  return all[Math.floor(all.length / 2)];
}

/** `--base <ref>`, or `--all` limited to one folder by a config `include`. */
type Mode = { base: string } | { allIn: string };

function plumbline(build: string, repo: string, mode: Mode): Measured & { findings: number; fingerprints: string[]; stats: unknown } {
  let args = ['--all'];
  if ('base' in mode) args = ['--base', mode.base];
  else {
    const config = path.join(scratch, 'plumbline.yml');
    writeFileSync(config, `include:\n  - ${JSON.stringify(`${mode.allIn}/**`)}\n`);
    args.push('--config', config);
  }
  let last: (Measured & { findings: number; fingerprints: string[]; stats: unknown }) | undefined;
  const result = medianOf(() => {
    const measured = measure([build, 'review', ...args, '--format', 'json', '--fail-on', 'never'], repo);
    const json = JSON.parse(measured.stdout) as { findings: Array<{ fingerprint: string; ruleId: string; path: string; line: number }>; stats: unknown };
    last = { ...measured, findings: json.findings.length, fingerprints: json.findings.map((f) => `${f.ruleId} ${f.path}:${f.line} ${f.fingerprint}`).sort(), stats: json.stats };
    return last;
  });
  return { ...last!, ...result };
}

function eslint(repo: string, files: string[]): Measured & { findings: number } {
  const config = path.join(scratch, 'eslint.config.mjs');
  writeFileSync(
    config,
    `import tseslint from ${JSON.stringify(pathToFileURL(require.resolve('typescript-eslint')).href)};
export default [{
  files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'],
  languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: ${JSON.stringify(repo)} } },
  plugins: { '@typescript-eslint': tseslint.plugin },
  linterOptions: { reportUnusedDisableDirectives: 'off' },
  rules: { '@typescript-eslint/no-floating-promises': 'error', '@typescript-eslint/no-misused-promises': 'error', 'no-await-in-loop': 'error' },
}];
`,
  );
  const output = path.join(scratch, 'eslint.json');
  return medianOf(() => {
    const measured = measure([eslintBin, '--config', config, '--no-warn-ignored', '--format', 'json', '--output-file', output, ...files], repo);
    const results = JSON.parse(readFileSync(output, 'utf8')) as Array<{ messages: unknown[] }>;
    return { ...measured, findings: results.reduce((n, r) => n + r.messages.length, 0) };
  });
}

function changedTsFiles(repo: string, base: string): string[] {
  const out = execFileSync('git', ['diff', '--name-only', '--diff-filter=AMR', `${base}...HEAD`], { cwd: repo, encoding: 'utf8' });
  return out.split('\n').filter((f) => TS_FILE.test(f) && !f.endsWith('.d.ts') && !f.includes('node_modules/'));
}

function treeTsFiles(repo: string, dir: string): string[] {
  const out = execFileSync('git', ['ls-files', '--', dir], { cwd: repo, encoding: 'utf8' });
  return out.split('\n').filter((f) => TS_FILE.test(f) && !f.endsWith('.d.ts') && !/(^|\/)(node_modules|dist|build|coverage)\//.test(f));
}

const fmt = (m: Measured) => `${(m.ms / 1000).toFixed(2).padStart(7)} s wall ${(m.cpuMs / 1000).toFixed(2).padStart(7)} s CPU ${m.rssMb.toFixed(0).padStart(6)} MB`;
const ratio = (a: Measured, b: Measured) => `${(a.ms / b.ms).toFixed(2)}× wall, ${(a.cpuMs / b.cpuMs).toFixed(2)}× CPU, ${(a.rssMb / b.rssMb).toFixed(2)}× memory`;

function compare(label: string, repo: string, mode: Mode, lintFiles: string[]): void {
  const load = loadavg()[0].toFixed(2);
  const theirs = eslint(repo, lintFiles);
  const ours = plumbline(cli, repo, mode);
  console.log(`\n${label} — ${lintFiles.length} TypeScript file(s) linted, load average ${load}`);
  console.log(`  ESLint + typescript-eslint typed  ${fmt(theirs)}  ${String(theirs.findings).padStart(4)} messages`);
  console.log(`  plumbline review                  ${fmt(ours)}  ${String(ours.findings).padStart(4)} findings   ${ratio(ours, theirs)} of ESLint`);
  if (before) {
    const old = plumbline(before, repo, mode);
    const same = old.fingerprints.length === ours.fingerprints.length && old.fingerprints.every((f, i) => f === ours.fingerprints[i]);
    console.log(`  plumbline review (before)         ${fmt(old)}  ${String(old.findings).padStart(4)} findings   ${ratio(old, theirs)} of ESLint`);
    console.log(`  after / before: ${ratio(ours, old)}; findings ${same ? 'identical' : 'DIFFER'}`);
    if (!same) {
      for (const f of old.fingerprints.filter((x) => !ours.fingerprints.includes(x))) console.log(`    only before: ${f}`);
      for (const f of ours.fingerprints.filter((x) => !old.fingerprints.includes(x))) console.log(`    only after:  ${f}`);
    }
  }
  if (process.env.SHOW_STATS) console.log(`  stats: ${JSON.stringify(ours.stats)}`);
}

const scratch = mkdtempSync(path.join(tmpdir(), 'plumbline-vs-eslint-'));
try {
  console.log(`plumbline vs ESLint ${require('eslint/package.json').version} + typescript-eslint ${require('typescript-eslint/package.json').version}, ${process.version}, median of ${runs} run(s)${before ? `, before = ${before}` : ''}`);
  const [repoArg, baseArg, dirArg] = process.argv.slice(2);
  if (!repoArg) {
    const repo = path.join(scratch, 'monorepo');
    const generated = generateMonorepo({ dir: repo, modules: Number(process.env.MODULES ?? 120) });
    console.log(`generated monorepo: ${generated.files} TypeScript files, 6 workspace packages (3 libraries, API, worker, React frontend), 7 tsconfigs`);
    for (const [branch, files] of Object.entries(generated.branches)) {
      execFileSync('git', ['checkout', '-q', branch], { cwd: repo });
      compare(`${branch}: ${files.length}-file change`, repo, { base: 'base' }, files.filter((f) => TS_FILE.test(f)));
    }
    execFileSync('git', ['checkout', '-q', 'main'], { cwd: repo });
    compare('--all on the API (apps/api)', repo, { allIn: 'apps/api' }, treeTsFiles(repo, 'apps/api'));
  } else if (baseArg === '--all' && dirArg) {
    const repo = path.resolve(repoArg);
    compare(`${repo}: --all in ${dirArg}`, repo, { allIn: dirArg.replace(/\/$/, '') }, treeTsFiles(repo, dirArg));
  } else if (baseArg && baseArg !== '--all') {
    const repo = path.resolve(repoArg);
    compare(`${repo}: ${baseArg}..HEAD`, repo, { base: baseArg }, changedTsFiles(repo, baseArg));
  } else {
    console.error('usage: npx tsx bench/vs-eslint.ts [<repo> <base> | <repo> --all <dir>]');
    process.exitCode = 2;
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
