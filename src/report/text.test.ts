import { describe, expect, it } from 'vitest';
import { text } from './text.js';
import { explainedQuery, finding, reviewResult, sampleResult } from '../../test/support/review-results.js';

const ANSI = /\u001b\[\d+(;\d+)*m/;

describe('text formatter', () => {
  it('groups findings by file with marker, location, rule, message, frame, related locations and fix', async () => {
    await expect(text(sampleResult(), { color: false })).toMatchFileSnapshot('__snapshots__/text-sample.txt');
  });

  it('renders one small finding exactly', () => {
    const f = finding({ path: 'src/a.ts', line: 2, column: 10, endColumn: 15, message: 'Too `slow`.', suggestion: 'Be fast.', fingerprint: 'x' });
    const result = reviewResult({ findings: [f], frames: { x: { startLine: 1, lines: ['function a() {', '  return query();', '}'] } } });
    expect(text(result, { color: false })).toBe(
      [
        'src/a.ts',
        '',
        '  🚫 error  src/a.ts:2:10  n-plus-one',
        '    Too `slow`.',
        '      1 │ function a() {',
        '    > 2 │   return query();',
        '        │          ^^^^^',
        '      3 │ }',
        '    Fix: Be fast.',
        '',
        '1 error in 1 file · checklist 3 passed, 1 failed, 3 manual',
        '',
      ].join('\n'),
    );
  });

  it('prints one Fix: per finding, the message\'s own when it has one', () => {
    const own = finding({ path: 'a.ts', line: 1, message: 'SQL injection: `id` reaches `db.query`. Fix: pass it as `$1`.', suggestion: 'db.query(sql, [id])' });
    const out = text(reviewResult({ findings: [own] }), { color: false });
    expect(out.match(/Fix:/g)).toHaveLength(1);
    expect(out).toContain('    SQL injection: `id` reaches `db.query`.\n    Fix: pass it as `$1`.\n');
    const suggested = text(reviewResult({ findings: [finding({ path: 'a.ts', line: 1, message: 'Too slow.', suggestion: 'Add an index.' })] }), { color: false });
    expect(suggested).toContain('    Too slow.\n    Fix: Add an index.\n');
  });

  it('labels findings by severity: error, warning, info', () => {
    const out = text(reviewResult({ findings: [finding({ path: 'a.ts', line: 1, severity: 'warning' }), finding({ path: 'a.ts', severity: 'info', line: 9 })] }), { color: false });
    expect(out).toContain('⚠️ warning  ');
    expect(out).toContain('ℹ️ info  ');
    expect(out).not.toMatch(/optional|blocking|question/);
    expect(out).toContain('1 warning, 1 info in 1 file');
  });

  it('wraps long messages and fixes to the terminal width, keeping the indent and long words whole', () => {
    const message = `${'word '.repeat(30)}\`https://example.com/a-very-long-link-that-does-not-fit\` end. Fix: ${'fix '.repeat(20)}done.`;
    const out = text(reviewResult({ findings: [finding({ path: 'a.ts', line: 1, message })] }), { color: false, width: 40 });
    const body = out.split('\n').filter((l) => l.startsWith('    ') && !l.includes('│'));
    for (const line of body.filter((l) => !l.includes('https://'))) expect(line.length).toBeLessThanOrEqual(40);
    expect(body).toContain('    `https://example.com/a-very-long-link-that-does-not-fit`');
    expect(body.filter((l) => l.startsWith('    Fix: '))).toHaveLength(1);
    expect(body.filter((l) => l.startsWith('         fix'))).not.toHaveLength(0);
    // Without a width (a file, a pipe) nothing is wrapped.
    expect(text(reviewResult({ findings: [finding({ path: 'a.ts', line: 1, message })] }), { color: false })).toContain(`    ${message.split(' Fix: ')[0]}\n`);
  });

  it('keeps tabs in the caret line so the carets stay under the code', () => {
    const f = finding({ path: 'a.ts', line: 1, column: 3, endColumn: 6, fingerprint: 't' });
    const out = text(reviewResult({ findings: [f], frames: { t: { startLine: 1, lines: ['\t\tfoo()'] } } }), { color: false });
    expect(out).toContain('    │ \t\t^^^\n');
  });

  it('underlines a multi-line range to the end of its first line and marks every line of it', () => {
    const f = finding({ path: 'a.ts', line: 1, column: 7, endLine: 2, endColumn: 4, fingerprint: 'm' });
    const out = text(reviewResult({ findings: [f], frames: { m: { startLine: 1, lines: ['const q = `a', 'b`;', 'x'] } } }), { color: false });
    expect(out).toContain('    > 1 │ const q = `a\n        │       ^^^^^^\n    > 2 │ b`;\n      3 │ x');
  });

  it('shows a window of a very long (minified) line around the finding, carets still aligned', () => {
    const long = `${'a'.repeat(1000)}query()${'b'.repeat(1000)}`;
    const f = finding({ path: 'a.min.js', line: 1, column: 1001, endColumn: 1008, fingerprint: 'l' });
    const lines = text(reviewResult({ findings: [f], frames: { l: { startLine: 1, lines: [long] } } }), { color: false }).split('\n');
    const code = lines.find((l) => l.startsWith('    > 1 │ '))!;
    const carets = lines[lines.indexOf(code) + 1];
    expect(code).toBe(`    > 1 │ …${'a'.repeat(40)}query()${'b'.repeat(113)}…`);
    expect(carets).toBe(`        │  ${' '.repeat(40)}^^^^^^^`);
    expect(code.indexOf('query')).toBe(carets.indexOf('^'));
  });

  it('says clearly when nothing was found', () => {
    const out = text(reviewResult(), { color: false });
    expect(out).toBe('✔ No findings on the changed lines · checklist 4 passed, 0 failed, 3 manual\n');
  });

  it('says how many findings were suppressed or baselined', () => {
    const result = reviewResult();
    result.stats = { ...result.stats, suppressed: 2, baselined: 5 };
    expect(text(result, { color: false })).toBe('✔ No findings on the changed lines · checklist 4 passed, 0 failed, 3 manual · 2 suppressed, 5 in the baseline\n');
  });

  it('prints notices and EXPLAIN results', () => {
    const out = text(reviewResult({ notices: ['Base: origin/main (from origin/HEAD).'], explained: [explainedQuery({ notes: ['2.4M rows in orders'] })] }), { color: false });
    expect(out).toContain('Notices\n  • Base: origin/main (from origin/HEAD).\n');
    expect(out).toContain(
      'Query plans\n  dailyReport  src/reports/daily.ts:8  ok 412 ms\n    • 2.4M rows in orders\n    Sort  (actual time=401.2..410.9 rows=2400000)\n    ▶ ->  Seq Scan on orders o',
    );
  });

  it('has no colour codes without color, and colour codes with it', () => {
    const plain = text(sampleResult(), { color: false });
    const coloured = text(sampleResult(), { color: true });
    expect(plain).not.toMatch(ANSI);
    expect(coloured).toMatch(ANSI);
    // Same words either way: colour is decoration only.
    expect(coloured.replace(/\u001b\[\d+(;\d+)*m/g, '')).toBe(plain);
  });

  it('ignores FORCE_COLOR / terminal detection: only the flag decides', () => {
    const previous = process.env.FORCE_COLOR;
    process.env.FORCE_COLOR = '3';
    try {
      expect(text(sampleResult(), { color: false })).not.toMatch(ANSI);
    } finally {
      if (previous === undefined) delete process.env.FORCE_COLOR;
      else process.env.FORCE_COLOR = previous;
    }
  });
});
