import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../errors.js';
import type { ChangedFile } from './change-set.js';
import { numberedLines, TempGitRepo } from '../../../test/support/temp-git-repo.js';
import { addedLinesFromPatch, parseUnifiedDiff } from './unified-diff.js';

afterAll(() => TempGitRepo.removeAll());

const twenty = numberedLines(20);
const editLines = (text: string, edits: Record<number, string>) =>
  text.split('\n').map((line, i) => edits[i + 1] ?? line).join('\n');

interface GitCase {
  name: string;
  base: Record<string, string | Buffer>;
  change: (repo: TempGitRepo) => void;
  /** Arguments after `git diff -M`; default `--cached`. */
  diffArgs?: string[];
  /** Leave the change unstaged (the case diffs the working tree). */
  unstaged?: boolean;
  gitConfig?: string[];
  expected: Partial<ChangedFile>[];
}

const gitCases: GitCase[] = [
  {
    name: 'added file',
    base: { 'keep.ts': 'x\n' },
    change: (r) => r.write({ 'src/new.ts': 'a\nb\nc\n' }),
    expected: [{ path: 'src/new.ts', status: 'added', addedLines: [{ start: 1, end: 3 }], binary: false, modeOnly: false, newMode: '100644' }],
  },
  {
    name: 'added empty file',
    base: { 'keep.ts': 'x\n' },
    change: (r) => r.write({ 'empty.ts': '' }),
    expected: [{ path: 'empty.ts', status: 'added', addedLines: [] }],
  },
  {
    name: 'modified lines in two hunks, context around them',
    base: { 'm.ts': twenty },
    change: (r) => r.write({ 'm.ts': editLines(twenty, { 5: 'five', 6: 'six' }).replace('line 15\n', 'line 15\ninserted\n') }),
    expected: [{ path: 'm.ts', status: 'modified', addedLines: [{ start: 5, end: 6 }, { start: 16, end: 16 }] }],
  },
  {
    name: 'pure deletion of lines adds nothing',
    base: { 'm.ts': twenty },
    change: (r) => r.write({ 'm.ts': twenty.replace('line 7\n', '') }),
    expected: [{ path: 'm.ts', status: 'modified', addedLines: [] }],
  },
  {
    name: 'rename with an edit: only the edited line is changed',
    base: { 'old/name.ts': twenty },
    change: (r) => r.remove('old/name.ts').write({ 'new/name.ts': editLines(twenty, { 10: 'ten' }) }),
    expected: [{ path: 'new/name.ts', oldPath: 'old/name.ts', status: 'renamed', similarity: 94, addedLines: [{ start: 10, end: 10 }] }],
  },
  {
    name: 'pure rename',
    base: { 'a.ts': twenty },
    change: (r) => r.git('mv', 'a.ts', 'b.ts'),
    expected: [{ path: 'b.ts', oldPath: 'a.ts', status: 'renamed', similarity: 100, addedLines: [], modeOnly: false }],
  },
  {
    name: 'copy (with --find-copies-harder)',
    base: { 'a.ts': twenty },
    change: (r) => r.write({ 'copy.ts': editLines(twenty, { 3: 'three' }) }),
    diffArgs: ['--cached', '-C', '--find-copies-harder'],
    expected: [{ path: 'copy.ts', oldPath: 'a.ts', status: 'copied', similarity: 95, addedLines: [{ start: 3, end: 3 }] }],
  },
  {
    name: 'deleted file keeps its old path',
    base: { 'gone.ts': 'a\n', 'keep.ts': 'x\n' },
    change: (r) => r.remove('gone.ts'),
    expected: [{ path: 'gone.ts', status: 'deleted', addedLines: [], oldMode: '100644' }],
  },
  {
    name: 'binary file ("Binary files … differ")',
    base: { 'img.bin': Buffer.from([0, 1, 2, 3]) },
    change: (r) => r.write({ 'img.bin': Buffer.from([0, 1, 2, 4, 5]) }),
    expected: [{ path: 'img.bin', status: 'modified', binary: true, addedLines: [] }],
  },
  {
    name: 'binary file (GIT binary patch), next to a text file',
    base: { 'img.bin': Buffer.from([0, 1, 2, 3]), 'z.ts': 'a\n' },
    change: (r) => r.write({ 'img.bin': Buffer.from([0, 9, 9, 9, 9, 9]), 'z.ts': 'a\nb\n' }),
    diffArgs: ['--cached', '--binary'],
    expected: [
      { path: 'img.bin', status: 'modified', binary: true, addedLines: [] },
      { path: 'z.ts', status: 'modified', addedLines: [{ start: 2, end: 2 }] },
    ],
  },
  {
    name: 'added binary file',
    base: { 'keep.ts': 'x\n' },
    change: (r) => r.write({ 'new.bin': Buffer.from([0, 1]) }),
    expected: [{ path: 'new.bin', status: 'added', binary: true, addedLines: [] }],
  },
  {
    name: 'mode-only change (chmod +x)',
    base: { 'run.sh': 'echo hi\n' },
    change: (r) => r.chmod('run.sh', 0o755),
    expected: [{ path: 'run.sh', status: 'modified', modeOnly: true, oldMode: '100644', newMode: '100755', addedLines: [] }],
  },
  {
    name: 'mode change with an edit is not mode-only',
    base: { 'run.sh': 'echo hi\n' },
    change: (r) => r.chmod('run.sh', 0o755).write({ 'run.sh': 'echo hello\n' }),
    expected: [{ path: 'run.sh', status: 'modified', modeOnly: false, addedLines: [{ start: 1, end: 1 }] }],
  },
  {
    name: 'no newline at end of file: appending rewrites the last line',
    base: { 'n.ts': 'a\nb' },
    change: (r) => r.write({ 'n.ts': 'a\nb\nc' }),
    expected: [{ path: 'n.ts', status: 'modified', addedLines: [{ start: 2, end: 3 }] }],
  },
  {
    name: 'CRLF lines',
    base: { 'w.ts': 'one\r\ntwo\r\nthree\r\n' },
    change: (r) => r.write({ 'w.ts': 'one\r\nTWO\r\nthree\r\nfour\r\n' }),
    expected: [{ path: 'w.ts', status: 'modified', addedLines: [{ start: 2, end: 2 }, { start: 4, end: 4 }] }],
  },
  {
    name: 'paths with spaces',
    base: { 'dir with space/my file.ts': 'a\n' },
    change: (r) => r.write({ 'dir with space/my file.ts': 'a\nb\n', 'dir with space/b and c.ts': 'x\n' }),
    expected: [
      { path: 'dir with space/b and c.ts', status: 'added', addedLines: [{ start: 1, end: 1 }] },
      { path: 'dir with space/my file.ts', status: 'modified', addedLines: [{ start: 2, end: 2 }] },
    ],
  },
  {
    name: 'non-ASCII names, octal-escaped (core.quotepath on)',
    base: { 'café/naïve.ts': 'a\n' },
    change: (r) => r.write({ 'café/naïve.ts': 'a\nb\n', '日本.ts': 'x\n' }),
    gitConfig: ['core.quotepath=on'],
    expected: [
      { path: 'café/naïve.ts', status: 'modified', addedLines: [{ start: 2, end: 2 }] },
      { path: '日本.ts', status: 'added', addedLines: [{ start: 1, end: 1 }] },
    ],
  },
  {
    name: 'non-ASCII names, raw (core.quotepath off)',
    base: { 'café/naïve.ts': 'a\n' },
    change: (r) => r.write({ 'café/naïve.ts': 'a\nb\n' }),
    gitConfig: ['core.quotepath=off'],
    expected: [{ path: 'café/naïve.ts', status: 'modified', addedLines: [{ start: 2, end: 2 }] }],
  },
  {
    name: 'quoted names with a quote, a tab and a space; renamed',
    base: { 'we"ird\tname.ts': twenty },
    change: (r) => {
      r.git('mv', 'we"ird\tname.ts', 'still "weird" é.ts');
      r.write({ 'still "weird" é.ts': editLines(twenty, { 1: 'one' }) });
    },
    expected: [{ path: 'still "weird" é.ts', oldPath: 'we"ird\tname.ts', status: 'renamed', addedLines: [{ start: 1, end: 1 }] }],
  },
  {
    name: 'rename of a path with spaces, unquoted',
    base: { 'my dir/old name.ts': twenty },
    change: (r) => {
      r.git('mv', 'my dir/old name.ts', 'my dir/new name.ts');
      r.write({ 'my dir/new name.ts': editLines(twenty, { 20: 'twenty' }) });
    },
    expected: [{ path: 'my dir/new name.ts', oldPath: 'my dir/old name.ts', status: 'renamed', addedLines: [{ start: 20, end: 20 }] }],
  },
  {
    name: '--no-prefix, including a file under a directory named a/',
    base: { 'src/x.ts': 'a\n', 'a/x.ts': 'a\n' },
    change: (r) => r.write({ 'src/x.ts': 'a\nb\n', 'a/x.ts': 'a\nc\n' }),
    diffArgs: ['--cached', '--no-prefix'],
    expected: [
      { path: 'a/x.ts', status: 'modified', addedLines: [{ start: 2, end: 2 }] },
      { path: 'src/x.ts', status: 'modified', addedLines: [{ start: 2, end: 2 }] },
    ],
  },
  {
    name: '--no-prefix mode-only and deletion',
    base: { 'run.sh': 'echo\n', 'gone.ts': 'a\n' },
    change: (r) => r.chmod('run.sh', 0o755).remove('gone.ts'),
    diffArgs: ['--cached', '--no-prefix'],
    expected: [
      { path: 'gone.ts', status: 'deleted' },
      { path: 'run.sh', status: 'modified', modeOnly: true },
    ],
  },
  {
    name: 'mnemonic prefixes (i/ w/)',
    base: { 'src/x.ts': 'a\n' },
    change: (r) => r.write({ 'src/x.ts': 'a\nb\n' }),
    unstaged: true,
    diffArgs: [],
    gitConfig: ['diff.mnemonicPrefix=true'],
    expected: [{ path: 'src/x.ts', status: 'modified', addedLines: [{ start: 2, end: 2 }] }],
  },
  {
    name: 'zero context lines (-U0)',
    base: { 'm.ts': twenty },
    change: (r) => r.write({ 'm.ts': editLines(twenty, { 2: 'two', 19: 'nineteen' }) }),
    diffArgs: ['--cached', '-U0'],
    expected: [{ path: 'm.ts', status: 'modified', addedLines: [{ start: 2, end: 2 }, { start: 19, end: 19 }] }],
  },
  {
    name: 'symlink added',
    base: { 'target.ts': 'a\n' },
    change: (r) => r.symlink('target.ts', 'link.ts'),
    expected: [{ path: 'link.ts', status: 'added', newMode: '120000' }],
  },
];

