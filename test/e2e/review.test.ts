import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, git, plumbline, tempRepo, writeFiles } from '../support/cli.js';

// An empty catch in code that exists on main, and one the branch adds.
const BASE = {
  'tsconfig.json': '{ "compilerOptions": { "strict": true, "target": "ES2022" } }',
  'src/old.ts': 'export function legacy() {\n  try {\n    JSON.parse("x");\n  } catch (e) {}\n}\n',
  'src/service.ts': 'export async function save(write: () => Promise<void>) {\n  await write();\n}\n',
};
const HEAD = {
  'src/service.ts': 'export async function save(write: () => Promise<void>) {\n  try {\n    await write();\n  } catch (error) {}\n}\n',
};

function json(stdout: string) {
  return JSON.parse(stdout) as { version: number; findings: Array<Record<string, unknown>>; checklist: Array<Record<string, unknown>>; stats: Record<string, unknown> };
}

describe('plumbline review (built binary, real git repository)', () => {
  it('reports findings on the changed lines only, with the JSON contract and exit code 1', () => {
    const repo = tempRepo(BASE, HEAD);
    const run = plumbline(['review', '--base', 'main', '--format', 'json'], { cwd: repo });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const out = json(run.stdout);
    expect(out.version).toBe(1);
    expect(out.findings).toHaveLength(1);
    const [finding] = out.findings;
    expect(Object.keys(finding).sort()).toEqual(
      expect.arrayContaining(['checklistItem', 'column', 'endColumn', 'endLine', 'fingerprint', 'line', 'message', 'path', 'ruleId', 'severity']),
    );
    expect(finding).toMatchObject({ ruleId: 'silent-failure', path: 'src/service.ts', line: 4, checklistItem: 'correct.silent-failures' });
    const item = out.checklist.find((i) => i.id === 'correct.silent-failures');
    expect(item).toEqual({ id: 'correct.silent-failures', title: 'No silent failures (uncaught promise rejections)?', status: 'failed', findings: 1 });
    expect(out.checklist.find((i) => i.id === 'right-problem.purpose')).toMatchObject({ status: 'manual' });
  });

  it('reports old code too with --all, and --fail-on never exits 0', () => {
    const repo = tempRepo(BASE, HEAD);
    const run = plumbline(['review', '--all', '--format', 'json', '--fail-on', 'never'], { cwd: repo });
    expect(run.status).toBe(0);
    expect(json(run.stdout).findings.map((f) => `${f.path}:${f.line}`)).toEqual(['src/old.ts:4', 'src/service.ts:4']);
  });

  it('honours an inline suppression with a reason, and reports one without', () => {
    const repo = tempRepo(BASE, {
      'src/service.ts': HEAD['src/service.ts'].replace('  } catch (error) {}', '  // plumbline-ignore-next-line silent-failure -- write() already reports its own errors\n  } catch (error) {}'),
    });
    const ok = plumbline(['review', '--base', 'main', '--format', 'json'], { cwd: repo });
    expect(json(ok.stdout).findings).toEqual([]);
    expect(ok.status).toBe(0);

    writeFileSync(path.join(repo, 'src/service.ts'), HEAD['src/service.ts'].replace('  } catch (error) {}', '  // plumbline-ignore-next-line silent-failure\n  } catch (error) {}'));
    const noReason = json(plumbline(['review', '--base', 'main', '--format', 'json'], { cwd: repo }).stdout);
    expect(noReason.findings.map((f) => f.ruleId).sort()).toEqual(['invalid-suppression', 'silent-failure']);
  });

  it('writes a baseline that hides today\'s findings and not new ones', () => {
    const repo = tempRepo(BASE, HEAD);
    const written = plumbline(['baseline'], { cwd: repo });
    expect(written.status).toBe(0);
    expect(written.stdout).toContain('wrote 2 fingerprint(s) to .plumbline-baseline.json');
    expect(json(plumbline(['review', '--all', '--format', 'json'], { cwd: repo }).stdout).findings).toEqual([]);

    // A new finding above the baselined one: the old one stays hidden (its fingerprint survives the move).
    writeFiles(repo, { 'src/service.ts': `export function other() {\n  try { return 1; } catch (e) {}\n}\n${HEAD['src/service.ts']}` });
    const after = json(plumbline(['review', '--all', '--format', 'json'], { cwd: repo }).stdout);
    expect(after.findings.map((f) => `${f.path}:${f.line}`)).toEqual(['src/service.ts:2']);
    expect(after.stats.baselined).toBe(2);
  });

  it('reviews a unified diff from stdin', () => {
    const repo = tempRepo(BASE, HEAD);
    const diff = git(repo, 'diff', 'main...feature');
    const run = plumbline(['review', '--diff', '-', '--format', 'json'], { cwd: repo, input: diff });
    expect(run.status).toBe(1);
    expect(json(run.stdout).findings.map((f) => `${f.path}:${f.line}`)).toEqual(['src/service.ts:4']);
  });

  it('writes --output atomically and prints SARIF', () => {
    const repo = tempRepo(BASE, HEAD);
    const run = plumbline(['review', '--base', 'main', '--format', 'sarif', '--output', 'out/plumbline.sarif'], { cwd: repo });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    const sarif = JSON.parse(readFileSync(path.join(repo, 'out/plumbline.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results[0].ruleId).toBe('silent-failure');
  });
});

describe('bad input: one readable line, exit code 2, nothing written', () => {
  const oneLine = (stderr: string) => stderr.trim().split('\n');

  it('not a git repository', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'plumbline-nogit-'));
    const run = plumbline(['review', '--output', 'report.txt'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(oneLine(run.stderr)).toHaveLength(1);
    expect(run.stderr).toMatch(/^plumbline: .*not a git repository/);
    expect(existsSync(path.join(dir, 'report.txt'))).toBe(false);
  });

  it('--output under a path whose parent is a file: fails before the analysis, naming the user\'s path', () => {
    const repo = tempRepo(BASE, HEAD);
    writeFileSync(path.join(repo, 'reports'), 'a file, not a directory\n');
    const run = plumbline(['review', '--base', 'main', '--output', 'reports/plumbline.sarif'], { cwd: repo });
    expect(run.status).toBe(2);
    expect(oneLine(run.stderr)).toEqual(['plumbline: cannot write reports/plumbline.sarif: reports is a file, not a directory']);
  });

  it('--output that is a directory', () => {
    const repo = tempRepo(BASE, HEAD);
    const run = plumbline(['review', '--base', 'main', '--output', 'src'], { cwd: repo });
    expect(run.status).toBe(2);
    expect(oneLine(run.stderr)).toEqual(['plumbline: cannot write src: it is a directory']);
  });

  it('a reader that leaves early (| head -c 0) is not an error', () => {
    const repo = tempRepo(BASE, HEAD);
    const run = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${CLI}" review --base main --format json | head -c 0`], { cwd: repo, encoding: 'utf8' });
    expect(run.status).toBe(1); // the gate's exit code (a blocking finding), not a crash
    expect(run.stderr).not.toMatch(/EPIPE|Unhandled|\n\s+at /);
  });

  it('unknown base ref', () => {
    const run = plumbline(['review', '--base', 'origin/nope'], { cwd: tempRepo(BASE, HEAD) });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^plumbline: .*origin\/nope/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('malformed diff', () => {
    const run = plumbline(['review', '--diff', '-'], { cwd: tempRepo(BASE, HEAD), input: 'diff --git a/x b/x\n@@ -1,2 +1,9 @@\n+only one line\n' });
    expect(run.status).toBe(2);
    expect(oneLine(run.stderr)).toHaveLength(1);
  });

  it('a diff naming files that do not exist', () => {
    const diff = 'diff --git a/src/nowhere.ts b/src/nowhere.ts\n--- a/src/nowhere.ts\n+++ b/src/nowhere.ts\n@@ -1 +1 @@\n-a\n+b\n';
    const run = plumbline(['review', '--diff', '-'], { cwd: tempRepo(BASE, HEAD), input: diff });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('src/nowhere.ts');
  });

  it('a broken .plumbline.yml names the file, line and key', () => {
    const repo = tempRepo({ ...BASE, '.plumbline.yml': 'failOn: error\nrules:\n  silent-failure: loud\n' }, HEAD);
    const run = plumbline(['review', '--base', 'main'], { cwd: repo });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/\.plumbline\.yml:3/);
    expect(run.stderr).toContain('silent-failure');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('an invalid catalog entry in .plumbline.yml names the file and the line of the entry', () => {
    const config = 'catalog:\n  silent-failure-noop-handlers:\n    - ignoreError\n    - { nmae: swallow }\n';
    const repo = tempRepo({ ...BASE, '.plumbline.yml': config }, HEAD);
    const run = plumbline(['review', '--base', 'main'], { cwd: repo });
    expect(run.status).toBe(2);
    expect(oneLine(run.stderr)).toHaveLength(1);
    // Checked when the config loads, like every other config key.
    expect(run.stderr).toBe('plumbline: invalid configuration: .plumbline.yml:4: catalog.silent-failure-noop-handlers[1]: expected a string, got a map\n');
  });

  it('unknown --format', () => {
    const run = plumbline(['review', '--format', 'xml'], { cwd: tempRepo(BASE, HEAD) });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/xml/);
    expect(oneLine(run.stderr)).toHaveLength(1);
  });

  it('binary files, syntax errors and huge files are notices; the rest is still reviewed', () => {
    const repo = tempRepo(BASE, {
      ...HEAD,
      'assets/logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 0, 0]).toString('latin1'),
      'src/broken.ts': 'export function (',
      'src/huge.js': `// generated\n${'const x = 1;\n'.repeat(90_000)}`,
    });
    const run = plumbline(['review', '--base', 'main', '--format', 'json'], { cwd: repo });
    expect(run.status).toBe(1);
    const out = JSON.parse(run.stdout);
    expect(out.findings.map((f: { path: string }) => f.path)).toEqual(['src/service.ts']);
    expect(out.notices.join('\n')).toMatch(/src\/broken\.ts:1: syntax error/);
    expect(out.notices.join('\n')).toMatch(/src\/huge\.js: skipped, larger than 1 MB/);
  });

  it('a --config file that does not exist', () => {
    const repo = tempRepo(BASE, HEAD);
    const run = plumbline(['review', '--base', 'main', '--config', 'missing.yml'], { cwd: repo });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/missing\.yml/);
    expect(oneLine(run.stderr)).toHaveLength(1);
  });

  it('a --config that is a directory says so', () => {
    const repo = tempRepo(BASE, HEAD);
    const run = plumbline(['review', '--base', 'main', '--config', 'src'], { cwd: repo });
    expect(run.status).toBe(2);
    expect(oneLine(run.stderr)).toHaveLength(1);
    expect(run.stderr).toMatch(/--config \S*src is a directory, not a file: name the file itself, e\.g\. --config \S*src\/\.plumbline\.yml/);
  });
});
