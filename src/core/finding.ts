/** The finding shape of the JSON contract in DESIGN.md. Lines and columns are 1-based. */
export type Severity = 'error' | 'warning' | 'info';

export const SEVERITY_RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

export interface SourceRange {
  /** Repository-relative, posix separators. */
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface RelatedLocation {
  path: string;
  line: number;
  column?: number;
  message: string;
}

export interface Finding extends SourceRange {
  ruleId: string;
  severity: Severity;
  message: string;
  checklistItem: string;
  fingerprint: string;
  suggestion?: string;
  related?: RelatedLocation[];
}

/** What a check reports; the pipeline adds severity defaults, the checklist item and the fingerprint. */
export interface FindingDraft extends SourceRange {
  ruleId: string;
  message: string;
  severity?: Severity;
  suggestion?: string;
  related?: RelatedLocation[];
  /**
   * Extra text that tells two findings on the same line apart (e.g. the callee).
   * The fingerprint never uses line numbers, so it survives unrelated line moves.
   */
  fingerprintKey?: string;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.path.localeCompare(b.path) ||
    a.line - b.line ||
    a.column - b.column ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.message.localeCompare(b.message)
  );
}
