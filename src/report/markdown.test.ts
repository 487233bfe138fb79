import { describe, expect, it } from 'vitest';
import type { Finding } from '../core/finding.js';
import { GITHUB_COMMENT_LIMIT, SUMMARY_MARKER, inlineCommentMarkdown, markdown } from './markdown.js';
import { characterCount, codeBlock, inlineCode, markdownText } from './markdown-escape.js';
import { explainedQuery, finding, reviewResult, sampleResult } from '../../test/support/review-results.js';

/** True when every fenced code block that opens also closes (CommonMark: a closing fence is at least as long). */
function fencesBalanced(md: string): boolean {
  let open = 0;
  for (const line of md.split('\n')) {
    const fence = /^(`{3,})/.exec(line)?.[1].length ?? 0;
    if (open === 0 && fence > 0) open = fence;
    else if (open > 0 && fence >= open && /^`+\s*$/.test(line)) open = 0;
  }
  return open === 0;
}

/** Lines that GitHub reads as markdown/HTML, i.e. outside fenced code blocks. */
function linesOutsideFences(md: string): string[] {
  const out: string[] = [];
  let open = 0;
  for (const line of md.split('\n')) {
    const fence = /^(`{3,})/.exec(line)?.[1].length ?? 0;
    if (open === 0 && fence > 0) open = fence;
    else if (open > 0 && fence >= open && /^`+\s*$/.test(line)) open = 0;
    else if (open === 0) out.push(line);
  }
  return out;
}

function manyFindings(count: number, message = 'x'.repeat(300)): Finding[] {
  return Array.from({ length: count }, (_, i) =>
    finding({
      path: `src/file-${String(i).padStart(4, '0')}.ts`,
      line: i + 1,
      severity: i % 3 === 0 ? 'error' : 'warning',
      ruleId: i % 2 === 0 ? 'n-plus-one' : 'pii-in-logs',
      message: `${message} #${i}`,
      suggestion: 'Batch the calls with `Promise.all` and one `IN` query.',
    }),
  );
}

