import { describe, expect, it } from 'vitest';
import { configChanges } from './config-changes.js';

describe('configChanges', () => {
  it('lists changed, added and removed settings by key path', () => {
    const base = { failOn: 'error', rules: { 'n-plus-one': 'warning' }, exclude: ['a'] };
    const head = { failOn: 'never', rules: { 'n-plus-one': 'off', 'pii-in-logs': 'off' }, exclude: ['a'] };
    expect(configChanges(base, head)).toEqual([
      '`failOn`: `"error"` → `"never"`',
      '`rules.n-plus-one`: `"warning"` → `"off"`',
      '`rules.pii-in-logs`: (unset) → `"off"`',
    ]);
  });

  it('is empty when nothing changed', () => {
    expect(configChanges({ a: [1, 2] }, { a: [1, 2] })).toEqual([]);
  });
});