describe('parseUnifiedDiff on real git output', () => {
  it.each(gitCases)('$name', ({ base, change, diffArgs, unstaged, gitConfig, expected }) => {
    const repo = TempGitRepo.create();
    repo.commit('base', base);
    change(repo);
    if (!unstaged) repo.git('add', '-A');
    const config = (gitConfig ?? []).flatMap((c) => ['-c', c]);
    const text = repo.git(...config, 'diff', '-M', ...(diffArgs ?? ['--cached']));
    const files = parseUnifiedDiff(text).sort((a, b) => (a.path < b.path ? -1 : 1));
    expect(files).toHaveLength(expected.length);
    expected.forEach((e, i) => expect(files[i]).toMatchObject(e));
  });
});

describe('parseUnifiedDiff on plain diff -u output', () => {
  const gnuDiff = (cwd: string, ...args: string[]) => spawnSync('diff', args, { cwd, encoding: 'utf8' }).stdout;

  it('reads two files compared directly (dates after a tab)', () => {
    const dir = TempGitRepo.create({ init: false }).write({ 'x.ts.orig': 'a\nb\n', 'x.ts': 'a\nB\nc\n' });
    const files = parseUnifiedDiff(gnuDiff(dir.root, '-u', 'x.ts.orig', 'x.ts'));
    expect(files).toEqual([
      { path: 'x.ts', oldPath: 'x.ts.orig', status: 'modified', binary: false, modeOnly: false, addedLines: [{ start: 2, end: 3 }] },
    ]);
  });

  it('reads `diff -ruN old new`: roots stripped, absent sides as additions and deletions, binaries, names with spaces', () => {
    const dir = TempGitRepo.create({ init: false }).write({
      'old/src/same name.ts': 'a\n',
      'old/src/gone.ts': 'a\nb\n',
      'old/img.bin': Buffer.from([0, 1]),
      'new/src/same name.ts': 'a\nz\n',
      'new/src/added.ts': 'x\ny\n',
      'new/img.bin': Buffer.from([0, 2]),
    });
    const files = parseUnifiedDiff(gnuDiff(dir.root, '-ruN', 'old', 'new')).sort((a, b) => (a.path < b.path ? -1 : 1));
    expect(files.map((f) => [f.path, f.status, f.binary, f.addedLines])).toEqual([
      ['img.bin', 'modified', true, []],
      ['src/added.ts', 'added', false, [{ start: 1, end: 2 }]],
      ['src/gone.ts', 'deleted', false, []],
      ['src/same name.ts', 'modified', false, [{ start: 2, end: 2 }]],
    ]);
  });

  it('reads /dev/null sides with a/ and b/ prefixes', () => {
    const text = ['--- /dev/null', '+++ b/src/new.ts', '@@ -0,0 +1,2 @@', '+a', '+b', '--- a/src/old.ts', '+++ /dev/null', '@@ -1 +0,0 @@', '-x', ''].join('\n');
    expect(parseUnifiedDiff(text).map((f) => [f.path, f.status, f.addedLines])).toEqual([
      ['src/new.ts', 'added', [{ start: 1, end: 2 }]],
      ['src/old.ts', 'deleted', []],
    ]);
  });
});

