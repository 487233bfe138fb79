import type { FindingFix, TextEdit } from './finding.js';

export interface AppliedFixes<T> {
  text: string;
  applied: T[];
  /** Fixes not applied, with why: an edit overlaps an applied one, or its positions are not in the text. */
  skipped: Array<{ item: T; reason: string }>;
}

/**
 * Applies the fixes of one file's text in the order given. A fix whose edits overlap an already applied
 * edit is skipped whole: applying the first and leaving the rest for the next run is how ESLint's --fix
 * settles conflicts, and never leaves half a fix in the code. Insertions at the same place do not
 * conflict: they go in in the order given, and one identical to an applied one is not repeated (two
 * findings that extract the same constant share its declaration).
 */
export function applyFixes<T>(text: string, items: T[], fixOf: (item: T) => FindingFix): AppliedFixes<T> {
  const starts = lineStarts(text);
  const taken = new TakenSpans();
  const applied: T[] = [];
  const skipped: AppliedFixes<T>['skipped'] = [];
  for (const item of items) {
    const spans = fixOf(item).edits.map((edit) => spanOf(edit, starts, text.length));
    if (spans.some((s) => s === undefined)) {
      skipped.push({ item, reason: 'its positions are outside the file' });
      continue;
    }
    const own = [...(spans as Span[])].sort((a, b) => a.start - b.start);
    if (own.some((s, i) => i > 0 && overlaps(own[i - 1], s)) || own.some((s) => taken.conflicts(s))) {
      skipped.push({ item, reason: 'it overlaps another fix' });
      continue;
    }
    for (const span of own) taken.add(span);
    applied.push(item);
  }
  // One pass from the start: the text between spans, then each span's replacement.
  const parts: string[] = [];
  let at = 0;
  for (const span of taken.inOrder()) {
    parts.push(text.slice(at, span.start), span.text);
    at = span.end;
  }
  parts.push(text.slice(at));
  return { text: parts.join(''), applied, skipped };
}

interface Span {
  start: number;
  end: number;
  text: string;
}

/**
 * The accepted edits: replacements (disjoint, sorted by start) and insertions by offset (in the order
 * given). A replacement conflicts with one it overlaps and with an insertion at its start or inside it;
 * insertions at one place never conflict, and an identical one is made once (two findings that extract
 * the same constant share its declaration). Each check is a binary search, so many fixes stay fast.
 */
class TakenSpans {
  private readonly replacements: Span[] = [];
  private readonly insertions = new Map<number, Span[]>();
  private readonly insertionOffsets: number[] = [];

  conflicts(span: Span): boolean {
    const before = this.replacements[lastAtOrBefore(this.replacements, span.start)];
    if (span.start === span.end) return before !== undefined && (before.start === span.start || before.end > span.start);
    const next = this.replacements[lastAtOrBefore(this.replacements, span.start) + 1];
    if ((before && (before.start === span.start || before.end > span.start)) || (next && next.start < span.end)) return true;
    // An insertion at the replacement's start or inside it.
    const offsets = this.insertionOffsets;
    const first = lastAtOrBefore(offsets, span.start - 1) + 1;
    return first < offsets.length && offsets[first] < span.end;
  }

  add(span: Span): void {
    if (span.start !== span.end) {
      this.replacements.splice(lastAtOrBefore(this.replacements, span.start) + 1, 0, span);
      return;
    }
    const here = this.insertions.get(span.start);
    if (here?.some((s) => s.text === span.text)) return;
    if (here) here.push(span);
    else {
      this.insertions.set(span.start, [span]);
      this.insertionOffsets.splice(lastAtOrBefore(this.insertionOffsets, span.start) + 1, 0, span.start);
    }
  }

  /** By offset (a replacement and an insertion never share one: that conflicts); insertions in the order given. */
  inOrder(): Span[] {
    const inserted = this.insertionOffsets.flatMap((o) => this.insertions.get(o)!);
    const merged: Span[] = [];
    let r = 0;
    for (const span of inserted) {
      while (r < this.replacements.length && this.replacements[r].start < span.start) merged.push(this.replacements[r++]);
      merged.push(span);
    }
    return [...merged, ...this.replacements.slice(r)];
  }
}

/** Index of the last element at or before `offset` (-1: none), in spans sorted by start or sorted offsets. */
function lastAtOrBefore(sorted: ReadonlyArray<{ start: number } | number>, offset: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    const item = sorted[mid];
    if ((typeof item === 'number' ? item : item.start) <= offset) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}

function overlaps(a: Span, b: Span): boolean {
  const insertion = (s: Span) => s.start === s.end;
  if (insertion(a) && insertion(b)) return false;
  return a.start === b.start || (a.start < b.end && b.start < a.end);
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

/** Offsets of a 1-based (line, column) range; undefined when it is not inside the text. */
function spanOf(edit: TextEdit, starts: number[], length: number): Span | undefined {
  const offset = (line: number, column: number) => {
    const lineStart = starts[line - 1];
    if (lineStart === undefined || column < 1) return undefined;
    const lineEnd = line < starts.length ? starts[line] - 1 : length;
    return lineStart + column - 1 <= lineEnd ? lineStart + column - 1 : undefined;
  };
  const start = offset(edit.line, edit.column);
  const end = offset(edit.endLine, edit.endColumn);
  if (start === undefined || end === undefined || end < start) return undefined;
  return { start, end, text: edit.text };
}
