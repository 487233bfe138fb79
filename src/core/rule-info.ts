import type { Check } from './check.js';
import type { RuleInfo } from './review-result.js';

/** Where rule docs are published: the docs.md files of the repository. */
export const DOCS_BASE_URL = 'https://github.com/plumbline-dev/plumbline/blob/main/';

export function ruleInfoOf(check: Check<unknown>): RuleInfo {
  return {
    id: check.id,
    title: check.meta.title,
    description: check.meta.description,
    checklistItem: check.meta.checklistItem,
    defaultSeverity: check.meta.defaultSeverity,
    helpUri: `${DOCS_BASE_URL}src/checks/${check.id}/docs.md`,
  };
}

export const SUPPRESSION_RULE: RuleInfo = {
  id: 'invalid-suppression',
  title: 'Invalid suppression comment',
  description: 'A plumbline-ignore comment without a reason or naming an unknown rule silences nothing (warning); one that matched no finding in its line or statement is reported as info.',
  checklistItem: 'maintainable.understandable',
  defaultSeverity: 'warning',
  helpUri: `${DOCS_BASE_URL}README.md#suppressing-a-finding`,
};
