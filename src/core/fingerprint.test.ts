import { describe, expect, it } from 'vitest';
import { assignFingerprints } from './fingerprint.js';
import type { FindingDraft } from './finding.js';

const draft = (line: number, path = 'src/a.ts'): FindingDraft => ({ ruleId: 'n-plus-one', path, line, column: 3, endLine: line, endColumn: 9, message: 'm' });

describe('assignFingerprints', () => {
  it('does not change when unrelated lines above move the finding down', () => {
    const before = ['const a = 1;', '  await repo.find(id);'];
    const after = ['// new comment', '', 'const a = 1;', '    await repo.find(id);'];
    const [fpBefore] = assignFingerprints([draft(2)], (_p, l) => before[l - 1]);
    const [fpAfter] = assignFingerprints([draft(4)], (_p, l) => after[l - 1]);
    expect(fpAfter).toBe(fpBefore);
  });

  it('changes when the flagged line itself changes, and tells identical lines apart', () => {
    const lines = ['await repo.find(id);', 'await repo.find(id);', 'await repo.findMany(ids);'];
    const text = (_p: string, l: number) => lines[l - 1];
    const [a, b, c] = assignFingerprints([draft(1), draft(2), draft(3)], text);
    expect(new Set([a, b, c]).size).toBe(3);
    const [other] = assignFingerprints([draft(1, 'src/b.ts')], text);
    expect(other).not.toBe(a);
  });
});
