import type { LineRange } from '../core/changes/change-set.js';
import { toLineRanges } from '../core/changes/line-ranges.js';

/** Beyond this many edits the middle of the file is taken as changed as a whole (Myers is O(N·D)). */
const MAX_EDITS = 2_000;

/**
 * Lines of `head` that are not in `base`, for files whose patch GitHub leaves out (large diffs):
 * common prefix and suffix off, then Myers' shortest edit script over the rest.
 */
export function addedLinesBetween(base: string, head: string): LineRange[] {
  const a = splitLines(base);
  const b = splitLines(head);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const added = insertedIndexes(a.slice(start, endA), b.slice(start, endB));
  return toLineRanges(added.map((i) => start + i + 1));
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Indexes in `b` of the lines an edit script from `a` to `b` inserts. */
function insertedIndexes(a: string[], b: string[]): number[] {
  const all = () => b.map((_, i) => i);
  if (a.length === 0 || b.length === 0) return all();
  const n = a.length;
  const m = b.length;
  const offset = n + m;
  const v = new Int32Array(2 * offset + 2);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= Math.min(n + m, MAX_EDITS); d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, offset, n, m);
    }
  }
  return all();
}

function backtrack(trace: Int32Array[], offset: number, n: number, m: number): number[] {
  const inserted: number[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const v = trace[d];
    const k = x - y;
    const down = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]);
    const prevK = down ? k + 1 : k - 1;
    const prevX = v[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
    }
    if (down) inserted.push(prevY);
    x = prevX;
    y = prevY;
  }
  return inserted.reverse();
}
