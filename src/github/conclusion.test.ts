import { describe, expect, it } from 'vitest';
import { evaluateChecklist } from '../core/checklist-status.js';
import { CHECKLIST, RULES, finding, reviewResult } from '../../test/support/review-results.js';
import { verdictFor } from './conclusion.js';

// The App's and the Action's check run follow the CLI's gate (failsGate): unchecked fails unless allowed.
const unchecked = () => reviewResult({ checklist: evaluateChecklist(CHECKLIST, [], RULES.map((r) => r.id), [{ path: 'src/a.ts', reason: 'syntax error at line 1' }]) });

describe('verdictFor', () => {
  it.each([
    ['a finding at the gate', reviewResult({ findings: [finding({ path: 'a.ts', line: 1 })] }), 'error', [], false, 'failure'],
    ['an unchecked item', unchecked(), 'error', [], false, 'failure'],
    ['an unchecked item, allowed', unchecked(), 'error', [], true, 'success'],
    ['an unchecked item with fail-on never', unchecked(), 'never', [], false, 'success'],
    ['a part unavailable (database down)', reviewResult(), 'error', ['the staging database could not be used'], false, 'neutral'],
    ['nothing to report', reviewResult(), 'error', [], false, 'success'],
  ] as const)('%s: %s', (_name, result, failOn, unavailable, allowUnchecked, conclusion) => {
    expect(verdictFor(result, failOn, unavailable, allowUnchecked).conclusion).toBe(conclusion);
  });

  it('names the first unchecked item in the title', () => {
    expect(verdictFor(unchecked(), 'error', []).title).toMatch(/^Not checked: No silent failures \(uncaught promise rejections\)\? and \d+ more$/);
  });
});
