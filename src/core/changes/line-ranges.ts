import type { LineRange } from './change-set.js';

/** Turns line numbers (in any order, duplicates allowed) into sorted, merged inclusive ranges. */
export function toLineRanges(lines: Iterable<number>): LineRange[] {
  const sorted = [...new Set(lines)].sort((a, b) => a - b);
  const ranges: LineRange[] = [];
  for (const line of sorted) {
    const last = ranges[ranges.length - 1];
    if (last && line === last.end + 1) last.end = line;
    else ranges.push({ start: line, end: line });
  }
  return ranges;
}

/** Every line of a text, as ranges: how an untracked or wholly new file is changed. */
export function allLinesOf(text: string): LineRange[] {
  if (text.length === 0) return [];
  const newlines = text.split('\n').length - 1;
  const count = text.endsWith('\n') ? newlines : newlines + 1;
  return [{ start: 1, end: count }];
}
