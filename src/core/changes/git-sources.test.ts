import { symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../errors.js';
import type { ChangedFile, ChangeSet } from './change-set.js';
import { loadChangeSet } from './index.js';
import { numberedLines, TempGitRepo } from '../../../test/support/temp-git-repo.js';

afterAll(() => TempGitRepo.removeAll());

const ten = numberedLines(10);
const edit = (text: string, line: number, to: string) => text.split('\n').map((l, i) => (i + 1 === line ? to : l)).join('\n');
const byPath = (changes: ChangeSet, p: string): ChangedFile | undefined => changes.files.find((f) => f.path === p);
const summary = (changes: ChangeSet) => changes.files.map((f) => [f.path, f.status, f.addedLines.map((r) => `${r.start}-${r.end}`).join(',')]);

async function userError(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(UserError);
  return (error as Error).message;
}

/** main: base commit; feature: one commit; then main moves on (so the merge-base is not main's tip). */
function featureRepo(): { repo: TempGitRepo; base: string } {
  const repo = TempGitRepo.create();
  const base = repo.commit('base', { 'src/a.ts': ten, 'src/b.ts': ten });
  repo.git('switch', '-q', '-c', 'feature');
  repo.commit('feature', { 'src/a.ts': edit(ten, 3, 'three') });
  repo.git('switch', '-q', 'main');
  repo.commit('main moves on', { 'src/b.ts': edit(ten, 1, 'one on main') });
  repo.git('switch', '-q', 'feature');
  return { repo, base };
}

describe('--base REF', () => {
  it('diffs from the merge-base, so commits that only the base branch has are not part of the change', async () => {
    const { repo, base } = featureRepo();
    const changes = await loadChangeSet({ cwd: repo.root, base: 'main' });
    expect(changes.root).toBe(repo.root);
    expect(summary(changes)).toEqual([['src/a.ts', 'modified', '3-3']]);
    expect(changes.description).toBe(`main...HEAD (merge-base ${base.slice(0, 7)})`);
    expect(changes.notices).toEqual([]);
    expect(await changes.readNew('src/a.ts')).toBe(edit(ten, 3, 'three'));
    expect(await changes.readBase('src/a.ts')).toBe(ten);
    expect(await changes.readBase('src/b.ts')).toBe(ten); // the merge-base's, not main's tip
  });

  it('includes uncommitted edits and untracked files, reads the working tree, and says so', async () => {
    const { repo, base } = featureRepo();
    repo.write({ 'src/a.ts': edit(edit(ten, 3, 'three'), 8, 'eight, not committed'), 'src/new.ts': 'x\ny\n' });
    repo.write({ '.gitignore': 'ignored.ts\n', 'ignored.ts': 'secret\n' });
    const changes = await loadChangeSet({ cwd: repo.root, base: 'main' });
    expect(summary(changes)).toEqual([
      ['.gitignore', 'added', '1-1'],
      ['src/a.ts', 'modified', '3-3,8-8'],
      ['src/new.ts', 'added', '1-2'],
    ]);
    expect(changes.description).toBe(`main...HEAD (merge-base ${base.slice(0, 7)}) + uncommitted changes`);
    expect(changes.notices).toEqual(['uncommitted changes are included: --base reads files from the working tree, not from HEAD']);
    expect(await changes.readNew('src/a.ts')).toContain('eight, not committed');
    expect(await changes.readBase('src/new.ts')).toBeUndefined();
  });

  it('works from a subdirectory and gives repository-relative paths', async () => {
    const { repo } = featureRepo();
    const changes = await loadChangeSet({ cwd: path.join(repo.root, 'src'), base: 'main' });
    expect(changes.root).toBe(repo.root);
    expect(changes.files.map((f) => f.path)).toEqual(['src/a.ts']);
  });

  it('maps every kind of change', async () => {
    const repo = TempGitRepo.create();
    const twenty = numberedLines(20);
    repo.commit('base', {
      'rename me.ts': twenty,
      'delete.ts': 'gone\n',
      'run.sh': 'echo\n',
      'img.bin': Buffer.from([0, 1, 2]),
      'crlf.ts': 'a\r\nb\r\nc\r\n',
      'no-eol.ts': 'a\nb',
      'café/naïve file.ts': 'a\n',
    });
    repo.git('switch', '-q', '-c', 'feature');
    repo.remove('rename me.ts', 'delete.ts').chmod('run.sh', 0o755);
    repo.commit('every kind', {
      'renamed dir/new name.ts': edit(twenty, 12, 'twelve'),
      'img.bin': Buffer.from([0, 1, 3]),
      'crlf.ts': 'a\r\nB\r\nc\r\n',
      'no-eol.ts': 'a\nb\nc',
      'café/naïve file.ts': 'a\nb\n',
      '日本語.ts': 'x\n',
    });
    const changes = await loadChangeSet({ cwd: repo.root, base: 'main' });
    expect(changes.files).toEqual([
      { path: 'café/naïve file.ts', status: 'modified', binary: false, modeOnly: false, addedLines: [{ start: 2, end: 2 }] },
      { path: 'crlf.ts', status: 'modified', binary: false, modeOnly: false, addedLines: [{ start: 2, end: 2 }] },
      { path: 'delete.ts', status: 'deleted', binary: false, modeOnly: false, addedLines: [], oldMode: '100644' },
      { path: 'img.bin', status: 'modified', binary: true, modeOnly: false, addedLines: [] },
      { path: 'no-eol.ts', status: 'modified', binary: false, modeOnly: false, addedLines: [{ start: 2, end: 3 }] },
      {
        path: 'renamed dir/new name.ts',
        oldPath: 'rename me.ts',
        status: 'renamed',
        similarity: 94,
        binary: false,
        modeOnly: false,
        addedLines: [{ start: 12, end: 12 }],
      },
      { path: 'run.sh', status: 'modified', binary: false, modeOnly: true, addedLines: [], oldMode: '100644', newMode: '100755' },
      { path: '日本語.ts', status: 'added', binary: false, modeOnly: false, addedLines: [{ start: 1, end: 1 }], newMode: '100644' },
    ]);
    expect(await changes.readBase('renamed dir/new name.ts')).toBe(twenty);
    expect(await changes.readBase('delete.ts')).toBe('gone\n');
    expect(await changes.readNew('café/naïve file.ts')).toBe('a\nb\n');
    expect(await changes.readNew('crlf.ts')).toBe('a\r\nB\r\nc\r\n');
  });

  it('is not confused by a user git config that changes diff output', async () => {
    const { repo } = featureRepo();
    const hostile = [
      ['diff.noprefix', 'true'],
      ['diff.mnemonicPrefix', 'true'],
      ['color.ui', 'always'],
      ['color.diff', 'always'],
      ['diff.external', 'echo'],
      ['diff.renames', 'false'],
      ['diff.relative', 'true'],
      ['core.quotepath', 'on'],
    ];
    for (const [key, value] of hostile) {
      repo.git('config', key, value);
    }
    repo.write({ 'src/ünï.ts': 'a\n' });
    const changes = await loadChangeSet({ cwd: path.join(repo.root, 'src'), base: 'main' });
    expect(summary(changes)).toEqual([['src/a.ts', 'modified', '3-3'], ['src/ünï.ts', 'added', '1-1']]);
  });

  it('rejects an unknown ref with one line', async () => {
    const { repo } = featureRepo();
    expect(await userError(loadChangeSet({ cwd: repo.root, base: 'origin/nope' }))).toBe(
      'unknown base ref "origin/nope": no branch, tag or commit of that name (a CI checkout may need `git fetch origin` first)',
    );
  });

  it('never passes a ref that looks like an option to git', async () => {
    const { repo } = featureRepo();
    expect(await userError(loadChangeSet({ cwd: repo.root, base: '--output=/tmp/x' }))).toBe(
      'unknown base ref "--output=/tmp/x": no branch, tag or commit of that name (a CI checkout may need `git fetch origin` first)',
    );
  });

  it('explains a ref with no common ancestor', async () => {
    const { repo } = featureRepo();
    repo.git('switch', '-q', '--orphan', 'unrelated');
    repo.commit('unrelated', { 'x.ts': 'x\n' });
    expect(await userError(loadChangeSet({ cwd: repo.root, base: 'main' }))).toBe('no common ancestor of "main" and HEAD: their histories are unrelated');
  });
});

describe('--staged', () => {
  it('diffs the index against HEAD and reads the staged blob, not the working tree', async () => {
    const { repo } = featureRepo();
    repo.write({ 'src/b.ts': edit(ten, 5, 'five staged') });
    repo.git('add', 'src/b.ts');
    repo.write({ 'src/b.ts': edit(edit(ten, 5, 'five staged'), 9, 'nine unstaged'), 'untracked.ts': 'x\n' });
    const changes = await loadChangeSet({ cwd: repo.root, staged: true });
    expect(summary(changes)).toEqual([['src/b.ts', 'modified', '5-5']]);
    expect(changes.description).toBe('staged changes (index vs HEAD)');
    expect(await changes.readNew('src/b.ts')).toBe(edit(ten, 5, 'five staged'));
    expect(await changes.readBase('src/b.ts')).toBe(ten);
  });

  it('works before the first commit', async () => {
    const repo = TempGitRepo.create();
    repo.write({ 'first.ts': 'a\nb\n' });
    repo.git('add', 'first.ts');
    const changes = await loadChangeSet({ cwd: repo.root, staged: true });
    expect(summary(changes)).toEqual([['first.ts', 'added', '1-2']]);
    expect(changes.description).toBe('staged changes (no commits yet)');
    expect(await changes.readNew('first.ts')).toBe('a\nb\n');
  });
});

describe('--working', () => {
  it('reviews only what is not committed, untracked files included and ignored files not', async () => {
    const { repo } = featureRepo();
    repo.write({ 'src/b.ts': edit(ten, 2, 'two'), 'notes/new file.ts': 'a\n', 'bin.dat': Buffer.from([1, 0, 1]) });
    repo.write({ '.gitignore': 'dist/\n', 'dist/out.js': 'x\n' });
    repo.git('add', '.gitignore');
    const changes = await loadChangeSet({ cwd: repo.root, working: true });
    expect(changes.files.map((f) => [f.path, f.status, f.binary, f.addedLines])).toEqual([
      ['.gitignore', 'added', false, [{ start: 1, end: 1 }]],
      ['bin.dat', 'added', true, []],
      ['notes/new file.ts', 'added', false, [{ start: 1, end: 1 }]],
      ['src/b.ts', 'modified', false, [{ start: 2, end: 2 }]],
    ]);
    expect(changes.description).toBe('uncommitted changes (working tree vs HEAD)');
    expect(await changes.readBase('src/b.ts')).toBe(ten);
  });

  it('does not read outside the repository through a symlink', async () => {
    const repo = TempGitRepo.create();
    repo.commit('base', { 'a.ts': 'a\n' });
    const outside = TempGitRepo.create({ init: false }).write({ 'secret.txt': 'token\n' });
    symlinkSync(path.join(outside.root, 'secret.txt'), path.join(repo.root, 'link.ts'));
    const changes = await loadChangeSet({ cwd: repo.root, working: true });
    expect(byPath(changes, 'link.ts')).toMatchObject({ status: 'added', newMode: '120000', addedLines: [] });
    expect(await changes.readNew('link.ts')).toBeUndefined();
    expect(await changes.readNew('../secret.txt')).toBeUndefined();
  });
});

describe('no source option: the branch against the default branch', () => {
  /** A repository whose history is base → feature commit; `setup` adds the refs under test. */
  function repoWith(setup: (repo: TempGitRepo, base: string) => void) {
    const repo = TempGitRepo.create();
    const base = repo.commit('base', { 'a.ts': ten });
    setup(repo, base);
    repo.git('switch', '-q', '-c', 'feature');
    repo.commit('feature', { 'a.ts': edit(ten, 4, 'four') });
    return { repo, base };
  }
  const remote = (repo: TempGitRepo, name: string, commit: string) => repo.git('update-ref', `refs/remotes/origin/${name}`, commit);

  const order: { name: string; setup: (repo: TempGitRepo, base: string) => void; used: string }[] = [
    {
      name: 'origin/HEAD first, naming its target',
      setup: (r, base) => {
        remote(r, 'develop', base);
        remote(r, 'main', base);
        r.git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/develop');
      },
      used: 'origin/HEAD (origin/develop)',
    },
    { name: 'then origin/main', setup: (r, base) => (remote(r, 'main', base), remote(r, 'master', base)), used: 'origin/main' },
    { name: 'then origin/master, before a local main', setup: (r, base) => remote(r, 'master', base), used: 'origin/master' },
    { name: 'then a local main', setup: () => {}, used: 'main' },
    { name: 'then a local master', setup: (r) => r.git('branch', '-q', '-m', 'main', 'master'), used: 'master' },
  ];

  it.each(order)('$name', async ({ setup, used }) => {
    const { repo, base } = repoWith(setup);
    const changes = await loadChangeSet({ cwd: repo.root });
    expect(summary(changes)).toEqual([['a.ts', 'modified', '4-4']]);
    expect(changes.notices).toEqual([`compared with ${used} (merge-base ${base.slice(0, 7)}), plus any uncommitted changes`]);
    expect(changes.description).toBe(`${used}...HEAD (merge-base ${base.slice(0, 7)})`);
  });

  it('adds uncommitted changes to the branch', async () => {
    const { repo, base } = repoWith(() => {});
    repo.write({ 'a.ts': edit(edit(ten, 4, 'four'), 9, 'nine'), 'b.ts': 'b\n' });
    const changes = await loadChangeSet({ cwd: repo.root });
    expect(summary(changes)).toEqual([['a.ts', 'modified', '4-4,9-9'], ['b.ts', 'added', '1-1']]);
    expect(changes.description).toBe(`main...HEAD (merge-base ${base.slice(0, 7)}) + uncommitted changes`);
  });

  it('on the default branch with no upstream, reviews uncommitted changes and says so', async () => {
    const repo = TempGitRepo.create();
    repo.commit('base', { 'a.ts': ten });
    repo.commit('second', { 'a.ts': edit(ten, 1, 'one') });
    repo.write({ 'a.ts': edit(edit(ten, 1, 'one'), 6, 'six') });
    const changes = await loadChangeSet({ cwd: repo.root });
    expect(summary(changes)).toEqual([['a.ts', 'modified', '6-6']]);
    expect(changes.description).toBe('uncommitted changes (working tree vs HEAD)');
    expect(changes.notices).toEqual(['on the default branch main with no upstream: reviewing uncommitted changes only (pass --base REF to review commits)']);
  });

  it('at the tip of origin/main, reviews uncommitted changes and says why', async () => {
    const repo = TempGitRepo.create();
    const head = repo.commit('base', { 'a.ts': ten });
    repo.git('update-ref', 'refs/remotes/origin/main', head);
    const changes = await loadChangeSet({ cwd: repo.root });
    expect(changes.files).toEqual([]);
    expect(changes.notices).toEqual(['HEAD has no commits that origin/main does not have: reviewing uncommitted changes only']);
  });

  it('with no default branch at all, reviews uncommitted changes and says what it tried', async () => {
    const repo = TempGitRepo.create();
    repo.git('switch', '-q', '-c', 'trunk');
    repo.commit('base', { 'a.ts': ten });
    repo.write({ 'a.ts': edit(ten, 2, 'two') });
    const changes = await loadChangeSet({ cwd: repo.root });
    expect(summary(changes)).toEqual([['a.ts', 'modified', '2-2']]);
    expect(changes.notices).toEqual([
      'no default branch found (tried origin/HEAD, origin/main, origin/master, main, master): reviewing uncommitted changes only; pass --base REF to compare with a branch',
    ]);
  });

  it('before the first commit, reviews every file as added', async () => {
    const repo = TempGitRepo.create();
    repo.write({ 'a.ts': 'a\n' });
    const changes = await loadChangeSet({ cwd: repo.root });
    expect(summary(changes)).toEqual([['a.ts', 'added', '1-1']]);
    expect(changes.notices).toEqual(['the repository has no commits yet: every file in the working tree is reviewed as added']);
  });
});

describe('errors', () => {
  it('not a git repository', async () => {
    const dir = TempGitRepo.create({ init: false });
    expect(await userError(loadChangeSet({ cwd: dir.root }))).toBe(
      `not a git repository: ${dir.root} (run plumbline inside a git checkout, or pass --diff FILE)`,
    );
  });

  it('a directory that does not exist', async () => {
    const dir = TempGitRepo.create({ init: false });
    const missing = path.join(dir.root, 'nope');
    expect(await userError(loadChangeSet({ cwd: missing, working: true }))).toBe(`directory does not exist: ${missing}`);
  });

  it('git missing from PATH', async () => {
    const { repo } = featureRepo();
    const saved = process.env.PATH;
    process.env.PATH = path.join(repo.root, 'no-bin');
    try {
      expect(await userError(loadChangeSet({ cwd: repo.root }))).toBe(
        'git was not found on PATH: plumbline reads changes with git (install git, or pass --diff FILE)',
      );
    } finally {
      process.env.PATH = saved;
    }
  });

  it('two sources at once', async () => {
    const { repo } = featureRepo();
    expect(await userError(loadChangeSet({ cwd: repo.root, base: 'main', staged: true }))).toBe('choose one change source, got --base and --staged');
  });

  it('a file that vanishes between listing and reading is simply absent', async () => {
    const { repo } = featureRepo();
    writeFileSync(path.join(repo.root, 'later.ts'), 'x\n');
    const changes = await loadChangeSet({ cwd: repo.root, working: true });
    repo.remove('later.ts');
    expect(await changes.readNew('later.ts')).toBeUndefined();
  });
});
