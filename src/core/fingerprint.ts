import { createHash } from 'node:crypto';
import type { FindingDraft } from './finding.js';

/**
 * Fingerprints identify a finding across commits: rule, file, the text of its line (whitespace
 * collapsed) and the check's key — never a line number — so edits above it, rebases and
 * force-pushes keep it. Identical lines in one file are told apart by their order.
 */
export function assignFingerprints(
  drafts: FindingDraft[],
  lineText: (path: string, line: number) => string,
): string[] {
  const seen = new Map<string, number>();
  return drafts.map((draft) => {
    const text = lineText(draft.path, draft.line).replace(/\s+/g, ' ').trim();
    const base = [draft.ruleId, draft.path, text, draft.fingerprintKey ?? ''].join('\u0000');
    const occurrence = seen.get(base) ?? 0;
    seen.set(base, occurrence + 1);
    return createHash('sha256').update(`${base}\u0000${occurrence}`).digest('hex').slice(0, 20);
  });
}
