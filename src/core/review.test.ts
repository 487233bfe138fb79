import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SyntaxKind } from 'ts-morph';
import { defineCheck } from './check.js';
import type { ChangeSet, ChangedFile } from './changes/change-set.js';
import { failsGate, review, type ReviewSettings } from './review.js';
import { writeBaseline } from './baseline.js';
import type { Checklist } from './checklist-status.js';

/** Reports every call named `query`, with the enclosing function declaration as a related location. */
const queryCalls = defineCheck({
  id: 'query-call',
  meta: {
    title: 'query call',
    description: 'test check',
    checklistItem: 'performs.n-plus-one',
    defaultSeverity: 'warning',
    messages: { call: '`{{text}}` is a query' },
  },
  run(context) {
    for (const file of context.files) {
      for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
        if (call.getExpression().getText() !== 'query') continue;
        const fn = call.getFirstAncestorByKind(SyntaxKind.FunctionDeclaration);
        context.report({ node: call, messageId: 'call', data: { text: call.getText() }, related: fn ? [{ node: fn, message: 'in this function' }] : [] });
      }
    }
  },
});

/** The same check, declared as one whose findings in unchanged importers can point at changed lines. */
const withContext = defineCheck({ ...queryCalls, id: 'query-call-context', meta: { ...queryCalls.meta, needsContext: true } });

const checklist: Checklist = {
  id: 't',
  title: 'Test checklist',
  sections: [{ id: 'performs', title: 'Performs', items: [{ id: 'performs.n-plus-one', title: 'N+1', rules: ['query-call'], manual: false }] }],
};
const settings = (extra: Partial<ReviewSettings> = {}): ReviewSettings => ({ include: [], exclude: [], rules: {}, catalog: {}, checklist, ...extra });

function repo(files: Record<string, string>, changed: Record<string, Array<[number, number]>>): ChangeSet {
  const root = mkdtempSync(path.join(tmpdir(), 'plumbline-review-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  const changedFiles: ChangedFile[] = Object.entries(changed).map(([p, ranges]) => ({
    path: p, status: 'modified', binary: false, modeOnly: false, addedLines: ranges.map(([start, end]) => ({ start, end })),
  }));
  return {
    root, description: 'test', files: changedFiles, notices: [],
    readNew: async (p) => { try { return readFileSync(path.join(root, p), 'utf8'); } catch { return undefined; } },
    readBase: async () => undefined,
  };
}

const code = [
  'export function load(ids: string[]) {', // 1
  '  for (const id of ids) {', // 2
  '    query(id);', // 3
  '  }', // 4
  '}', // 5
  'query("x");', // 6
].join('\n');