describe('parseUnifiedDiff on hand-written input', () => {
  it('reads a diff saved with CRLF line endings', () => {
    const text = 'diff --git a/x.ts b/x.ts\r\nindex 1..2 100644\r\n--- a/x.ts\r\n+++ b/x.ts\r\n@@ -1,2 +1,2 @@\r\n a\r\n-b\r\n+B\r\n';
    expect(parseUnifiedDiff(text)).toEqual([{ path: 'x.ts', status: 'modified', binary: false, modeOnly: false, addedLines: [{ start: 2, end: 2 }] }]);
  });

  it('takes an empty line in a hunk as context (editors strip the lone space)', () => {
    const text = ['--- a/x.ts', '+++ b/x.ts', '@@ -1,3 +1,3 @@', ' a', '', '-c', '+C', ''].join('\n');
    expect(parseUnifiedDiff(text)[0].addedLines).toEqual([{ start: 3, end: 3 }]);
  });

  it('reads removed lines that look like file headers, by the hunk counts', () => {
    const text = ['--- a/x.sql', '+++ b/x.sql', '@@ -1,2 +1,2 @@', '--- a comment', '+++ a counter', ' ok', ''].join('\n');
    expect(parseUnifiedDiff(text)).toMatchObject([{ path: 'x.sql', addedLines: [{ start: 1, end: 1 }] }]);
  });

  it('ignores a format-patch mail around the diff', () => {
    const text = [
      'From 1234 Mon Sep 17 00:00:00 2001',
      'Subject: [PATCH] change',
      '',
      '---',
      ' x.ts | 1 +',
      '',
      'diff --git a/x.ts b/x.ts',
      '--- a/x.ts',
      '+++ b/x.ts',
      '@@ -1 +1,2 @@',
      ' a',
      '+b',
      '-- ',
      '2.39.5',
      '',
    ].join('\n');
    expect(parseUnifiedDiff(text)).toMatchObject([{ path: 'x.ts', addedLines: [{ start: 2, end: 2 }] }]);
  });

  it('gives no files for empty input', () => {
    expect(parseUnifiedDiff('')).toEqual([]);
    expect(parseUnifiedDiff('\n\n')).toEqual([]);
  });
});

