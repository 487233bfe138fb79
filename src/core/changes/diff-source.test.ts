import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../errors.js';
import { loadChangeSet } from './index.js';
import { TempGitRepo } from '../../../test/support/temp-git-repo.js';

afterAll(() => TempGitRepo.removeAll());

async function userError(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(UserError);
  return (error as Error).message;
}

/** A repository whose working tree holds the new side of a committed change, and that change as a patch file. */
function repoWithPatch(): { repo: TempGitRepo; patch: string } {
  const repo = TempGitRepo.create();
  repo.commit('base', { 'src/a.ts': 'a\nb\n', 'src/old.ts': 'old\n', 'my dir/ü.ts': 'x\n' });
  repo.remove('src/old.ts');
  repo.commit('change', { 'src/a.ts': 'a\nB\nc\n', 'my dir/ü.ts': 'x\ny\n' });
  const patch = path.join(repo.root, 'change.patch');
  writeFileSync(patch, repo.git('diff', 'HEAD~1', 'HEAD'));
  return { repo, patch };
}

describe('--diff FILE|-', () => {
  it('reads the diff from a file; the working tree is the new side and there is no base', async () => {
    const { repo } = repoWithPatch();
    const changes = await loadChangeSet({ cwd: repo.root, diff: 'change.patch' });
    expect(changes.root).toBe(repo.root);
    expect(changes.description).toBe('diff from change.patch');
    expect(changes.notices).toEqual([]);
    expect(changes.files.map((f) => [f.path, f.status, f.addedLines])).toEqual([
      ['my dir/ü.ts', 'modified', [{ start: 2, end: 2 }]],
      ['src/a.ts', 'modified', [{ start: 2, end: 3 }]],
      ['src/old.ts', 'deleted', []],
    ]);
    expect(await changes.readNew('src/a.ts')).toBe('a\nB\nc\n');
    expect(await changes.readBase('src/a.ts')).toBeUndefined();
  });

  it('reads the diff from stdin', async () => {
    const { repo, patch } = repoWithPatch();
    const changes = await loadChangeSet({ cwd: repo.root, diff: '-', stdin: Readable.from([readFileSync(patch)]) });
    expect(changes.description).toBe('diff from stdin');
    expect(changes.files.map((f) => f.path)).toEqual(['my dir/ü.ts', 'src/a.ts', 'src/old.ts']);
  });

  it('uses the repository root when run from a subdirectory', async () => {
    const { repo, patch } = repoWithPatch();
    const changes = await loadChangeSet({ cwd: path.join(repo.root, 'src'), diff: patch });
    expect(changes.root).toBe(repo.root);
    expect(await changes.readNew('my dir/ü.ts')).toBe('x\ny\n');
  });

  it('uses the directory itself outside git', async () => {
    const dir = TempGitRepo.create({ init: false }).write({ 'x.ts': 'a\nb\n' });
    const diff = ['--- x.ts.orig\t2024-01-01 00:00:00', '+++ x.ts\t2024-01-02 00:00:00', '@@ -1 +1,2 @@', ' a', '+b', ''].join('\n');
    const changes = await loadChangeSet({ cwd: dir.root, diff: '-', stdin: Readable.from([diff]) });
    expect(changes.root).toBe(dir.root);
    expect(changes.files).toMatchObject([{ path: 'x.ts', addedLines: [{ start: 2, end: 2 }] }]);
    expect(await changes.readNew('x.ts')).toBe('a\nb\n');
  });

  it('skips files that are not in the working tree, with a notice for each', async () => {
    const { repo, patch } = repoWithPatch();
    repo.remove('my dir/ü.ts');
    const extra = ['--- a/../outside.ts', '+++ b/../outside.ts', '@@ -1 +1 @@', '-a', '+b', ''].join('\n');
    writeFileSync(patch, readFileSync(patch, 'utf8') + extra);
    const changes = await loadChangeSet({ cwd: repo.root, diff: patch });
    expect(changes.files.map((f) => f.path)).toEqual(['src/a.ts', 'src/old.ts']);
    expect(changes.notices).toEqual([
      'my dir/ü.ts is in the diff but not in the working tree: skipped',
      '../outside.ts is in the diff but not in the working tree: skipped',
    ]);
  });

  it('rejects a diff none of whose files exist here (run from the wrong directory)', async () => {
    const { patch } = repoWithPatch();
    const elsewhere = TempGitRepo.create();
    expect(await userError(loadChangeSet({ cwd: elsewhere.root, diff: patch }))).toBe(
      `none of the files in the diff from ${patch} exist under ${elsewhere.root} (e.g. "my dir/ü.ts"): run plumbline in the checkout the diff was made from`,
    );
  });

  it('gives an empty change with a notice for an empty diff', async () => {
    const { repo } = repoWithPatch();
    const changes = await loadChangeSet({ cwd: repo.root, diff: '-', stdin: Readable.from(['']) });
    expect(changes.files).toEqual([]);
    expect(changes.notices).toEqual(['the diff from stdin is empty: nothing to review']);
  });

  it('names the diff file and line of malformed input', async () => {
    const { repo } = repoWithPatch();
    writeFileSync(path.join(repo.root, 'bad.patch'), '--- a/src/a.ts\n+++ b/src/a.ts\n@@ -1,2 +1,2 @@\n a\n');
    expect(await userError(loadChangeSet({ cwd: repo.root, diff: 'bad.patch' }))).toBe(
      'malformed diff at line 3 of bad.patch: hunk "@@ -1,2 +1,2 @@" ends early: the diff ended with 1 more old and 1 more new lines still due',
    );
  });

  it('rejects a diff file that does not exist, or a directory', async () => {
    const { repo } = repoWithPatch();
    expect(await userError(loadChangeSet({ cwd: repo.root, diff: 'nope.patch' }))).toBe('cannot read the diff file "nope.patch": no such file');
    expect(await userError(loadChangeSet({ cwd: repo.root, diff: 'src' }))).toBe('cannot read the diff file "src": it is a directory');
  });

  it('refuses to wait for a diff typed at a terminal', async () => {
    const { repo } = repoWithPatch();
    const tty = Object.assign(Readable.from([]), { isTTY: true });
    expect(await userError(loadChangeSet({ cwd: repo.root, diff: '-', stdin: tty }))).toBe(
      '--diff - reads a diff from stdin, but stdin is a terminal: pipe one in, e.g. `git diff main | plumbline review --diff -`',
    );
  });
});
