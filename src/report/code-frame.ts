import type { ChalkInstance } from 'chalk';
import type { SourceRange } from '../core/finding.js';
import type { CodeFrame } from '../core/review-result.js';

/**
 * Renders source lines with line numbers, marks the lines of the range with ">" and underlines the
 * range's columns on its first line (to the end of that line when the range spans several lines).
 * Columns are 1-based and endColumn is exclusive, as in the Finding contract.
 */
export function renderCodeFrame(frame: CodeFrame, range: SourceRange, paint: ChalkInstance, accent: ChalkInstance): string[] {
  const lastLine = frame.startLine + frame.lines.length - 1;
  const width = String(lastLine).length;
  const out: string[] = [];
  frame.lines.forEach((raw, i) => {
    const lineNumber = frame.startLine + i;
    const text = raw.trimEnd();
    const inRange = lineNumber >= range.line && lineNumber <= range.endLine;
    const gutter = `${inRange ? accent('>') : ' '} ${paint.dim(`${String(lineNumber).padStart(width)} │`)}`;
    out.push(text ? `${gutter} ${text}` : gutter);
    if (lineNumber === range.line) out.push(`  ${paint.dim(`${' '.repeat(width)} │`)} ${accent(underline(text, range))}`);
  });
  return out;
}

/** Spaces up to the column (tabs kept, so the carets line up with the code) and carets under the range. */
function underline(text: string, range: SourceRange): string {
  const start = Math.min(Math.max(range.column - 1, 0), text.length);
  const end = range.endLine === range.line ? Math.min(range.endColumn - 1, text.length) : text.length;
  const lead = text.slice(0, start).replace(/[^\t]/g, ' ');
  return `${lead}${'^'.repeat(Math.max(end - start, 1))}`;
}
