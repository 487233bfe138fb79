import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { precisionByRule, type Verdict } from '../../bench/corpus-verdicts.js';

const verdicts = (parse(readFileSync(new URL('./verdicts.yml', import.meta.url), 'utf8')) as { verdicts: Verdict[] }).verdicts;

describe('corpus verdicts (test/corpus/verdicts.yml)', () => {
  it('every entry names the repository, a rule, a fingerprint, where it was, a verdict and a reason', () => {
    for (const v of verdicts) {
      expect(v).toMatchObject({
        repo: expect.stringMatching(/^[\w.-]+$/),
        rule: expect.stringMatching(/^(n-plus-one|string-built-sql|pii-in-logs|unbounded-query|unvalidated-input|unstructured-log|magic-number|module-boundary)$/),
        fingerprint: expect.stringMatching(/^[0-9a-f]{20}$/),
        at: expect.stringMatching(/:\d+$/),
        verdict: expect.stringMatching(/^(tp|fp)$/),
        reason: expect.stringMatching(/\S{3}/),
      });
    }
  });

  it('a finding is reviewed once', () => {
    const keys = verdicts.map((v) => `${v.repo} ${v.fingerprint}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('holds at least 150 reviewed findings', () => {
    expect(verdicts.length).toBeGreaterThanOrEqual(150);
  });
});

describe('precisionByRule', () => {
  const v = (rule: string, fingerprint: string, verdict: 'tp' | 'fp'): Verdict => ({ repo: 'r', rule, fingerprint, at: 'a.ts:1', verdict, reason: 'why' });
  it('counts only the reviewed findings a run still reports, and the true positives it lost', () => {
    const rows = precisionByRule([v('a', '1', 'tp'), v('a', '2', 'fp'), v('a', '3', 'tp'), v('b', '4', 'fp')], new Set(['1', '2']));
    expect(rows).toEqual([
      { rule: 'a', reviewed: 2, truePositives: 1, precision: 0.5, lost: 1 },
      { rule: 'b', reviewed: 0, truePositives: 0, precision: undefined, lost: 0 },
    ]);
  });
});
