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
      '🚫 **Error:** `db.query` gets SQL built with `+` from @&#8203;attacker input &lt;script&gt;',
      '',
      '**Fix:** pass the value as `$1` parameter',
      '',
      '<sub>Plumbline · `string-built-sql` · checklist: `safe.sql-concatenation`</sub>',
      '<!-- plumbline:finding abc123def456 -->',
    ].join('\n'));
    expect(fingerprintIn(inlineCommentBody(base))).toBe('abc123def456');
  });

  it.each([
    ['warning', '⚠️ **Warning:**'],
    ['info', 'ℹ️ **Info:**'],
  ] as const)('%s findings start with %s', (severity, start) => {
    expect(inlineCommentBody({ ...base, severity }).startsWith(start)).toBe(true);
  });

  it('has one fix: the message\'s own `Fix:` when it has one, never a second one from the suggestion', () => {
    const body = inlineCommentBody({ ...base, message: 'SQL injection: `id` reaches `db.query`. Fix: use `$1`.', suggestion: 'db.query("… $1", [id])' });
    expect(body.match(/Fix:/g)).toHaveLength(1);
    expect(body).toContain('SQL injection: `id` reaches `db.query`.\n\n**Fix:** use `$1`.');
  });

  it('lists related locations', () => {
    const body = inlineCommentBody({ ...base, related: [{ path: 'src/repo.ts', line: 9, message: 'the query' }] });
    expect(body).toContain('- ↳ `src/repo.ts:9` the query');
  });
});