describe('markdown PR comment', () => {
  it('renders marker, headline, checklist by section, findings by section, query plans and notices', async () => {
    const result = sampleResult();
    result.explained = [explainedQuery()];
    const out = markdown(result, { color: false });
    expect(out.startsWith(`${SUMMARY_MARKER}\n## 🚫 Plumbline: 2 errors, 1 warning, 1 info in 3 files\n`)).toBe(true);
    await expect(out).toMatchFileSnapshot('__snapshots__/markdown-sample.md');
  });

  it('ticks passed automated items, marks failed ones with counts and leaves manual items open', () => {
    const out = markdown(sampleResult(), {});
    expect(out).toContain('- [ ] Edge cases handled (null, empty, boundary values)?\n');
    expect(out).toContain('- [ ] ❌ No silent failures (uncaught promise rejections)? — 1 finding\n');
    const clean = markdown(reviewResult(), {});
    expect(clean).toContain("- [x] ✅ Loops aren't hiding N+1 patterns?\n");
    expect(clean).toContain('## ✅ Plumbline: No findings on the changed lines\n');
    expect(clean).not.toContain('### Findings');
  });

  it('escapes user-controlled text: no HTML, no mentions, no breaking out of code or details', () => {
    const evil = finding({
      path: 'src/a.ts',
      line: 1,
      message: 'Hi @octocat and @acme/security <img src=x onerror=alert(1)> </details> [click](http://evil) `a` unbalanced ` tick',
      suggestion: 'Line one\n# Heading injected\n```\nfence',
      related: [{ path: 'src/b.ts', line: 2, message: '<script>alert(1)</script>' }],
    });
    const query = explainedQuery({ name: 'q</summary><b>x', sql: 'SELECT 1 -- ```\n``` still sql', planText: 'Seq Scan\n````\n</details>' });
    const out = markdown(reviewResult({ findings: [evil], explained: [query], notices: ['@here look <b>now</b>'] }), {});
    expect(out).not.toMatch(/<img|<script|<b>/);
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(out).toContain('@&#8203;octocat');
    expect(out).toContain('@&#8203;acme/security');
    expect(out).toContain('@&#8203;here');
    expect(out).toContain('\\[click\\](http://evil)');
    expect(out).toContain('`a` unbalanced \\` tick');
    expect(out).not.toContain('\n# Heading injected');
    expect(out).toContain('<code>q&lt;/summary&gt;&lt;b&gt;x</code>');
    // Exactly one details block opens and closes: the plan's "</details>" sits inside a longer fence.
    expect(out.match(/<details>/g)).toHaveLength(1);
    expect(linesOutsideFences(out).filter((l) => l.includes('</details>'))).toEqual(['</details>']);
    expect(fencesBalanced(out)).toBe(true);
    expect(out).toContain('`````\nSeq Scan\n````\n</details>\n`````');
  });

  it('stays under GitHub’s limit with many findings, blocking first, and says how many it left out', () => {
    const findings = manyFindings(600);
    const result = reviewResult({ findings, explained: [explainedQuery(), explainedQuery({ name: 'second' })] });
    const out = markdown(result, {});
    expect(characterCount(out)).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(characterCount(out)).toBeGreaterThan(GITHUB_COMMENT_LIMIT - 1000);
    const shown = out.split('\n').filter((l) => /^- (🚫|⚠️|ℹ️) /.test(l));
    const left = 600 - shown.length;
    expect(left).toBeGreaterThan(0);
    expect(out).toMatch(new RegExp(`> This comment is shortened to fit GitHub's size limit: ${left} findings of 600 left out, 2 query plans of 2 left out\\.`));
    expect(out.trimEnd().endsWith('download the SARIF report for everything.')).toBe(true);
    // Blocking findings (every third one, 200 in all) go in before optional ones.
    expect(shown.filter((l) => l.startsWith('- 🚫')).length).toBe(Math.min(200, shown.length));
    expect(fencesBalanced(out)).toBe(true);
    expect(out.startsWith(SUMMARY_MARKER)).toBe(true);
    expect(out).toContain('### Code Review Checklist');
  });

  it('cuts exactly at the limit: a body that fits is whole, one character less cuts it', () => {
    const result = reviewResult({ findings: manyFindings(5, 'short') });
    const whole = markdown(result, { maxLength: 100_000 });
    const size = characterCount(whole);
    expect(markdown(result, { maxLength: size })).toBe(whole);
    const cut = markdown(result, { maxLength: size - 1 });
    expect(characterCount(cut)).toBeLessThanOrEqual(size - 1);
    expect(cut).toMatch(/1 finding of 5 left out|findings of 5 left out/);
  });

  it('counts characters as GitHub does (code points), not UTF-16 units', () => {
    expect(characterCount('🚫a')).toBe(2);
    const result = reviewResult({ findings: manyFindings(300, '🚫'.repeat(200)) });
    const out = markdown(result, { maxLength: 20_000 });
    expect(characterCount(out)).toBeLessThanOrEqual(20_000);
    // Each emoji is two UTF-16 units, so the string is longer in JavaScript terms than the limit allows characters.
    expect(out.length).toBeGreaterThan(20_000);
    expect(fencesBalanced(out)).toBe(true);
  });

  it('keeps query plans whole when it has to leave them out', () => {
    const plan = Array.from({ length: 3000 }, (_, i) => `  ->  Index Scan ${i}`).join('\n');
    const out = markdown(reviewResult({ explained: [explainedQuery({ planText: plan })] }), { maxLength: 5000 });
    expect(characterCount(out)).toBeLessThanOrEqual(5000);
    expect(out).not.toContain('<details>');
    expect(out).toContain('1 query plan of 1 left out');
    expect(fencesBalanced(out)).toBe(true);
  });
});

describe('inline review comment', () => {
  it('gives marker, rule with docs link, message, fix and related locations', () => {
    const result = sampleResult();
    expect(inlineCommentMarkdown(result.findings[0], result)).toBe(
      [
        '🚫 **error** · [`n-plus-one`](https://github.com/plumbline-dev/plumbline/blob/main/src/checks/n-plus-one/docs.md)',
        '',
        '`db.order.findMany` runs once per element of `users`: 1 query per user instead of 1 in total.',
        '',
        '**Fix:** Load the orders of all users at once: `db.order.findMany({ where: { userId: { in: ids } } })`, then group them by `userId`.',
        '',
        '- ↳ `src/orders/service.ts:11` the loop over `users`',
        '- ↳ `src/orders/repository.ts:40` the query it reaches',
        '',
      ].join('\n'),
    );
  });
});

describe('markdown escaping helpers', () => {
  it('fences code so its content cannot close the fence', () => {
    expect(inlineCode('a`b')).toBe('``a`b``');
    expect(inlineCode('`x`')).toBe('`` `x` ``');
    expect(codeBlock('x\n```\ny', 'sql')).toBe('````sql\nx\n```\ny\n````');
  });

  it('keeps code spans of messages and escapes the rest', () => {
    expect(markdownText('Use `a<b>` not <b>*x*</b>')).toBe('Use `a<b>` not &lt;b&gt;\\*x\\*&lt;/b&gt;');
  });
});
