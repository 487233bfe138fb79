import type { ChalkInstance } from 'chalk';
import type { SourceRange } from '../core/finding.js';
import type { CodeFrame } from '../core/review-result.js';

/** Longer lines (minified or generated code) are shown as a window around the finding. */
const MAX_WIDTH = 160;
const LEAD = 40;

/**
 * Renders source lines with line numbers, marks the lines of the range with ">" and underlines the
 * range's columns on its first line (to the end of that line when the range spans several lines).
 * Columns are 1-based and endColumn is exclusive, as in the Finding contract.
 */
export function renderCodeFrame(frame: CodeFrame, range: SourceRange, paint: ChalkInstance, accent: ChalkInstance): string[] {
  const lastLine = frame.startLine + frame.lines.length - 1;
  const width = String(lastLine).length;
  const lines = frame.lines.map((l) => l.trimEnd());
  // One window for every line, so the lines stay aligned with each other.
  const windowStart = lines.some((l) => l.length > MAX_WIDTH) ? Math.max(0, range.column - 1 - LEAD) : 0;
  const out: string[] = [];
  lines.forEach((text, i) => {
    const lineNumber = frame.startLine + i;
    const shown = clip(text, windowStart);
    const inRange = lineNumber >= range.line && lineNumber <= range.endLine;
    const gutter = `${inRange ? accent('>') : ' '} ${paint.dim(`${String(lineNumber).padStart(width)} │`)}`;
    out.push(shown ? `${gutter} ${shown}` : gutter);
    if (lineNumber === range.line) out.push(`  ${paint.dim(`${' '.repeat(width)} │`)} ${accent(underline(text, range, windowStart))}`);
  });
  return out;
}

function clip(text: string, start: number): string {
  if (start === 0 && text.length <= MAX_WIDTH) return text;
  const body = text.slice(start, start + MAX_WIDTH);
  return `${start > 0 ? '…' : ''}${body}${start + MAX_WIDTH < text.length ? '…' : ''}`;
}

/** Spaces up to the column (tabs kept, so the carets line up with the code) and carets under the range. */
function underline(text: string, range: SourceRange, windowStart: number): string {
  const visibleEnd = Math.min(text.length, windowStart + MAX_WIDTH);
  const start = Math.min(Math.max(range.column - 1, windowStart), visibleEnd);
  const end = range.endLine === range.line ? Math.min(range.endColumn - 1, visibleEnd) : visibleEnd;
  const lead = (windowStart > 0 ? ' ' : '') + text.slice(windowStart, start).replace(/[^\t]/g, ' ');
  return `${lead}${'^'.repeat(Math.max(end - start, 1))}`;
}
