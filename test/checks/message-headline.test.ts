import { describe, expect, it } from 'vitest';
import { checks } from '../../src/checks/registry.js';

// A busy developer reads a finding's first sentence and decides whether to read on: it says what is
// wrong in about 120 characters, and the why and the fix come after it. Placeholders count as 12
// characters (a short identifier); sentences end at `.`, `?`, `!` or `:` followed by a space.
const HEADLINE_LIMIT = 130;
const PLACEHOLDER = 'x'.repeat(12);

function headline(template: string): string {
  return template.replace(/\{\{\s*\w+\s*\}\}/g, PLACEHOLDER).split(/(?<=[.?!:])\s/)[0];
}

describe.each(checks.map((c) => [c.id, c] as const))('%s messages', (_id, check) => {
  it.each(Object.entries(check.meta.messages as Record<string, string>))('%s: first sentence within ~120 characters', (_messageId, template) => {
    expect(headline(template).length, headline(template)).toBeLessThanOrEqual(HEADLINE_LIMIT);
  });
});

describe('headline', () => {
  it('stops at the first sentence end and counts placeholders', () => {
    expect(headline('`{{name}}` is wrong. Because. Fix: this.')).toBe(`\`${PLACEHOLDER}\` is wrong.`);
    expect(headline('Is `a` a router? Express 4 …')).toBe('Is `a` a router?');
  });
});
