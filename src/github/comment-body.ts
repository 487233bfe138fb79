import type { Finding } from '../core/finding.js';
import { inlineCode, markdownText } from '../report/markdown-escape.js';
import { problemAndFix } from '../report/finding-fix.js';
import { SEVERITY_STYLE } from '../report/severity-style.js';
import { findingMarker } from './markers.js';

/** The severity words of every linter; an error is what the default gate (`failOn: error`) blocks on. */
const LEAD: Record<Finding['severity'], string> = {
  error: 'Error',
  warning: 'Warning',
  info: 'Info',
};

/**
 * The body of an inline review comment: 🚫 error / ⚠️ warning / ℹ️ info,
 * the finding (problem and consequence), the fix (and its ```suggestion block when the fix's edits are
 * all on the commented lines), the related places, and the hidden fingerprint
 * marker the next push compares against.
 */
export function inlineCommentBody(f: Finding, suggestion?: string): string {
  const style = SEVERITY_STYLE[f.severity];
  const { problem, fix } = problemAndFix(f);
  const lines = [`${style.marker} **${LEAD[f.severity]}:** ${markdownText(problem)}`];
  if (fix) lines.push('', `**Fix:** ${markdownText(fix)}`);
  // The fix as code the author commits with one click (src/report/suggestion.ts).
  if (suggestion) lines.push('', suggestion);
  for (const r of f.related ?? []) lines.push(`- ↳ ${inlineCode(`${r.path}:${r.line}`)} ${markdownText(r.message)}`);
  lines.push('', `<sub>Plumbline · ${inlineCode(f.ruleId)} · checklist: ${inlineCode(f.checklistItem || 'none')}</sub>`, findingMarker(f.fingerprint));
  return lines.join('\n');
}

/** For a finding GitHub would not take on its line (422): the same words, with the line named. */
export function fileCommentBody(f: Finding): string {
  return `${inlineCode(`Line ${f.line}`)} — ${inlineCommentBody(f)}`;
}
