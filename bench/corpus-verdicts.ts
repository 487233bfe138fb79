/** The reviewed verdicts of test/corpus/verdicts.yml and the precision they give per rule. */
export interface Verdict {
  repo: string;
  rule: string;
  fingerprint: string;
  /** Where the finding was when it was reviewed (informative: fingerprints do not use lines). */
  at: string;
  verdict: 'tp' | 'fp';
  reason: string;
}

export interface RulePrecision {
  rule: string;
  /** Reviewed findings that the current run still reports. */
  reviewed: number;
  truePositives: number;
  precision: number | undefined;
  /** Findings reviewed as true positives that the current run no longer reports (lost recall). */
  lost: number;
}

/** Precision per rule over the reviewed findings that `current` (fingerprints of a run) still holds. */
export function precisionByRule(verdicts: Verdict[], current: Set<string>): RulePrecision[] {
  const rules = [...new Set(verdicts.map((v) => v.rule))].sort();
  return rules.map((rule) => {
    const ofRule = verdicts.filter((v) => v.rule === rule);
    const reported = ofRule.filter((v) => current.has(v.fingerprint));
    const truePositives = reported.filter((v) => v.verdict === 'tp').length;
    return {
      rule,
      reviewed: reported.length,
      truePositives,
      precision: reported.length > 0 ? truePositives / reported.length : undefined,
      lost: ofRule.filter((v) => v.verdict === 'tp' && !current.has(v.fingerprint)).length,
    };
  });
}
