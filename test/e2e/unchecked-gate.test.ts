import { describe, expect, it } from 'vitest';
import { git, plumbline, tempRepo, writeFiles } from '../support/cli.js';

// A clean change (no finding) next to a changed file the checks cannot read.
const BASE = {
  'tsconfig.json': '{ "compilerOptions": { "strict": true, "target": "ES2022" } }',
  'src/service.ts': 'export async function save(write: () => Promise<void>) {\n  await write();\n}\n',
};
const CLEAN = { 'src/service.ts': 'export async function save(write: () => Promise<void>) {\n  await write();\n  return true;\n}\n' };
const BROKEN = { ...CLEAN, 'src/broken.ts': 'export function (' };

interface Item { id: string; status: string; reasons?: string[] }
const checklistOf = (stdout: string) => (JSON.parse(stdout) as { checklist: Item[]; notices: string[] });

describe('an item whose rules could not run is "not checked", and the gate fails closed', () => {
  it('a syntax error in a changed file: every automated item is unchecked (JSON), exit 1', () => {
    const repo = tempRepo(BASE, BROKEN);
    const run = plumbline(['review', '--base', 'main', '--format', 'json'], { cwd: repo });
    expect(run.status).toBe(1);
    const out = checklistOf(run.stdout);
    const silent = out.checklist.find((i) => i.id === 'correct.silent-failures');
    expect(silent).toMatchObject({ status: 'unchecked', reasons: [expect.stringMatching(/^src\/broken\.ts: syntax error at line 1/)] });
    // No item is "passed" while a changed file went unread; manual items stay manual.
    expect(out.checklist.filter((i) => i.status === 'passed')).toEqual([]);
    expect(out.checklist.find((i) => i.id === 'right-problem.purpose')?.status).toBe('manual');
  });

  it('--allow-unchecked (or allowUnchecked in the config) lets it pass, still shown as not checked', () => {
    const repo = tempRepo(BASE, BROKEN);
    const allowed = plumbline(['review', '--base', 'main', '--allow-unchecked'], { cwd: repo });
    expect(allowed.status).toBe(0);
    expect(allowed.stdout).toContain('\nNot checked\n  ! Not checked: ');
    expect(allowed.stdout).toMatch(/^ {2}! Not checked: No silent failures \(uncaught promise rejections\)\? — src\/broken\.ts: syntax error at line 1/m);
    expect(allowed.stdout).toMatch(/checklist 0 passed, 0 failed, \d+ not checked, \d+ manual/);

    writeFiles(repo, { '.plumbline.yml': 'allowUnchecked: true\n' });
    expect(plumbline(['review', '--base', 'main'], { cwd: repo }).status).toBe(0);
    // --fail-on never is "report only": it never fails, whatever was not checked.
    writeFiles(repo, { '.plumbline.yml': 'allowUnchecked: false\n' });
    expect(plumbline(['review', '--base', 'main', '--fail-on', 'never'], { cwd: repo }).status).toBe(0);
    expect(plumbline(['review', '--base', 'main'], { cwd: repo }).status).toBe(1);
  });

  it('the same change without the broken file passes: exit 0, items passed', () => {
    const repo = tempRepo(BASE, CLEAN);
    const run = plumbline(['review', '--base', 'main', '--format', 'json'], { cwd: repo });
    expect(run.status).toBe(0);
    expect(checklistOf(run.stdout).checklist.find((i) => i.id === 'correct.silent-failures')?.status).toBe('passed');
  });

  it('a changed file over 1 MB is not checked either', () => {
    const repo = tempRepo(BASE, { ...CLEAN, 'src/huge.js': `// generated\n${'const x = 1;\n'.repeat(90_000)}` });
    const run = plumbline(['review', '--base', 'main', '--format', 'json'], { cwd: repo });
    expect(run.status).toBe(1);
    expect(checklistOf(run.stdout).checklist.find((i) => i.id === 'safe.sql-concatenation')).toMatchObject({ status: 'unchecked', reasons: ['src/huge.js: larger than 1 MB, not analysed'] });
  });

  it('every format says "not checked": markdown, sarif, github, and plumbline checklist', () => {
    const repo = tempRepo(BASE, BROKEN);
    const markdown = plumbline(['review', '--base', 'main', '--format', 'markdown'], { cwd: repo });
    expect(markdown.stdout).toMatch(/- \[ \] ⚠️ No silent failures \(uncaught promise rejections\)\? — \*\*not checked\*\*: src\/broken\.ts: syntax error/);
    const sarif = JSON.parse(plumbline(['review', '--base', 'main', '--format', 'sarif'], { cwd: repo }).stdout);
    expect(sarif.runs[0].invocations[0].toolExecutionNotifications).toContainEqual({ level: 'warning', message: { text: expect.stringMatching(/^Not checked: No silent failures/) } });
    const github = plumbline(['review', '--base', 'main', '--format', 'github'], { cwd: repo });
    expect(github.stdout).toMatch(/^::warning title=plumbline%3A not checked::Not checked: No silent failures/m);
    const checklist = plumbline(['checklist', '--base', 'main'], { cwd: repo });
    expect(checklist.stdout).toMatch(/! not checked {2}No silent failures \(uncaught promise rejections\)\?\n {6}↳ src\/broken\.ts: syntax error at line 1/);
  });
});

describe('an empty or suspicious change source gets a notice', () => {
  const noticesOf = (args: string[], repo: string) => checklistOf(plumbline([...args, '--format', 'json'], { cwd: repo }).stdout).notices;

  it('--staged with nothing staged', () => {
    const repo = tempRepo(BASE, CLEAN);
    expect(noticesOf(['review', '--staged'], repo)).toContain('nothing is staged: `git add` the files to review, or run without --staged to review the branch and uncommitted changes');
  });

  it('--base equal to HEAD', () => {
    const repo = tempRepo(BASE, CLEAN);
    expect(noticesOf(['review', '--base', 'feature'], repo).join('\n')).toMatch(/--base feature: HEAD has no commits that feature does not have/);
  });

  it('--working with nothing uncommitted', () => {
    const repo = tempRepo(BASE, CLEAN);
    expect(noticesOf(['review', '--working'], repo)).toContain('no changed files in uncommitted changes (working tree vs HEAD): nothing was reviewed');
  });

  it('every changed file excluded by the config', () => {
    const repo = tempRepo(BASE, CLEAN);
    writeFiles(repo, { '.plumbline.yml': 'exclude: ["src/**"]\n' });
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'config');
    expect(noticesOf(['review', '--base', 'main'], repo).join('\n')).toMatch(/all 1 changed TypeScript\/JavaScript file\(s\) are excluded by include\/exclude/);
  });
});
