import type { FindingFix, TextEdit } from './finding.js';

export interface AppliedFixes<T> {
  text: string;
  applied: T[];
  /** Fixes not applied, with why: an edit overlaps an applied one, or its positions are not in the text. */
  skipped: Array<{ item: T; reason: string }>;
}

/**
 * Applies the fixes of one file's text in the order given. A fix whose edits overlap an already applied
 * edit (or insert at the same place) is skipped whole: applying the first and leaving the rest for the
 * next run is how ESLint's --fix settles conflicts, and never leaves half a fix in the code.
 */
export function applyFixes<T>(text: string, items: T[], fixOf: (item: T) => FindingFix): AppliedFixes<T> {
  const starts = lineStarts(text);
  const taken: Span[] = [];
  const applied: T[] = [];
  const skipped: AppliedFixes<T>['skipped'] = [];
  for (const item of items) {
    const spans = fixOf(item).edits.map((edit) => spanOf(edit, starts, text.length));
    if (spans.some((s) => s === undefined)) {
      skipped.push({ item, reason: 'its positions are outside the file' });
    } else if (spans.some((s, i) => spans.some((o, j) => i < j && overlaps(s!, o!)) || taken.some((t) => overlaps(s!, t)))) {
      skipped.push({ item, reason: 'it overlaps another fix' });
    } else {
      taken.push(...(spans as Span[]));
      applied.push(item);
    }
  }
  let result = text;
  for (const span of [...taken].sort((a, b) => b.start - a.start)) result = result.slice(0, span.start) + span.text + result.slice(span.end);
  return { text: result, applied, skipped };
}

interface Span {
  start: number;
  end: number;
  text: string;
}

function overlaps(a: Span, b: Span): boolean {
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
