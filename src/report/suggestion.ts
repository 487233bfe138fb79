import { applyFixes } from '../core/apply-edits.js';
import type { Finding } from '../core/finding.js';
import type { CodeFrame } from '../core/review-result.js';

/**
 * A GitHub ```suggestion block for a review comment on lines `start`..`end`: the whole text of those
 * lines after the finding's fix, which the author applies with one click. Only when every edit is inside
 * those lines (GitHub replaces exactly the commented lines) and the code frame holds them.
 */
export function suggestionBlock(f: Finding, frame: CodeFrame | undefined, start: number, end: number): string | undefined {
  if (!f.fix || !frame || f.fix.edits.length === 0) return undefined;
  if (f.fix.edits.some((e) => e.path !== f.path || e.line < start || e.endLine > end)) return undefined;
  if (start < frame.startLine || end >= frame.startLine + frame.lines.length) return undefined;
  const original = frame.lines.slice(start - frame.startLine, end - frame.startLine + 1).join('\n');
  const local = { ...f.fix, edits: f.fix.edits.map((e) => ({ ...e, line: e.line - start + 1, endLine: e.endLine - start + 1 })) };
  const fixed = applyFixes(original, [local], (x) => x);
  if (fixed.applied.length === 0) return undefined;
  // A fence longer than any backtick run in the code, so the code cannot close it.
  const longest = Math.max(2, ...(fixed.text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}suggestion\n${fixed.text}\n${fence}`;
}
