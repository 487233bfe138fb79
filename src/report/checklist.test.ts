import { describe, expect, it } from 'vitest';
import { CHECKLIST_MARKER, checklistMarkdown, checklistText } from './checklist.js';
import { finding, reviewResult } from '../../test/support/review-results.js';

const ANSI = /\u001b\[\d+(;\d+)*m/;

const result = () => reviewResult({ findings: [finding({ path: 'a.ts', line: 1, ruleId: 'n-plus-one' }), finding({ path: 'a.ts', line: 5, ruleId: 'n-plus-one' })] });

describe('checklist blocks', () => {
  it('gives a PR-description block: passed items ticked, failed ones open with counts, manual ones open', () => {
    expect(checklistMarkdown(result())).toBe(
      [
        CHECKLIST_MARKER,
        '### Code Review Checklist',
        '',
        '**Is it correct?**',
        '- [ ] Edge cases handled (null, empty, boundary values)?',
        '- [x] ✅ No silent failures (uncaught promise rejections)?',
        '',
        '**Will it perform?**',
        '- [ ] DB queries have appropriate indexes?',
        "- [ ] ❌ Loops aren't hiding N+1 patterns? — 2 findings",
        '',
        '**Is it safe?**',
        '- [x] ✅ No direct string concatenation in SQL?',
        '- [x] ✅ Sensitive data (PII, tokens) not logged?',
        '',
        '**Is it maintainable?**',
        '- [ ] Complex logic has a comment explaining *why*, not what?',
        '',
        '<sub>Plumbline: checklist 3 passed, 1 failed, 3 manual. Ticked items were checked automatically; open ones are for the author and the reviewer.</sub>',
        '',
      ].join('\n'),
    );
  });

  it('escapes HTML and mentions in team-written titles but keeps their emphasis', () => {
    const r = result();
    r.checklist[0] = { ...r.checklist[0], title: 'Ask @lead <b>first</b> about *this*' };
    expect(checklistMarkdown(r)).toContain('- [ ] Ask @&#8203;lead &lt;b&gt;first&lt;/b&gt; about *this*\n');
  });

  it('prints the checklist in the terminal with each status, colour only when asked', () => {
    const plain = checklistText(result(), { color: false });
    expect(plain).toBe(
      [
        'Code Review Checklist',
        '',
        'Is it correct?',
        '  ○ manual  Edge cases handled (null, empty, boundary values)?',
        '  ✔ passed  No silent failures (uncaught promise rejections)?',
        '',
        'Will it perform?',
        '  ○ manual  DB queries have appropriate indexes?',
        "  ✖ failed  Loops aren't hiding N+1 patterns? (2 findings)",
        '',
        'Is it safe?',
        '  ✔ passed  No direct string concatenation in SQL?',
        '  ✔ passed  Sensitive data (PII, tokens) not logged?',
        '',
        'Is it maintainable?',
        '  ○ manual  Complex logic has a comment explaining *why*, not what?',
        '',
        'checklist 3 passed, 1 failed, 3 manual',
        '',
      ].join('\n'),
    );
    expect(plain).not.toMatch(ANSI);
    expect(checklistText(result(), { color: true })).toMatch(ANSI);
  });
});
