import { chmodSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, plumbline, tempRepo, writeFiles } from '../support/cli.js';

const BASE = {
  'tsconfig.json': '{ "compilerOptions": { "strict": true, "target": "ES2022" } }',
  'src/reminders.ts': "import { send } from './send.js';\n\nexport function remind(id: string) {\n  return send(id);\n}\n",
  'src/send.ts': 'export function send(id: string) {\n  return id;\n}\n',
};
// The branch adds a delay and a page size (safe fixes) and a status compared by number (no fix).
const HEAD = {
  'src/reminders.ts': [
    "import { send } from './send.js';",
    '',
    'export function remind(id: string) {',
    '  setTimeout(() => send(id), 5000);',
    '  return send(id);',
    '}',
    'export function recent(db: { limit(n: number): unknown }) {',
    '  return db.limit(100);',
    '}',
    'export function missing(response: { status: number }) {',
    '  return response.status === 404;',
    '}',
    '',
  ].join('\n'),
};
const FIXED = [
  "import { send } from './send.js';",
  '',
  'const REMIND_DELAY_MS = 5000;',
  '',
  'const RECENT_PAGE_SIZE = 100;',
  '',
  'export function remind(id: string) {',
  '  setTimeout(() => send(id), REMIND_DELAY_MS);',
  '  return send(id);',
  '}',
  'export function recent(db: { limit(n: number): unknown }) {',
  '  return db.limit(RECENT_PAGE_SIZE);',
  '}',
  'export function missing(response: { status: number }) {',
  '  return response.status === 404;',
  '}',
  '',
].join('\n');

type Report = { findings: Array<{ ruleId: string; line: number; fix?: { safe: boolean } }> };

describe('plumbline review --fix (built binary, real git repository)', () => {
  it('writes the safe fixes, reports what remains at its new position, and says how many were applied', () => {
    const repo = tempRepo(BASE, HEAD);
    const before = JSON.parse(plumbline(['review', '--base', 'main', '--format', 'json'], { cwd: repo }).stdout) as Report;
    expect(before.findings.map((f) => [f.line, f.fix?.safe])).toEqual([[4, true], [8, true], [11, undefined]]);

    const run = plumbline(['review', '--base', 'main', '--fix', '--format', 'json'], { cwd: repo });
    expect(readFileSync(path.join(repo, 'src/reminders.ts'), 'utf8')).toBe(FIXED);
    expect(run.stderr).toBe('plumbline: applied 2 fix(es) in 1 file(s); 1 finding(s) remain (in the report)\n');
    // The report is of the fixed file: the status comparison moved from line 11 to 15.
    expect((JSON.parse(run.stdout) as Report).findings.map((f) => [f.ruleId, f.line])).toEqual([['magic-number', 15]]);
    expect(run.status).toBe(0);

    const again = plumbline(['review', '--base', 'main', '--fix'], { cwd: repo });
    expect(again.stderr).toBe('plumbline: applied 0 fix(es) in 0 file(s); 1 finding(s) remain (in the report)\n');
    expect(readFileSync(path.join(repo, 'src/reminders.ts'), 'utf8')).toBe(FIXED);
  });

  it('with --staged, fixes the working tree and says the fixes still need staging', () => {
    const repo = tempRepo(BASE);
    writeFiles(repo, HEAD);
    git(repo, 'add', '-A');
    const run = plumbline(['review', '--staged', '--fix', '--format', 'json'], { cwd: repo });
    expect(readFileSync(path.join(repo, 'src/reminders.ts'), 'utf8')).toBe(FIXED);
    expect(run.stderr).toMatch(/^plumbline: applied 2 fix\(es\) in 1 file\(s\); /);
    // The index still holds the unfixed text: the fixes are committed only once staged.
    expect(run.stderr).toContain('plumbline: the fixes are in the working tree; stage them (git add src/reminders.ts) to commit them\n');
    expect(git(repo, 'diff', '--name-only')).toBe('src/reminders.ts\n');
  });

  it('still writes a SARIF report to --output', () => {
    const repo = tempRepo(BASE, HEAD);
    const run = plumbline(['review', '--base', 'main', '--fix', '--format', 'sarif', '--output', 'out.sarif'], { cwd: repo });
    expect(run.status).toBe(0);
    const sarif = JSON.parse(readFileSync(path.join(repo, 'out.sarif'), 'utf8')) as { runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { region: { startLine: number } } }> }> }> };
    expect(sarif.runs[0].results.map((r) => r.locations[0].physicalLocation.region.startLine)).toEqual([15]);
    expect(readFileSync(path.join(repo, 'src/reminders.ts'), 'utf8')).toBe(FIXED);
  });

  it('refuses a read-only file in one line, exit 2, and writes nothing', () => {
    const repo = tempRepo(HEAD);
    chmodSync(path.join(repo, 'src/reminders.ts'), 0o444);
    const run = plumbline(['review', '--all', '--fix'], { cwd: repo });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('plumbline: cannot fix src/reminders.ts: the file is read-only (make it writable, or run without --fix)\n');
    expect(readFileSync(path.join(repo, 'src/reminders.ts'), 'utf8')).toBe(HEAD['src/reminders.ts']);
  });

  it('refuses --fix with --diff before any analysis, in one line, exit 2', () => {
    const repo = tempRepo(BASE, HEAD);
    const run = plumbline(['review', '--diff', '-', '--fix'], { cwd: repo, input: '' });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("plumbline: --fix rewrites files in the working tree and cannot be combined with --diff -: the diff's lines are not the working tree's\n");
  });
});
