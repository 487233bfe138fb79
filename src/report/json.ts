import type { Finding, RelatedLocation } from '../core/finding.js';
import type { ReviewResult } from '../core/review-result.js';
import type { FormatOptions } from './format-options.js';

/**
 * The JSON contract of DESIGN.md: `{ version, findings, checklist, stats }`, plus `notices` and
 * `explained` (additive keys, so consumers of the contract are unaffected). Keys come in a fixed
 * order and undefined optionals are left out, so the output diffs cleanly between runs.
 */
export function json(result: ReviewResult, _options?: FormatOptions): string {
  const body = {
    version: 1,
    findings: result.findings.map(findingJson),
    checklist: result.checklist.map(({ id, title, status, findings, reasons }) => compact({ id, title, status, findings, reasons })),
    stats: result.stats,
    notices: result.notices,
    explained: result.explained,
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

export function findingJson(f: Finding): Finding {
  return compact({
    ruleId: f.ruleId,
    severity: f.severity,
    path: f.path,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    message: f.message,
    checklistItem: f.checklistItem,
    fingerprint: f.fingerprint,
    suggestion: f.suggestion,
    fix: f.fix,
    related: f.related?.length ? f.related.map(relatedJson) : undefined,
  });
}

function relatedJson(r: RelatedLocation): RelatedLocation {
  return compact({ path: r.path, line: r.line, column: r.column, message: r.message });
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
