import { describe, expect, it } from 'vitest';
import { annotation, escapeData, escapeProperty, github, githubAnnotations } from './github.js';
import { finding, reviewResult, sampleResult } from '../../test/support/review-results.js';

describe('github annotations', () => {
  it('writes one workflow command per finding with position, title and message', () => {
    const f = finding({ path: 'src/a.ts', line: 3, column: 5, endColumn: 9, message: 'Query in a loop.', suggestion: 'Batch it.' });
    expect(annotation(f)).toBe('::error file=src/a.ts,line=3,endLine=3,col=5,endColumn=9,title=error · n-plus-one::Query in a loop.%0AFix: Batch it.');
  });

  it('maps severities to error, warning and notice', () => {
    const lines = githubAnnotations(sampleResult()).split('\n');
    expect(lines.map((l) => l.slice(0, l.indexOf(' ')))).toEqual(['::error', '::warning', '::error', '::notice']);
  });

  it('leaves columns out of a multi-line range (GitHub only honours them on one line)', () => {
    const f = finding({ path: 'a.ts', line: 8, column: 22, endLine: 9, endColumn: 30 });
    expect(annotation(f)).toMatch(/^::error file=a\.ts,line=8,endLine=9,title=/);
  });

  it('escapes %, CR and LF in the message and also : and , in property values', () => {
    const f = finding({
      path: 'src/weird,name:1.ts',
      line: 1,
      ruleId: 'query-plan/seq-scan',
      message: '100% of rows\r\nread: a, b\n::error file=x::injected',
    });
    const line = annotation(f);
    expect(line).toBe(
      '::error file=src/weird%2Cname%3A1.ts,line=1,endLine=1,col=1,endColumn=2,title=error · query-plan/seq-scan::100%25 of rows%0D%0Aread: a, b%0A::error file=x::injected',
    );
    // The injected command stays inside this one line: there is no raw newline to start a new one.
    expect(line.split('\n')).toHaveLength(1);
    expect(escapeData('a%0A')).toBe('a%250A');
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
  });

  it('lists related locations in the message', () => {
    const [first] = githubAnnotations(sampleResult()).split('\n');
    expect(first).toContain('%0A↳ src/orders/service.ts:11 the loop over `users`%0A↳ src/orders/repository.ts:40 the query it reaches');
  });

  it('the github format adds notices and the summary line, and is empty of annotations when nothing was found', () => {
    expect(github(sampleResult(), { color: false }).split('\n').slice(-3)).toEqual([
      '::notice title=plumbline::src/generated/huge.ts is over 1 MB and was skipped.',
      'plumbline: 2 errors, 1 warning, 1 info in 3 files · checklist 0 passed, 4 failed, 3 manual',
      '',
    ]);
    expect(githubAnnotations(reviewResult())).toBe('');
    expect(github(reviewResult(), { color: false })).toBe('plumbline: No findings on the changed lines · checklist 4 passed, 0 failed, 3 manual\n');
  });
});
