import { describe, expect, it } from 'vitest';
import type { ChangedFile } from '../core/changes/change-set.js';
import type { Finding } from '../core/finding.js';
import { planInlineComments } from './inline-comments.js';

const file: ChangedFile = { path: 'src/a.ts', status: 'modified', binary: false, modeOnly: false, addedLines: [{ start: 10, end: 20 }] };

function finding(line: number, severity: Finding['severity'], fingerprint: string, path = 'src/a.ts'): Finding {
  return { ruleId: 'r', severity, path, line, column: 1, endLine: line, endColumn: 5, message: 'm', checklistItem: 'c', fingerprint };
}

describe('planInlineComments', () => {
  it('comments only on changed lines, skips what is already posted, and caps blocking-first', () => {
    const findings = [
      finding(5, 'error', 'outside'), // line not changed: summary only
      finding(11, 'info', 'q1'),
      finding(12, 'warning', 'w1'),
      finding(13, 'error', 'e1'),
      finding(14, 'warning', 'posted'),
      finding(3, 'error', 'other-file', 'src/b.ts'), // file not in the PR's changes
    ];
    const plan = planInlineComments(findings, [file], new Set(['posted']), 2);
    expect(plan.post.map((f) => f.fingerprint)).toEqual(['e1', 'w1']);
    expect(plan.overflow.map((f) => f.fingerprint)).toEqual(['q1']);
    expect(plan.notInDiff.map((f) => f.fingerprint)).toEqual(['outside', 'other-file']);
    expect(plan.alreadyPosted).toBe(1);
  });

  it('a cap of 0 posts nothing inline and counts everything', () => {
    const plan = planInlineComments([finding(10, 'error', 'a')], [file], new Set(), 0);
    expect(plan.post).toEqual([]);
    expect(plan.overflow).toHaveLength(1);
  });
});
