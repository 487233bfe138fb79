import type { ChecklistItemResult, ReviewResult } from '../core/review-result.js';
import type { FormatOptions } from './format-options.js';
import { safeMarkdown } from './markdown-escape.js';
import { paintFor } from './paint.js';
import { checklistCounts, plural } from './severity-style.js';

export const CHECKLIST_MARKER = '<!-- plumbline:checklist -->';

/** Items in checklist order, grouped by their section. */
export function checklistSections(result: ReviewResult): Array<{ id: string; title: string; items: ChecklistItemResult[] }> {
  const sections: Array<{ id: string; title: string; items: ChecklistItemResult[] }> = [];
  for (const item of result.checklist) {
    let section = sections.find((s) => s.id === item.sectionId);
    if (!section) sections.push((section = { id: item.sectionId, title: item.sectionTitle, items: [] }));
    section.items.push(item);
  }
  return sections;
}

/**
 * Task-list lines: passed automated items ticked (✅), failed ones open with their count (❌), items
 * that could not be checked open with the reason (⚠️), manual items open for the human reviewer.
 */
export function checklistTaskLines(result: ReviewResult): string[] {
  const lines: string[] = [];
  for (const section of checklistSections(result)) {
    if (lines.length > 0) lines.push('');
    lines.push(`**${safeMarkdown(section.title)}**`);
    for (const item of section.items) lines.push(taskLine(item));
  }
  return lines;
}

function taskLine(item: ChecklistItemResult): string {
  const title = safeMarkdown(item.title);
  if (item.status === 'passed') return `- [x] ✅ ${title}`;
  if (item.status === 'failed') return `- [ ] ❌ ${title} — ${plural(item.findings, 'finding')}`;
  if (item.status === 'unchecked') return `- [ ] ⚠️ ${title} — **not checked**: ${safeMarkdown((item.reasons ?? []).join('; '))}`;
  return `- [ ] ${title}`;
}

/** The block to paste into a PR description (`plumbline checklist --format markdown`). */
export function checklistMarkdown(result: ReviewResult): string {
  return [
    CHECKLIST_MARKER,
    `### ${safeMarkdown(result.checklistTitle)}`,
    '',
    ...checklistTaskLines(result),
    '',
    `<sub>Plumbline: ${checklistCounts(result)}. Ticked items were checked automatically; open ones are for the author and the reviewer.</sub>`,
  ].join('\n').concat('\n');
}

const SYMBOL = { passed: '✔', failed: '✖', unchecked: '!', manual: '○' } as const;
const LABEL = { passed: 'passed', failed: 'failed', unchecked: 'not checked', manual: 'manual' } as const;

/** `plumbline checklist` in the terminal. */
export function checklistText(result: ReviewResult, options: Pick<FormatOptions, 'color'>): string {
  const paint = paintFor(options.color);
  const colour = { passed: paint.green, failed: paint.red, unchecked: paint.yellow, manual: paint.dim } as const;
  const lines = [paint.bold(result.checklistTitle)];
  for (const section of checklistSections(result)) {
    lines.push('', paint.bold(section.title));
    for (const item of section.items) {
      const count = item.status === 'failed' ? ` ${paint.red(`(${plural(item.findings, 'finding')})`)}` : '';
      lines.push(`  ${colour[item.status](`${SYMBOL[item.status]} ${LABEL[item.status].padEnd(6)}`)}  ${item.title}${count}`);
      for (const reason of item.status === 'unchecked' ? (item.reasons ?? []) : []) lines.push(`      ${paint.dim('↳')} ${reason}`);
    }
  }
  lines.push('', checklistCounts(result));
  return `${lines.join('\n')}\n`;
}
