import { FAIL_ON_VALUES } from '../core/config/severity.js';
import { UserError } from '../core/errors.js';
import type { FailOn } from '../github/conclusion.js';

export interface ActionInputs {
  token?: string;
  failOn?: FailOn;
  /** `allow-unchecked`: true/false; undefined: the config's `allowUnchecked`. */
  allowUnchecked?: boolean;
  /** Post the sticky summary and inline comments (needs pull-requests: write). */
  comment: boolean;
  /** SARIF file for code scanning; empty: none. */
  sarif?: string;
  workingDirectory: string;
}

/**
 * Inputs as GitHub passes them to actions: `INPUT_<NAME>` upper-cased (JavaScript actions keep the
 * hyphen; the composite action.yml passes them with underscores).
 */
export function readInputs(env: NodeJS.ProcessEnv): ActionInputs {
  const input = (name: string) => (env[`INPUT_${name.toUpperCase()}`] ?? env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`] ?? '').trim();
  const failOn = input('fail-on');
  if (failOn && !(FAIL_ON_VALUES as readonly string[]).includes(failOn)) {
    throw new UserError(`input fail-on: expected one of ${FAIL_ON_VALUES.join(', ')}, got "${failOn}"`);
  }
  const allowUnchecked = input('allow-unchecked');
  if (allowUnchecked && allowUnchecked !== 'true' && allowUnchecked !== 'false') {
    throw new UserError(`input allow-unchecked: expected true or false, got "${allowUnchecked}"`);
  }
  return {
    allowUnchecked: allowUnchecked ? allowUnchecked === 'true' : undefined,
    token: input('github-token') || undefined,
    failOn: (failOn || undefined) as FailOn | undefined,
    comment: input('comment') !== 'false',
    sarif: input('sarif') || undefined,
    workingDirectory: input('working-directory') || env.GITHUB_WORKSPACE || process.cwd(),
  };
}
