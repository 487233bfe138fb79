import { describe, expect, it } from 'vitest';
import type { FindingFix } from '../core/finding.js';
import { text } from './text.js';
import { finding, reviewResult } from '../../test/support/review-results.js';

const fix = (safe: boolean): FindingFix => ({ description: 'd', safe, edits: [{ path: 'src/a.ts', line: 1, column: 1, endLine: 1, endColumn: 2, text: 'x' }] });

describe('text report: fixable findings', () => {
  it('counts the findings `review --fix` would fix (safe ones only) in the summary line', () => {
    const result = reviewResult({ findings: [finding({ path: 'src/a.ts', line: 1, fix: fix(true) }), finding({ path: 'src/a.ts', line: 2, fix: fix(false) }), finding({ path: 'src/a.ts', line: 3 })] });
    const last = text(result, { color: false }).trimEnd().split('\n').at(-1);
    expect(last).toMatch(/ · 1 fixable with `plumbline review --fix`$/);
  });

  it('says nothing when no fix is safe', () => {
    const result = reviewResult({ findings: [finding({ path: 'src/a.ts', line: 2, fix: fix(false) })] });
    expect(text(result, { color: false })).not.toContain('fixable');
  });
});
