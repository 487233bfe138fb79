import { describe, expect, it } from 'vitest';
import { isSuppressed, parseSuppressions } from './suppressions.js';
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
      { path: 'a.ts', line: 2, rules: ['n-plus-one'] },
      { path: 'a.ts', line: 3, rules: ['pii-in-logs'] },
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
