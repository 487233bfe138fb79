import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { finding, reviewResult } from '../../test/support/review-results.js';
import type { Finding, FindingFix } from './finding.js';
import { applySafeFixes } from './fix-files.js';
import { digestOf } from './source-digest.js';

const ANALYSED = 'f(5000);\ng(30);\n';
const replace = (line: number, column: number, endColumn: number, text: string, safe = true): FindingFix => ({
  description: 'test',
  safe,
  edits: [{ path: 'src/a.ts', line, column, endLine: line, endColumn, text }],
});

function repoWith(text: string): string {
  const root = mkdtempSync(path.join(tmpdir(), 'plumbline-fix-'));
  mkdirSync(path.join(root, 'src'));
  writeFileSync(path.join(root, 'src/a.ts'), text);
  return root;
}

const findings: Finding[] = [
  finding({ path: 'src/a.ts', line: 1, fix: replace(1, 3, 7, 'DELAY_MS') }),
  finding({ path: 'src/a.ts', line: 2, fix: replace(2, 3, 5, 'TTL', false) }),
];

describe('applySafeFixes', () => {
  it('writes the safe fixes only, to the file whose text was analysed', async () => {
    const root = repoWith(ANALYSED);
    const fixed = await applySafeFixes(root, reviewResult({ findings, sourceDigests: { 'src/a.ts': digestOf(ANALYSED) } }));
    expect(readFileSync(path.join(root, 'src/a.ts'), 'utf8')).toBe('f(DELAY_MS);\ng(30);\n');
    expect(fixed).toEqual({ applied: [findings[0]], files: ['src/a.ts'], notes: [] });
  });

  it('leaves a file that changed since it was analysed alone, with a line saying so', async () => {
    const root = repoWith(`// edited meanwhile\n${ANALYSED}`);
    const fixed = await applySafeFixes(root, reviewResult({ findings, sourceDigests: { 'src/a.ts': digestOf(ANALYSED) } }));
    expect(readFileSync(path.join(root, 'src/a.ts'), 'utf8')).toBe(`// edited meanwhile\n${ANALYSED}`);
    expect(fixed.notes).toEqual(['src/a.ts: not fixed: it changed since it was analysed (run the review again)']);
    expect(fixed.applied).toEqual([]);
  });

  it('applies the first of two overlapping fixes and names the other', async () => {
    const root = repoWith(ANALYSED);
    const overlapping = [findings[0], finding({ path: 'src/a.ts', line: 1, ruleId: 'other', fix: replace(1, 1, 5, 'x') })];
    const fixed = await applySafeFixes(root, reviewResult({ findings: overlapping, sourceDigests: { 'src/a.ts': digestOf(ANALYSED) } }));
    expect(readFileSync(path.join(root, 'src/a.ts'), 'utf8')).toBe('f(DELAY_MS);\ng(30);\n');
    expect(fixed.notes).toEqual(['src/a.ts:1 other: not fixed: it overlaps another fix (run --fix again)']);
  });
});
