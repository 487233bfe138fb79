import type { Severity } from '../core/finding.js';
import type { ReviewResult } from '../core/review-result.js';

/**
 * Labelled by the severity words every linter uses: a warning can be an N+1 or a logged password, so
 * "optional" (seed 001's word for a reviewer's nit) would say the wrong thing about it.
 */
export const SEVERITY_STYLE: Record<Severity, { marker: string; label: string }> = {
  error: { marker: '🚫', label: 'error' },
  warning: { marker: '⚠️', label: 'warning' },
  info: { marker: 'ℹ️', label: 'info' },
};

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** "2 errors, 1 warning in 3 files", or undefined when there is nothing to count. */
export function findingCounts(result: ReviewResult): string | undefined {
  const { findings } = result;
  if (findings.length === 0) return undefined;
  const parts = SEVERITIES.map((s) => ({ s, n: findings.filter((f) => f.severity === s).length }))
    .filter(({ n }) => n > 0)
    .map(({ s, n }) => (s === 'info' ? `${n} info` : plural(n, SEVERITY_STYLE[s].label)));
  const files = new Set(findings.map((f) => f.path)).size;
  return `${parts.join(', ')} in ${plural(files, 'file')}`;
}

/** "checklist 10 passed, 1 failed, 9 manual" ("…, 2 not checked, …" when some item could not be checked). */
export function checklistCounts(result: ReviewResult): string {
  const count = (status: string) => result.checklist.filter((i) => i.status === status).length;
  const unchecked = count('unchecked') > 0 ? `, ${count('unchecked')} not checked` : '';
  return `checklist ${count('passed')} passed, ${count('failed')} failed${unchecked}, ${count('manual')} manual`;
}

export const NO_FINDINGS = 'No findings on the changed lines';

/** The one-line summary every human-facing format ends (or starts) with. */
export function summaryLine(result: ReviewResult): string {
  return `${findingCounts(result) ?? NO_FINDINGS} · ${checklistCounts(result)}`;
}
