import { SEVERITY_RANK, type Severity } from '../core/finding.js';
import type { ReviewResult } from '../core/review-result.js';
import { summaryLine } from '../report/severity-style.js';
import type { CheckConclusion } from './check-run.js';

export type FailOn = Severity | 'never';

export interface Verdict {
  conclusion: CheckConclusion;
  title: string;
}

/**
 * The gate, the CLI's rule (failsGate): failure when a finding is at or above `failOn`, or when a
 * checklist item could not be checked (a changed file with a syntax error…) unless `allowUnchecked`;
 * otherwise neutral when a part the review needed did not run (a database, a GitHub call), since
 * "success" would claim what nobody checked.
 */
export function verdictFor(result: ReviewResult, failOn: FailOn, unavailable: readonly string[], allowUnchecked = false): Verdict {
  const failing = failOn === 'never' ? [] : result.findings.filter((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]);
  if (failing.length > 0) return { conclusion: 'failure', title: summaryLine(result) };
  const unchecked = result.checklist.filter((i) => i.status === 'unchecked');
  if (failOn !== 'never' && !allowUnchecked && unchecked.length > 0) {
    return { conclusion: 'failure', title: `Not checked: ${unchecked[0].title}${unchecked.length > 1 ? ` and ${unchecked.length - 1} more` : ''}` };
  }
  if (unavailable.length > 0) return { conclusion: 'neutral', title: `Incomplete review: ${unavailable[0]}` };
  return { conclusion: 'success', title: summaryLine(result) };
}
