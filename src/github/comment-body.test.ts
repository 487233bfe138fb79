import { describe, expect, it } from 'vitest';
import type { Finding } from '../core/finding.js';
import { inlineCommentBody } from './comment-body.js';
import { fingerprintIn } from './markers.js';

const base: Finding = {
  ruleId: 'string-built-sql', severity: 'error', path: 'src/a.ts', line: 3, column: 1, endLine: 3, endColumn: 9,
  message: '`db.query` gets SQL built with `+` from @attacker input <script>', checklistItem: 'safe.sql-concatenation',
  fingerprint: 'abc123def456', suggestion: 'pass the value as `$1` parameter',
};

describe('inline comment body', () => {
  it('speaks in the team style, with the reason, the fix and the fingerprint marker', () => {
    expect(inlineCommentBody(base)).toBe([
      '🚫 **This needs to change before merge:** `db.query` gets SQL built with `+` from @&#8203;attacker input &lt;script&gt;',
      '',
      '**Fix:** pass the value as `$1` parameter',
      '',
      '<sub>Plumbline · `string-built-sql` · checklist: `safe.sql-concatenation`</sub>',
      '<!-- plumbline:finding abc123def456 -->',
    ].join('\n'));
    expect(fingerprintIn(inlineCommentBody(base))).toBe('abc123def456');
  });

  it.each([
    ['warning', '💡 **Optional:**'],
    ['info', '❓ **Question:**'],
  ] as const)('%s findings start with %s', (severity, start) => {
    expect(inlineCommentBody({ ...base, severity }).startsWith(start)).toBe(true);
  });

  it('lists related locations', () => {
    const body = inlineCommentBody({ ...base, related: [{ path: 'src/repo.ts', line: 9, message: 'the query' }] });
    expect(body).toContain('- ↳ `src/repo.ts:9` the query');
  });
});
