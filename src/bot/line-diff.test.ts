import { describe, expect, it } from 'vitest';
import { addedLinesBetween } from './line-diff.js';

const text = (...lines: string[]) => `${lines.join('\n')}\n`;

describe('addedLinesBetween (files whose patch GitHub leaves out)', () => {
  it.each([
    ['insert in the middle and at the end', text('a', 'b', 'c'), text('a', 'x', 'b', 'c', 'y'), [{ start: 2, end: 2 }, { start: 5, end: 5 }]],
    ['replaced lines', text('a', 'b', 'c', 'd'), text('a', 'B', 'c', 'D'), [{ start: 2, end: 2 }, { start: 4, end: 4 }]],
    ['new content', '', text('a', 'b'), [{ start: 1, end: 2 }]],
    ['no change', text('a', 'b'), text('a', 'b'), []],
    ['deletions only', text('a', 'b', 'c'), text('a', 'c'), []],
    ['moved line counts where it lands', text('x', 'y', 'z'), text('q', 'x', 'z', 'w'), [{ start: 1, end: 1 }, { start: 4, end: 4 }]],
    ['CRLF and LF compare equal', 'a\r\nb\r\n', 'a\nb\nc\n', [{ start: 3, end: 3 }]],
  ])('%s', (_name, base, head, expected) => {
    expect(addedLinesBetween(base, head)).toEqual(expected);
  });

  it('handles a large file with a few edits quickly', () => {
    const base = Array.from({ length: 20_000 }, (_, i) => `line ${i}`);
    const head = [...base];
    head.splice(10_000, 0, 'inserted');
    head[15_000] = 'changed';
    const started = performance.now();
    expect(addedLinesBetween(text(...base), text(...head))).toEqual([{ start: 10_001, end: 10_001 }, { start: 15_001, end: 15_001 }]);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
