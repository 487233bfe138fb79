import { SyntaxKind } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { runCheckOn } from '../../test/support/check-harness.js';
import { defineCheck } from './check.js';

/** defineCheck infers the union of `meta.messages` ids: `npm run typecheck` fails on a messageId typo. */
const numbers = defineCheck({
  id: 'numbers',
  meta: {
    title: 'numbers',
    description: 'test check',
    checklistItem: 'maintainable.understandable',
    defaultSeverity: 'info',
    messages: { literal: 'The literal `{{text}}`.' },
  },
  run(context) {
    for (const file of context.files) {
      for (const literal of file.getDescendantsOfKind(SyntaxKind.NumericLiteral)) {
        context.report({ node: literal, messageId: 'literal', data: { text: literal.getText() } });
        // @ts-expect-error -- not an id of meta.messages: the compiler refuses it.
        if (literal.getText() === 'never') context.report({ node: literal, messageId: 'litteral' });
      }
    }
  },
});

describe('typed message ids', () => {
  it('a check defined without a type argument reports with its own message ids', async () => {
    const findings = await runCheckOn(numbers, { code: 'export const a = 42;\n' });
    expect(findings.map((f) => f.message)).toEqual(['The literal `42`.']);
  });
});
