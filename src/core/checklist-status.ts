import type { Finding } from './finding.js';
import type { ChecklistItemResult } from './review-result.js';

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
 * Every item is passed, failed (with its findings) or manual. An automated item whose rules did not
 * run (turned off, or no database for query plans) is manual: "passed" would claim what nobody checked.
 */
export function evaluateChecklist(checklist: Checklist, findings: Finding[], rulesThatRan: string[]): ChecklistItemResult[] {
  return checklist.sections.flatMap((section) =>
    section.items.map((item) => {
      const base = { id: item.id, title: item.title, sectionId: section.id, sectionTitle: section.title, rules: item.rules };
      const decided = !item.manual && rulesThatRan.some((r) => item.rules.some((p) => ruleMatches(p, r)));
      if (!decided) return { ...base, status: 'manual' as const, findings: 0 };
      const count = findings.filter((f) => item.rules.some((p) => ruleMatches(p, f.ruleId))).length;
      return { ...base, status: count > 0 ? ('failed' as const) : ('passed' as const), findings: count };
    }),
  );
}