describe('review pipeline', () => {
  it('reports findings on changed lines only, and every finding with --all', async () => {
    const changes = repo({ 'src/a.ts': code }, { 'src/a.ts': [[3, 3]] });
    const diff = await review({ changes, settings: settings(), checks: [queryCalls] });
    expect(diff.findings.map((f) => [f.line, f.column, f.ruleId, f.severity, f.checklistItem])).toEqual([[3, 5, 'query-call', 'warning', 'performs.n-plus-one']]);
    expect(diff.checklist[0]).toMatchObject({ status: 'failed', findings: 1 });
    const all = await review({ changes, settings: settings(), checks: [queryCalls], all: true, allFiles: ['src/a.ts'] });
    expect(all.findings.map((f) => f.line)).toEqual([3, 6]);
  });

  it('gives the importers of the changed files only to checks that need context', async () => {
    const changes = repo({ 'src/a.ts': code, 'src/b.ts': "import { load } from './a.js';\nload([]);\n" }, { 'src/a.ts': [[3, 3]] });
    const seen: Record<string, string[]> = {};
    const spy = (check: typeof queryCalls) => ({ ...check, run: (context: Parameters<typeof check.run>[0]) => { seen[check.id] = context.files.map((f) => path.basename(f.getFilePath())); return check.run(context); } });
    await review({ changes, settings: settings(), checks: [spy(queryCalls), spy(withContext)] });
    expect(seen).toEqual({ 'query-call': ['a.ts'], 'query-call-context': ['a.ts', 'b.ts'] });
    // No check needs context: the importers are not even looked for.
    const alone = await review({ changes, settings: settings(), checks: [queryCalls] });
    expect(alone.stats.contextFiles).toBe(0);
  });

  it('reports the time of each phase and each check in stats', async () => {
    const changes = repo({ 'src/a.ts': code, 'src/b.ts': "import { load } from './a.js';\nload([]);\n" }, { 'src/a.ts': [[3, 3]] });
    const result = await review({ changes, settings: settings(), checks: [withContext], changesMs: 7 });
    expect(result.stats.contextFiles).toBe(1);
    expect(result.stats.phases).toEqual({
      changes: 7,
      dependents: expect.any(Number),
      projectLoad: expect.any(Number),
      checks: { 'query-call-context': expect.any(Number) },
      explain: 0,
      report: expect.any(Number),
    });
    // Loading a TypeScript project takes measurable time; the phases add up to at most the whole.
    expect(result.stats.phases.projectLoad).toBeGreaterThan(0);
    const { phases } = result.stats;
    expect(phases.dependents + phases.projectLoad + phases.checks['query-call-context'] + phases.explain + phases.report).toBeLessThanOrEqual(result.stats.durationMs + 5);
  });

  it('keeps a finding when only a related location changed', async () => {
    const changes = repo({ 'src/a.ts': code }, { 'src/a.ts': [[1, 1]] });
    const result = await review({ changes, settings: settings(), checks: [queryCalls] });
    expect(result.findings.map((f) => f.line)).toEqual([3]);
    expect(result.findings[0].related).toEqual([{ path: 'src/a.ts', line: 1, column: 1, message: 'in this function' }]);
  });

  it('honours suppressions, config severity, off, and the baseline', async () => {
    const suppressed = code.replace('    query(id);', '    query(id); // plumbline-ignore query-call -- ids has at most 2 entries');
    const changes = repo({ 'src/a.ts': suppressed }, { 'src/a.ts': [[1, 6]] });
    const result = await review({ changes, settings: settings({ rules: { 'query-call': { severity: 'error' } } }), checks: [queryCalls] });
    expect(result.findings.map((f) => [f.line, f.severity])).toEqual([[6, 'error']]);
    expect(result.stats.suppressed).toBe(1);
    expect(failsGate(result, 'error')).toBe(true);
    expect(failsGate(result, 'never')).toBe(false);

    const off = await review({ changes, settings: settings({ rules: { 'query-call': { severity: 'off' } } }), checks: [queryCalls] });
    expect(off.findings).toEqual([]);
    expect(off.checklist[0].status).toBe('manual');

    await writeBaseline(changes.root, '.plumbline-baseline.json', result.findings);
    const baselined = await review({ changes, settings: settings({ baseline: '.plumbline-baseline.json' }), checks: [queryCalls] });
    expect(baselined.findings).toEqual([]);
    expect(baselined.stats.baselined).toBe(1);
    expect(baselined.checklist[0].status).toBe('passed');
  });

  it('reports an invalid suppression as the pipeline rule invalid-suppression, which `off` silences like any rule', async () => {
    const unexplained = code.replace('    query(id);', '    query(id); // plumbline-ignore query-call');
    const changes = repo({ 'src/a.ts': unexplained }, { 'src/a.ts': [[3, 3]] });
    const reported = await review({ changes, settings: settings(), checks: [queryCalls] });
    expect(reported.findings.map((f) => [f.line, f.ruleId])).toEqual([[3, 'query-call'], [3, 'invalid-suppression']]);
    const off = await review({ changes, settings: settings({ rules: { 'invalid-suppression': { severity: 'off' } } }), checks: [queryCalls] });
    expect(off.findings.map((f) => [f.line, f.ruleId])).toEqual([[3, 'query-call']]);
  });

  it('a suppression above a loop silences the finding inside it; one that silences nothing is reported as info', async () => {
    const aboveLoop = code.replace('  for (const id of ids) {', '  // plumbline-ignore-next-line query-call -- ids has at most 2 entries\n  for (const id of ids) {');
    const changes = repo({ 'src/a.ts': aboveLoop }, { 'src/a.ts': [[1, 7]] });
    const result = await review({ changes, settings: settings(), checks: [queryCalls] });
    expect(result.findings.map((f) => [f.line, f.ruleId])).toEqual([[7, 'query-call']]);
    expect(result.stats.suppressed).toBe(1);

    const stale = code.replace('query("x");', '// plumbline-ignore-next-line query-call -- fixed since\nconst x = 1;');
    const staleChanges = repo({ 'src/a.ts': stale }, { 'src/a.ts': [[6, 7]] });
    const reported = await review({ changes: staleChanges, settings: settings(), checks: [queryCalls] });
    expect(reported.findings.map((f) => [f.line, f.ruleId, f.severity])).toEqual([[6, 'invalid-suppression', 'info']]);
    // A rule that did not run (switched off) does not make its suppressions "unused".
    const off = await review({ changes: staleChanges, settings: settings({ rules: { 'query-call': { severity: 'off' } } }), checks: [queryCalls] });
    expect(off.findings).toEqual([]);
  });

  it('notes files with syntax errors and files over 1 MB, and reviews the rest', async () => {
    const changes = repo(
      { 'src/a.ts': code, 'src/broken.ts': 'export function (', 'src/big.js': `query(1);\n${'// padding\n'.repeat(110_000)}` },
      { 'src/a.ts': [[3, 3]], 'src/broken.ts': [[1, 1]], 'src/big.js': [[1, 1]] },
    );
    const result = await review({ changes, settings: settings(), checks: [queryCalls] });
    expect(result.findings.map((f) => `${f.path}:${f.line}`)).toEqual(['src/a.ts:3']);
    expect(result.notices).toEqual(expect.arrayContaining([
      expect.stringMatching(/^src\/big\.js: skipped, larger than 1 MB/),
      expect.stringMatching(/^src\/broken\.ts:1: syntax error .*; file not reviewed$/),
    ]));
  });

  it('uses the nearest tsconfig of each file (monorepo packages) and respects exclude globs', async () => {
    const changes = repo(
      {
        'packages/a/tsconfig.json': '{ "compilerOptions": { "strict": true } }',
        'packages/a/src/x.ts': 'query(1);',
        'packages/b/tsconfig.json': '{ "compilerOptions": { "strict": false } }',
        'packages/b/src/y.ts': 'query(2);',
        'packages/b/src/y.generated.ts': 'query(3);',
      },
      { 'packages/a/src/x.ts': [[1, 1]], 'packages/b/src/y.ts': [[1, 1]], 'packages/b/src/y.generated.ts': [[1, 1]] },
    );
    const result = await review({ changes, settings: settings({ exclude: ['**/*.generated.ts'] }), checks: [queryCalls] });
    expect(result.findings.map((f) => f.path)).toEqual(['packages/a/src/x.ts', 'packages/b/src/y.ts']);
    expect(result.frames[result.findings[0].fingerprint]).toEqual({ startLine: 1, lines: ['query(1);'] });
  });
});
