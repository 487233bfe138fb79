import { describe, expect, it } from 'vitest';
import { formatResult, formats, githubAnnotations, isFormatName } from './index.js';
import { sampleResult } from '../../test/support/review-results.js';

describe('format registry', () => {
  it('has one formatter per --format name', () => {
    expect(Object.keys(formats)).toEqual(['text', 'json', 'sarif', 'github', 'markdown']);
    expect(isFormatName('sarif')).toBe(true);
    expect(isFormatName('xml')).toBe(false);
    expect(isFormatName('toString')).toBe(false);
  });

  it('every formatter is a pure function of the result: same input, same output, input untouched', () => {
    for (const name of Object.keys(formats) as Array<keyof typeof formats>) {
      const result = sampleResult();
      const before = JSON.stringify(result);
      const first = formatResult(name, result, { color: false });
      expect(formatResult(name, result, { color: false })).toBe(first);
      expect(JSON.stringify(result)).toBe(before);
    }
  });

  it('appends annotations to text and markdown, never inside json or sarif', () => {
    const result = sampleResult();
    const annotations = githubAnnotations(result);
    for (const name of ['text', 'markdown'] as const) {
      const out = formatResult(name, result, { color: false, annotations: true });
      expect(out.endsWith(`${annotations}\n`)).toBe(true);
    }
    for (const name of ['json', 'sarif'] as const) {
      const out = formatResult(name, result, { color: false, annotations: true });
      expect(out).not.toContain('::error');
      expect(() => JSON.parse(out)).not.toThrow();
    }
  });
});
