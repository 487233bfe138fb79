import { describe, expect, it } from 'vitest';
import { applyFixes } from './apply-edits.js';
import type { FindingFix, TextEdit } from './finding.js';

const edit = (line: number, column: number, endLine: number, endColumn: number, text: string): TextEdit => ({ path: 'a.ts', line, column, endLine, endColumn, text });
const fix = (...edits: TextEdit[]): FindingFix => ({ description: 'test', safe: true, edits });
const apply = (text: string, fixes: FindingFix[]) => applyFixes(text, fixes, (f) => f);

describe('applyFixes', () => {
  it('replaces and inserts by 1-based line and column, end exclusive', () => {
    const text = 'const a = 1;\nsetTimeout(f, 5000);\n';
    const result = apply(text, [fix(edit(2, 1, 2, 1, 'const DELAY_MS = 5000;\n'), edit(2, 15, 2, 19, 'DELAY_MS'))]);
    expect(result.text).toBe('const a = 1;\nconst DELAY_MS = 5000;\nsetTimeout(f, DELAY_MS);\n');
    expect(result.skipped).toEqual([]);
  });

  it('applies several fixes of one file, edits on later lines first so earlier positions stay right', () => {
    const text = 'f(10);\ng(20);\n';
    const result = apply(text, [fix(edit(1, 3, 1, 5, 'TEN')), fix(edit(2, 3, 2, 5, 'TWENTY'))]);
    expect(result.text).toBe('f(TEN);\ng(TWENTY);\n');
  });

  it('applies the first of two overlapping fixes and skips the whole second one', () => {
    const text = 'f(10);\n';
    const first = fix(edit(1, 1, 1, 1, 'const TEN = 10;\n'), edit(1, 3, 1, 5, 'TEN'));
    const second = fix(edit(1, 1, 1, 1, 'const NUMBER = 10;\n'), edit(1, 3, 1, 5, 'NUMBER'));
    const result = apply(text, [first, second]);
    expect(result.text).toBe('const TEN = 10;\nf(TEN);\n');
    expect(result.applied).toEqual([first]);
    expect(result.skipped).toEqual([{ item: second, reason: 'it overlaps another fix' }]);
  });

  it('inserts at one place in the order given, an identical insertion once; a replacement there conflicts', () => {
    expect(apply('ab', [fix(edit(1, 2, 1, 2, 'x')), fix(edit(1, 2, 1, 2, 'y'))]).text).toBe('axyb');
    const shared = apply('f(5);\ng(5);\n', [fix(edit(1, 1, 1, 1, 'const FIVE = 5;\n'), edit(1, 3, 1, 4, 'FIVE')), fix(edit(1, 1, 1, 1, 'const FIVE = 5;\n'), edit(2, 3, 2, 4, 'FIVE'))]);
    expect(shared.text).toBe('const FIVE = 5;\nf(FIVE);\ng(FIVE);\n');
    expect(apply('ab', [fix(edit(1, 2, 1, 2, 'x')), fix(edit(1, 2, 1, 3, 'y'))]).skipped).toHaveLength(1);
    expect(apply('ab', [fix(edit(1, 1, 1, 2, 'x')), fix(edit(1, 2, 1, 3, 'y'))]).text).toBe('xy');
  });

  it('skips a fix whose positions are not in the text (the file is shorter than when it was analysed)', () => {
    const gone = fix(edit(3, 1, 3, 4, 'x'));
    const result = apply('one line\n', [gone, fix(edit(1, 1, 1, 4, 'ONE'))]);
    expect(result.text).toBe('ONE line\n');
    expect(result.skipped).toEqual([{ item: gone, reason: 'its positions are outside the file' }]);
    expect(apply('ab\ncd', [fix(edit(1, 2, 1, 9, 'x'))]).skipped).toHaveLength(1);
  });

  it('an insertion inside a replacement, or a replacement over an insertion, conflicts; at its end it does not', () => {
    expect(apply('abcdef', [fix(edit(1, 2, 1, 5, 'X')), fix(edit(1, 3, 1, 3, 'i'))]).skipped).toHaveLength(1);
    expect(apply('abcdef', [fix(edit(1, 3, 1, 3, 'i')), fix(edit(1, 2, 1, 5, 'X'))]).skipped).toHaveLength(1);
    expect(apply('abcdef', [fix(edit(1, 2, 1, 5, 'X')), fix(edit(1, 5, 1, 5, 'i')), fix(edit(1, 1, 1, 1, 'j'))]).text).toBe('jaXief');
    expect(apply('abcdef', [fix(edit(1, 4, 1, 6, 'Y')), fix(edit(1, 1, 1, 3, 'X')), fix(edit(1, 2, 1, 5, 'Z'))]).text).toBe('XcYf');
  });
});
