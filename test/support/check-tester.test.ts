import { SyntaxKind } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { defineCheck } from '../../src/core/check.js';
import { checkTester, unmark } from './check-tester.js';

// The tester must fail a case whenever the check's answer differs from the table in any stated way.
const legacyCall = defineCheck({
  id: 'legacy-call',
  meta: {
    title: 'Legacy call',
    description: 'Reports calls to legacyCall.',
    checklistItem: 'maintainable.legacy',
    defaultSeverity: 'warning',
    messages: { call: '`{{callee}}` is a legacy call.', loud: '`{{callee}}` is loud.' },
  },
  run(context) {
    for (const call of context.files.flatMap((f) => f.getDescendantsOfKind(SyntaxKind.CallExpression))) {
      const callee = call.getExpression().getText();
      if (callee === 'legacyCall') context.report({ node: call, messageId: 'call', data: { callee }, suggestion: 'modernCall()' });
      if (callee === 'shout') context.report({ node: call, messageId: 'loud', data: { callee }, severity: 'info' });
    }
  },
});
const tester = checkTester(legacyCall);
const code = 'declare function legacyCall(): void;\nexport function f() {\n  legacyCall();\n}\n';
const error = { line: 3, column: 3, messageId: 'call' } as const;

describe('checkTester', () => {
  it('reads « marks as positions, per file, and removes them', () => {
    expect(unmark({ 'a.ts': 'x;\n  «f(«g());\n', 'b.ts': '«y;\n' })).toEqual({
      files: { 'a.ts': 'x;\n  f(g());\n', 'b.ts': 'y;\n' },
      marks: [{ path: 'a.ts', line: 2, column: 3 }, { path: 'a.ts', line: 2, column: 5 }, { path: 'b.ts', line: 1, column: 1 }],
    });
  });

  it('passes a case whose errors match, stated by position or by mark', async () => {
    await tester.expectInvalid({ name: 'by position', code, errors: [{ ...error, severity: 'warning', message: '`legacyCall` is', suggestion: 'modernCall()' }] }, false);
    await tester.expectInvalid({ name: 'by mark', code: { 'src/a.ts': code.replace('  legacyCall', '  «legacyCall') }, errors: [{ messageId: 'call', path: 'src/a.ts' }] }, true);
    await tester.expectValid({ name: 'no call', code: 'export const x = 1;\n' }, false);
  });

  it.each([
    ['a wrong column', { errors: [{ ...error, column: 4 }] }],
    ['a wrong message id', { errors: [{ ...error, messageId: 'loud' as const }] }],
    ['a severity other than the one reported', { errors: [{ ...error, severity: 'error' as const }] }],
    ['a message text it does not contain', { errors: [{ ...error, message: 'modern' }] }],
    ['another suggestion', { errors: [{ ...error, suggestion: 'newCall()' }] }],
    ['a finding the table does not list', { errors: [] }],
    ['a finding the check does not report', { errors: [error, { ...error, line: 4 }] }],
  ])('fails an invalid case with %s', async (_, wrong) => {
    await expect(tester.expectInvalid({ name: 'wrong', code, ...wrong }, false)).rejects.toThrow(/"wrong"/);
  });

  it('checks the severity against the default when the table does not state it', async () => {
    const loud = 'declare function shout(): void;\nshout();\n';
    await expect(tester.expectInvalid({ name: 'default', code: loud, errors: [{ line: 2, column: 1, messageId: 'loud' }] }, false)).rejects.toThrow(/"default"/);
    await tester.expectInvalid({ name: 'info', code: loud, errors: [{ line: 2, column: 1, messageId: 'loud', severity: 'info' }] }, false);
  });

  it('fails a valid case that reports, and rejects malformed cases with the case name', async () => {
    await expect(tester.expectValid({ name: 'reports', code }, false)).rejects.toThrow(/"reports" reports nothing/);
    await expect(tester.expectInvalid({ name: 'two marks', code: '«a; «b;\n', errors: [{ messageId: 'call' }] }, false)).rejects.toThrow(/"two marks": 2 « marks but 1 errors/);
    await expect(tester.expectInvalid({ name: 'no position', code, errors: [{ messageId: 'call' }] }, false)).rejects.toThrow(/"no position": an error without line and column/);
    // @ts-expect-error -- a message id the check does not have is a compile error, and a run-time one
    await expect(tester.expectInvalid({ name: 'typo', code, errors: [{ ...error, messageId: 'cal' }] }, false)).rejects.toThrow(/no message id "cal"/);
  });
});
