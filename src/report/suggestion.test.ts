import { describe, expect, it } from 'vitest';
import type { FindingFix } from '../core/finding.js';
import { suggestionBlock } from './suggestion.js';
import { finding } from '../../test/support/review-results.js';

const frame = { startLine: 2, lines: ['export function ship(orderId: string) {', '  logger.info(`order ${orderId} shipped`);', '}'] };
const fix = (line: number, column: number, endLine: number, endColumn: number, text: string): FindingFix => ({ description: 'd', safe: false, edits: [{ path: 'src/a.ts', line, column, endLine, endColumn, text }] });

describe('suggestionBlock', () => {
  it('is the commented lines with the fix applied, in a fence longer than any backticks in them', () => {
    const f = finding({ path: 'src/a.ts', line: 3, fix: fix(3, 15, 3, 41, "'order shipped', { orderId }") });
    expect(suggestionBlock(f, frame, 3, 3)).toBe("```suggestion\n  logger.info('order shipped', { orderId });\n```");
    const fenced = finding({ path: 'src/a.ts', line: 3, fix: fix(3, 15, 3, 41, "'```'") });
    expect(suggestionBlock(fenced, frame, 3, 3)).toBe("````suggestion\n  logger.info('```');\n````");
  });

  it('covers several commented lines', () => {
    const f = finding({ path: 'src/a.ts', line: 2, fix: fix(3, 15, 3, 41, "'x'") });
    expect(suggestionBlock(f, frame, 2, 4)).toBe("```suggestion\nexport function ship(orderId: string) {\n  logger.info('x');\n}\n```");
  });

  it('is none when an edit is outside the commented lines (a constant declared at the top), or the frame does not hold them', () => {
    const outside: FindingFix = { description: 'd', safe: true, edits: [{ path: 'src/a.ts', line: 1, column: 1, endLine: 1, endColumn: 1, text: 'const X = 1;\n' }, { path: 'src/a.ts', line: 3, column: 3, endLine: 3, endColumn: 9, text: 'X' }] };
    expect(suggestionBlock(finding({ path: 'src/a.ts', line: 3, fix: outside }), frame, 3, 3)).toBeUndefined();
    expect(suggestionBlock(finding({ path: 'src/a.ts', line: 3, fix: fix(3, 3, 3, 9, 'x') }), undefined, 3, 3)).toBeUndefined();
    expect(suggestionBlock(finding({ path: 'src/a.ts', line: 3, fix: fix(3, 3, 3, 9, 'x') }), frame, 3, 5)).toBeUndefined();
    expect(suggestionBlock(finding({ path: 'src/a.ts', line: 3 }), frame, 3, 3)).toBeUndefined();
  });
});
