import { describe, expect, it } from 'vitest';
import { Project } from 'ts-morph';
import { isSuppressed, parseSuppressions, unusedSuppressions } from './suppressions.js';
import { widenToStatements } from './suppression-scope.js';
import type { FindingDraft } from './finding.js';

const known = (id: string) => ['n-plus-one', 'pii-in-logs'].includes(id);
const at = (line: number, ruleId = 'n-plus-one'): FindingDraft => ({ ruleId, path: 'a.ts', line, column: 1, endLine: line, endColumn: 5, message: 'm' });

describe('parseSuppressions', () => {
  it('applies -next-line to the next code line and a trailing directive to its own line', () => {
    const text = [
      '// plumbline-ignore-next-line n-plus-one -- ids are capped at 3 by the schema',
      'for (const id of ids) await repo.find(id);',
      'log(user.email); // plumbline-ignore pii-in-logs -- test fixture address',
    ].join('\n');
    const { suppressions, problems } = parseSuppressions('a.ts', text, known);
    expect(problems).toEqual([]);
    expect(suppressions).toEqual([
      { path: 'a.ts', line: 2, endLine: 2, rules: ['n-plus-one'], comment: { line: 1, column: 1, endColumn: 78 } },
      { path: 'a.ts', line: 3, endLine: 3, rules: ['pii-in-logs'], comment: { line: 3, column: 18, endColumn: 73 } },
    ]);
    expect(isSuppressed(at(2), suppressions)).toBe(true);
    expect(isSuppressed(at(2, 'pii-in-logs'), suppressions)).toBe(false);
    expect(isSuppressed(at(3, 'pii-in-logs'), suppressions)).toBe(true);
    expect(isSuppressed(at(1), suppressions)).toBe(false);
  });

  it('reports a suppression without a reason and does not apply it', () => {
    const { suppressions, problems } = parseSuppressions('a.ts', '// plumbline-ignore-next-line n-plus-one\nx();', known);
    expect(suppressions).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ ruleId: 'invalid-suppression', line: 1, column: 1 });
    expect(problems[0].message).toContain('has no reason');
  });

  it('reports a suppression that names an unknown rule', () => {
    const { problems } = parseSuppressions('a.ts', 'x(); // plumbline-ignore n-plus-two -- typo', known);
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toContain('unknown rule `n-plus-two`');
    expect(problems[0].column).toBe(6);
  });

  it('skips further comment lines between the directive and the code', () => {
    const text = '// plumbline-ignore-next-line n-plus-one -- bounded\n// a second comment\nfor (;;) q();';
    expect(parseSuppressions('a.ts', text, known).suppressions[0].line).toBe(3);
  });
});

describe('suppression scope and unused suppressions', () => {
  const text = [
    'export async function load(ids: string[]) {', // 1
    '  // plumbline-ignore-next-line n-plus-one -- at most 3 ids, capped by the schema', // 2
    '  for (const id of ids) {', // 3
    '    await repo.find(id);', // 4
    '  }', // 5
    '  await repo.find(ids[0]);', // 6
    '}', // 7
  ].join('\n');
  const file = new Project({ useInMemoryFileSystem: true }).createSourceFile('/a.ts', text);
  const widened = () => widenToStatements(parseSuppressions('a.ts', text, known).suppressions, new Map([['a.ts', file]]));

  it('a suppression above a statement covers every line of it, and nothing after it', () => {
    expect(widened()).toMatchObject([{ line: 3, endLine: 5 }]);
    expect(isSuppressed(at(4), widened())).toBe(true);
    expect(isSuppressed(at(6), widened())).toBe(false);
    // Without a syntax tree (a .sql file) it stays on its line.
    expect(widenToStatements(parseSuppressions('a.ts', text, known).suppressions, new Map())).toMatchObject([{ line: 3, endLine: 3 }]);
  });

  it('reports a suppression that silenced nothing, at the comment, as info; not for a rule that did not run', () => {
    expect(unusedSuppressions(widened(), [at(4)], () => true)).toEqual([]);
    const unused = unusedSuppressions(widened(), [at(6)], () => true);
    expect(unused).toEqual([
      expect.objectContaining({ ruleId: 'invalid-suppression', severity: 'info', path: 'a.ts', line: 2, column: 3 }),
    ]);
    expect(unused[0].message).toBe('Suppression of `n-plus-one` silences nothing: no such finding on lines 3–5. Remove it, or it will hide a future finding nobody has seen.');
    expect(unusedSuppressions(widened(), [], () => false)).toEqual([]);
  });
});
