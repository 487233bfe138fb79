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

/**
 * One text edit of a fix: replace the text from (line, column) up to, not including, (endLine,
 * endColumn) with `text`. Equal start and end is an insertion. Positions are 1-based, like a finding's.
 */
export interface TextEdit extends SourceRange {
  text: string;
}

/** A machine-applicable fix: the edits that rewrite the reported code (JSON contract addition). */
export interface FindingFix {
  /** What applying it does, e.g. "Extract `const RETRY_DELAY_MS = 5000;`". */
  description: string;
  /** True when applying it cannot change behaviour: `plumbline review --fix` applies only these. */
  safe: boolean;
  /** Non-overlapping edits, in source order. */
  edits: TextEdit[];
}

export interface Finding extends SourceRange {
  ruleId: string;
  severity: Severity;
  message: string;
  checklistItem: string;
  fingerprint: string;
  suggestion?: string;
  /** Present when the fix is mechanical; the prose fix stays in the message. */
  fix?: FindingFix;
  related?: RelatedLocation[];
}

/** What a check reports; the pipeline adds severity defaults, the checklist item and the fingerprint. */
export interface FindingDraft extends SourceRange {
  ruleId: string;
  message: string;
  severity?: Severity;
  suggestion?: string;
  fix?: FindingFix;
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
