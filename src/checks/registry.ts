import type { Check } from '../core/check.js';

/** Every built-in check. Adding a check is one folder under src/checks/ and one line here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const checks: Check<any>[] = [];
