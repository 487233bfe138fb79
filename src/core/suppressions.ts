import type { FindingDraft } from './finding.js';

/**
 * Inline suppressions: `// plumbline-ignore-next-line <rule-id> -- <reason>` above the line, or
 * `// plumbline-ignore <rule-id> -- <reason>` at the end of it. A reason is required, so that the
 * next reader knows why; a suppression without one, or naming an unknown rule, is reported itself.
 * The pipeline widens each one to the statement that starts on its line (suppression-scope.ts), and
 * reports one that silenced nothing (ESLint's reportUnusedDisableDirectives), both as invalid-suppression.
 */
export const INVALID_SUPPRESSION = 'invalid-suppression';

export interface Suppression {
  path: string;
  /** The line the suppression applies to… */
  line: number;
  /** …through this line: the end of the statement that starts on `line` (suppression-scope.ts). */
  endLine: number;
  rules: string[];
  /** Where the comment is, to report it when it silences nothing. */
  comment: { line: number; column: number; endColumn: number };
}

export interface ParsedSuppressions {
  suppressions: Suppression[];
  problems: FindingDraft[];
}

const DIRECTIVE = /(?:\/\/|\/\*|--|#)\s*plumbline-ignore(-next-line)?(?=\s|$|\*\/)(.*)$/;

export function parseSuppressions(path: string, text: string, knownRules: (id: string) => boolean): ParsedSuppressions {
  const suppressions: Suppression[] = [];
  const problems: FindingDraft[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((lineText, index) => {
    const match = DIRECTIVE.exec(lineText);
    if (!match) return;
    const lineNo = index + 1;
    const column = match.index + 1;
    const body = match[2].replace(/\*\/\s*$/, '').trim();
    const [rulePart, ...reasonParts] = body.split(/\s--\s|^--\s|\s--$/);
    const reason = reasonParts.join(' -- ').trim();
    const rules = rulePart.split(/[\s,]+/).filter(Boolean);
    const at = { path, line: lineNo, column, endLine: lineNo, endColumn: lineText.length + 1 };
    if (rules.length === 0) {
      problems.push({ ...at, ruleId: INVALID_SUPPRESSION, severity: 'warning', message: 'Suppression names no rule: write `plumbline-ignore-next-line <rule-id> -- <reason>` so only that rule is silenced.' });
      return;
    }
    const unknown = rules.filter((r) => !knownRules(r));
    if (unknown.length > 0) {
      problems.push({ ...at, ruleId: INVALID_SUPPRESSION, severity: 'warning', message: `Suppression names unknown rule \`${unknown.join('`, `')}\`: it silences nothing. Run \`plumbline rules\` for the rule ids.` });
    }
    if (!reason) {
      problems.push({ ...at, ruleId: INVALID_SUPPRESSION, severity: 'warning', message: `Suppression of \`${rules.join('`, `')}\` has no reason: add \`-- <why this is safe>\` so the next reader knows; it is not applied until then.` });
      return;
    }
    const line = match[1] ? nextCodeLine(lines, index) : lineNo;
    suppressions.push({ path, line, endLine: line, rules: rules.filter((r) => knownRules(r)), comment: { line: lineNo, column, endColumn: at.endColumn } });
  });
  return { suppressions, problems };
}

/** The line after the directive, skipping further comment-only lines (e.g. a second directive). */
function nextCodeLine(lines: string[], index: number): number {
  let i = index + 1;
  while (i < lines.length && /^\s*(\/\/|\/\*|\*)/.test(lines[i])) i++;
  return i + 1;
}

export function isSuppressed(draft: FindingDraft, suppressions: Suppression[]): boolean {
  return suppressions.some((s) => silences(s, draft));
}

function silences(s: Suppression, draft: FindingDraft): boolean {
  return s.path === draft.path && s.line <= draft.line && draft.line <= s.endLine && matchesRule(s.rules, draft.ruleId);
}

/**
 * An `info` invalid-suppression finding for each rule a suppression names that silenced nothing in its
 * line or statement. Only rules that ran count (`ran`): a query-plan suppression is not "unused" on a
 * run without a database, nor one for a rule switched off.
 */
export function unusedSuppressions(suppressions: Suppression[], drafts: FindingDraft[], ran: (ruleId: string) => boolean): FindingDraft[] {
  return suppressions.flatMap((s) => {
    const unused = s.rules.filter((rule) => ran(rule) && !drafts.some((d) => silences({ ...s, rules: [rule] }, d)));
    if (unused.length === 0) return [];
    const { line, column, endColumn } = s.comment;
    const what = s.endLine > s.line ? `lines ${s.line}–${s.endLine}` : `line ${s.line}`;
    return [{ ruleId: INVALID_SUPPRESSION, severity: 'info' as const, path: s.path, line, column, endLine: line, endColumn, message: `Suppression of \`${unused.join('`, `')}\` silences nothing: no such finding on ${what}. Remove it, or it will hide a future finding nobody has seen.` }];
  });
}

function matchesRule(rules: string[], ruleId: string): boolean {
  return rules.some((r) => r === ruleId || (r.endsWith('/*') && ruleId.startsWith(r.slice(0, -1))));
}
