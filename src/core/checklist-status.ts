import type { Finding } from './finding.js';
import type { ChecklistItemResult, UncheckedPart } from './review-result.js';

export interface ChecklistItem {
  id: string;
  title: string;
  rules: string[];
  manual: boolean;
}

export interface Checklist {
  id: string;
  title: string;
  sections: Array<{ id: string; title: string; items: ChecklistItem[] }>;
}

/** `query-plan/*` matches every rule under the prefix. */
export function ruleMatches(pattern: string, ruleId: string): boolean {
  return pattern.endsWith('/*') ? ruleId.startsWith(pattern.slice(0, -1)) : pattern === ruleId;
}

/** The checklist item a rule's findings count against: the first item that lists the rule. */
export function checklistItemFor(checklist: Checklist, ruleId: string): string | undefined {
  for (const section of checklist.sections) {
    for (const item of section.items) if (item.rules.some((p) => ruleMatches(p, ruleId))) return item.id;
  }
  return undefined;
}

/**
 * Every item is passed, failed (with its findings), unchecked or manual. An automated item whose rules
 * did not run at all (turned off, or no database for query plans) is manual; one whose rules ran but
 * could not read some changed file (syntax error, too large) or query is unchecked: "passed" would
 * claim what nobody checked. Findings win: a failed item fails whatever else was not checked.
 */
export function evaluateChecklist(checklist: Checklist, findings: Finding[], rulesThatRan: string[], unchecked: readonly UncheckedPart[] = []): ChecklistItemResult[] {
  return checklist.sections.flatMap((section) =>
    section.items.map((item): ChecklistItemResult => {
      const base = { id: item.id, title: item.title, sectionId: section.id, sectionTitle: section.title, rules: item.rules };
      const decidedBy = (rule: string) => item.rules.some((p) => ruleMatches(p, rule) || ruleMatches(rule, p));
      const decided = !item.manual && rulesThatRan.some(decidedBy);
      const count = item.manual ? 0 : findings.filter((f) => item.rules.some((p) => ruleMatches(p, f.ruleId))).length;
      if (count > 0) return { ...base, status: 'failed', findings: count };
      const missed = item.manual ? [] : unchecked.filter((part) => (part.rules ? part.rules.some(decidedBy) : decided));
      if (missed.length > 0) return { ...base, status: 'unchecked', findings: 0, reasons: missed.map(describePart) };
      return { ...base, status: decided ? 'passed' : 'manual', findings: 0 };
    }),
  );
}

function describePart(part: UncheckedPart): string {
  return part.path ? `${part.path}: ${part.reason}` : part.reason;
}
