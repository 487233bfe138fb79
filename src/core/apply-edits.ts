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
  const taken: Span[] = [];
  const kept: Span[] = [];
  const applied: T[] = [];
  const skipped: AppliedFixes<T>['skipped'] = [];
  for (const item of items) {
    const spans = fixOf(item).edits.map((edit) => spanOf(edit, starts, text.length));
    if (spans.some((s) => s === undefined)) {
      skipped.push({ item, reason: 'its positions are outside the file' });
    } else if (spans.some((s, i) => spans.some((o, j) => i < j && overlaps(s!, o!)) || taken.some((t) => overlaps(s!, t)))) {
      skipped.push({ item, reason: 'it overlaps another fix' });
    } else {
      for (const span of spans as Span[]) {
        if (!taken.some((t) => sameInsertion(span, t))) kept.push(span);
        taken.push(span);
      }
      applied.push(item);
    }
  }
  let result = text;
  // From the end, so earlier offsets stay right; insertions at one place end up in the order given.
  const order = kept.map((span, index) => ({ span, index })).sort((a, b) => b.span.start - a.span.start || b.index - a.index);
  for (const { span } of order) result = result.slice(0, span.start) + span.text + result.slice(span.end);
  return { text: result, applied, skipped };
}

interface Span {
  start: number;
  end: number;
  text: string;
}

function overlaps(a: Span, b: Span): boolean {
  const insertion = (s: Span) => s.start === s.end;
  if (insertion(a) && insertion(b)) return false;
  return a.start === b.start || (a.start < b.end && b.start < a.end);
}

function sameInsertion(a: Span, b: Span): boolean {
  return a.start === a.end && b.start === b.end && a.start === b.start && a.text === b.text;
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