describe('parseUnifiedDiff rejects malformed input with the line number', () => {
  const malformed: { name: string; text: string; message: string }[] = [
    {
      name: 'hunk declares more lines than the diff has',
      text: ['--- a/x.ts', '+++ b/x.ts', '@@ -1,2 +1,3 @@', ' a', '+b', ''].join('\n'),
      message: 'malformed diff at line 3 of changes.patch: hunk "@@ -1,2 +1,3 @@" ends early: the diff ended with 1 more old and 1 more new lines still due',
    },
    {
      name: 'hunk declares fewer lines than it has',
      text: ['--- a/x.ts', '+++ b/x.ts', '@@ -1 +1 @@', '-a', '+b', '+c', ''].join('\n'),
      message: 'malformed diff at line 6 of changes.patch: "+c" follows a complete hunk: the hunk\'s header counts fewer lines than it has',
    },
    {
      name: 'a line that is not part of a hunk where one is due',
      text: ['diff --git a/x.ts b/x.ts', '--- a/x.ts', '+++ b/x.ts', '@@ -1,2 +1,2 @@', ' a', 'garbage here', ''].join('\n'),
      message: 'malformed diff at line 6 of changes.patch: unexpected "garbage here" inside the hunk at line 4 (1 more old and 1 more new lines were due)',
    },
    {
      name: 'a next file header while a hunk still has lines due',
      text: ['diff --git a/x.ts b/x.ts', '--- a/x.ts', '+++ b/x.ts', '@@ -1,3 +1,3 @@', ' a', 'diff --git a/y.ts b/y.ts', ''].join('\n'),
      message: 'malformed diff at line 6 of changes.patch: unexpected "diff --git a/y.ts b/y.ts" inside the hunk at line 4 (2 more old and 2 more new lines were due)',
    },
    {
      name: 'a hunk header that does not parse',
      text: ['--- a/x.ts', '+++ b/x.ts', '@@ -one +two @@', ''].join('\n'),
      message: 'malformed diff at line 3 of changes.patch: hunk header "@@ -one +two @@" is not of the form "@@ -start,count +start,count @@"',
    },
    {
      name: 'a hunk without a file header',
      text: ['@@ -1 +1 @@', '-a', '+b', ''].join('\n'),
      message: 'malformed diff at line 1 of changes.patch: hunk without a file header: expected `diff --git` or `---`/`+++` lines before it',
    },
    {
      name: 'text that is not a diff',
      text: 'just some notes\nnot a diff at all\n',
      message: 'malformed diff at line 1 of changes.patch: no file header found: expected `diff --git` or `---`/`+++` lines',
    },
    {
      name: 'a combined (merge) diff',
      text: ['diff --cc x.ts', 'index 1,2..3', ''].join('\n'),
      message: 'malformed diff at line 1 of changes.patch: combined diffs of a merge are not supported: diff the merge result against one parent',
    },
  ];

  it.each(malformed)('$name', ({ text, message }) => {
    let error: unknown;
    try {
      parseUnifiedDiff(text, { source: 'changes.patch' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toBe(message);
  });
});

describe('addedLinesFromPatch (GitHub files[].patch)', () => {
  it('maps the added lines of several hunks, across a missing final newline', () => {
    const patch = ['@@ -1,3 +1,4 @@', ' import x', '+import y', ' ', ' a', '@@ -10,2 +11,3 @@ function f() {', ' b', '-c', '\\ No newline at end of file', '+c', '+d', '\\ No newline at end of file'].join('\n');
    expect(addedLinesFromPatch(patch)).toEqual([{ start: 2, end: 2 }, { start: 12, end: 13 }]);
  });

  it('gives no lines for an empty patch', () => {
    expect(addedLinesFromPatch('')).toEqual([]);
  });

  it('rejects a patch whose counts do not match', () => {
    expect(() => addedLinesFromPatch('@@ -1,2 +1,2 @@\n a\n')).toThrow(
      'malformed diff at line 1 of the patch: hunk "@@ -1,2 +1,2 @@" ends early: the diff ended with 1 more old and 1 more new lines still due',
    );
  });
});
