import type { ReviewResult } from '../core/review-result.js';

/**
 * One line per checklist item whose rules could not read part of the change: "Not checked: <item> —
 * <path>: <why>". Every format shows these, so a skipped file never reads as a pass.
 */
export function uncheckedLines(result: ReviewResult): string[] {
  return result.checklist
    .filter((item) => item.status === 'unchecked')
    .map((item) => `Not checked: ${item.title} — ${(item.reasons ?? []).join('; ')}`);
}
