import type { Finding } from '../core/finding.js';
import { inlineCode, markdownText } from '../report/markdown-escape.js';
import { SEVERITY_STYLE } from '../report/severity-style.js';
import { findingMarker } from './markers.js';

/** What the team's feedback style (seed 001) asks of each kind of comment. */
const LEAD: Record<Finding['severity'], string> = {
  error: 'This needs to change before merge',
  warning: 'Optional',
  info: 'Question',
};

/**
 * The body of an inline review comment, in the team's voice: 🚫 must change / 💡 optional / ❓ question,
 * the finding (problem and consequence), the fix, the related places, and the hidden fingerprint
 * marker the next push compares against.
 */
export function inlineCommentBody(f: Finding): string {
  const style = SEVERITY_STYLE[f.severity];
  const lines = [`${style.marker} **${LEAD[f.severity]}:** ${markdownText(f.message)}`];
  if (f.suggestion) lines.push('', `**Fix:** ${markdownText(f.suggestion)}`);
  for (const r of f.related ?? []) lines.push(`- ↳ ${inlineCode(`${r.path}:${r.line}`)} ${markdownText(r.message)}`);
  lines.push('', `<sub>Plumbline · ${inlineCode(f.ruleId)} · checklist: ${inlineCode(f.checklistItem || 'none')}</sub>`, findingMarker(f.fingerprint));
  return lines.join('\n');
}

/** For a finding GitHub would not take on its line (422): the same words, with the line named. */
export function fileCommentBody(f: Finding): string {
  return `${inlineCode(`Line ${f.line}`)} — ${inlineCommentBody(f)}`;
}
