import { SEVERITY_RANK, type Finding } from '../core/finding.js';
import type { ExplainedQuery, ReviewResult } from '../core/review-result.js';
import { checklistTaskLines } from './checklist.js';
import type { FormatOptions } from './format-options.js';
import { formatMs } from './format-ms.js';
import { characterCount, codeBlock, escapeMarkdown, inlineCode, markdownText, safeHtml, safeMarkdown } from './markdown-escape.js';
import { problemAndFix } from './finding-fix.js';
import { NO_FINDINGS, SEVERITY_STYLE, checklistCounts, findingCounts, plural } from './severity-style.js';

/** The bot finds and edits its own comment by this marker (one sticky comment per PR). */
export const SUMMARY_MARKER = '<!-- plumbline:summary -->';
/** GitHub rejects issue/PR comment bodies longer than this many characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;
/** Check-run `output.summary` and `output.text` allow one character less. */
export const CHECK_RUN_SUMMARY_LIMIT = 65_535;

const OTHER_SECTION = { id: '', title: 'Other findings' };

interface Piece {
  text: string;
  /** Where it goes in the comment; pieces are chosen by priority, then laid out in this order. */
  order: number[];
}

/**
 * The PR comment body: summary, checklist, findings by checklist section, EXPLAIN plans, notices.
 * It stays within `maxLength`: the headline, checklist and notices always go in, then findings
 * blocking-first, then query plans; each piece is whole (code fences closed) and whatever is cut
 * is counted in a closing notice.
 */
export function markdown(result: ReviewResult, options: Partial<FormatOptions> = {}): string {
  const limit = options.maxLength ?? GITHUB_COMMENT_LIMIT;
  const head = headPieces(result);
  const findings = findingPieces(result);
  const plans = result.explained.map((q, i): Piece => ({ text: explainedBlock(q), order: [4, i + 1] }));
  const notices = result.notices.map((n, i): Piece => ({ text: `- ${markdownText(n)}`, order: [6, i + 1] }));
  const cost = (p: Piece) => characterCount(p.text) + 1;

  const everything = new Set([...head, ...findings.flatMap((f) => [...f.headings, f.piece])]);
  if (plans.length > 0) [PLANS_HEADING, ...plans].forEach((p) => everything.add(p));
  if (notices.length > 0) [NOTICES_HEADING, ...notices].forEach((p) => everything.add(p));
  if ([...everything].reduce((n, p) => n + cost(p), 0) <= limit) return render([...everything]);

  const chosen = new Set<Piece>();
  let used = 0;
  let budget = limit;
  const tryAdd = (pieces: Piece[]): boolean => {
    const total = pieces.filter((p) => !chosen.has(p)).reduce((n, p) => n + cost(p), 0);
    if (used + total > budget) return false;
    pieces.forEach((p) => chosen.add(p));
    used += total;
    return true;
  };
  // Room for the closing notice at its longest, so adding it can never break the limit.
  const longestCut = cutNotice([
    { what: 'finding', kept: 0, total: findings.length },
    { what: 'query plan', kept: 0, total: plans.length },
    { what: 'notice', kept: 0, total: notices.length },
  ]);
  const reserve = characterCount(longestCut) + 2;
  budget -= reserve;
  for (const piece of head) if (!tryAdd([piece])) break;
  const noticesIn = notices.filter((p) => tryAdd([NOTICES_HEADING, p])).length;
  const prioritised = [...findings].sort((a, b) => SEVERITY_RANK[b.finding.severity] - SEVERITY_RANK[a.finding.severity] || a.index - b.index);
  const findingsIn = prioritised.filter((f) => tryAdd([...f.headings, f.piece])).length;
  const plansIn = plans.filter((p) => tryAdd([PLANS_HEADING, p])).length;

  budget += reserve;
  const cut = cutNotice([
    { what: 'finding', kept: findingsIn, total: findings.length },
    { what: 'query plan', kept: plansIn, total: plans.length },
    { what: 'notice', kept: noticesIn, total: notices.length },
  ]);
  tryAdd([{ text: `\n${cut}`, order: [9] }]);
  return render([...chosen]);
}

/** Pieces in comment order, one per line; the length is the sum of the pieces plus one newline each. */
function render(pieces: Piece[]): string {
  const body = [...pieces]
    .sort((a, b) => compareOrder(a.order, b.order))
    .map((p) => p.text)
    .join('\n');
  return `${body}\n`;
}

function headPieces(result: ReviewResult): Piece[] {
  const counts = findingCounts(result);
  const worst = result.findings.reduce<Finding['severity'] | undefined>(
    (w, f) => (!w || SEVERITY_RANK[f.severity] > SEVERITY_RANK[w] ? f.severity : w),
    undefined,
  );
  const icon = worst ? SEVERITY_STYLE[worst].marker : '✅';
  const lines = [
    SUMMARY_MARKER,
    `## ${icon} Plumbline: ${counts ?? NO_FINDINGS}`,
    '',
    `Reviewed ${inlineCode(result.source)} · ${plural(result.stats.filesReviewed, 'file')} · ${checklistCounts(result)}`,
    '',
    `### ${safeMarkdown(result.checklistTitle)}`,
    '',
    ...checklistTaskLines(result),
  ];
  // One piece per line, so a tiny limit cuts the checklist at a line, never inside one.
  return lines.map((text, i) => ({ text, order: [0, i] }));
}

interface FindingPiece {
  finding: Finding;
  index: number;
  piece: Piece;
  headings: Piece[];
}

function findingPieces(result: ReviewResult): FindingPiece[] {
  const sectionOrder = [...new Set(result.checklist.map((i) => i.sectionId))];
  const headings = new Map<string, Piece>();
  const heading = (sectionId: string, title: string): Piece => {
    const existing = headings.get(sectionId);
    if (existing) return existing;
    const rank = sectionId === OTHER_SECTION.id ? sectionOrder.length : sectionOrder.indexOf(sectionId);
    const piece = { text: `\n#### ${safeMarkdown(title)}\n`, order: [2, rank, -1] };
    headings.set(sectionId, piece);
    return piece;
  };
  const findingsHeading: Piece = { text: '\n### Findings', order: [1] };
  return result.findings.map((finding, index) => {
    const item = result.checklist.find((i) => i.id === finding.checklistItem);
    const section = item ? { id: item.sectionId, title: item.sectionTitle } : OTHER_SECTION;
    const sectionHeading = heading(section.id, section.title);
    return {
      finding,
      index,
      headings: [findingsHeading, sectionHeading],
      piece: { text: findingBlock(finding), order: [2, sectionHeading.order[1], index] },
    };
  });
}

function findingBlock(f: Finding): string {
  const style = SEVERITY_STYLE[f.severity];
  const { problem, fix } = problemAndFix(f);
  const lines = [`- ${style.marker} **${style.label}** ${inlineCode(`${f.path}:${f.line}`)} ${markdownText(problem)} (${inlineCode(f.ruleId)})`];
  for (const r of f.related ?? []) lines.push(`  ↳ ${inlineCode(`${r.path}:${r.line}`)} ${markdownText(r.message)}`);
  if (fix) lines.push(`  **Fix:** ${markdownText(fix)}`);
  return lines.join('\n');
}

/** The body of an inline review comment on the finding's line (the App posts one per finding). */
export function inlineCommentMarkdown(f: Finding, result: ReviewResult): string {
  const style = SEVERITY_STYLE[f.severity];
  const rule = result.rules.find((r) => r.id === f.ruleId);
  const ruleRef = rule ? `[${inlineCode(f.ruleId)}](${encodeURI(rule.helpUri)})` : inlineCode(f.ruleId);
  const { problem, fix } = problemAndFix(f);
  const lines = [`${style.marker} **${style.label}** · ${ruleRef}`, '', markdownText(problem)];
  if (fix) lines.push('', `**Fix:** ${markdownText(fix)}`);
  if (f.related?.length) lines.push('', ...f.related.map((r) => `- ↳ ${inlineCode(`${r.path}:${r.line}`)} ${markdownText(r.message)}`));
  return `${lines.join('\n')}\n`;
}

const PLANS_HEADING: Piece = { text: '\n### Query plans\n', order: [4, 0] };
const STATUS_ICON: Record<ExplainedQuery['status'], string> = { ok: '⏱️', 'timed-out': '⏳', refused: '⛔', error: '⚠️', skipped: '⏭️' };

function explainedBlock(q: ExplainedQuery): string {
  const time = q.totalMs === undefined ? '' : ` · ${formatMs(q.totalMs)}`;
  const summary = `${STATUS_ICON[q.status]} <code>${safeHtml(q.name)}</code> · ${safeHtml(`${q.path}:${q.line}`)} · ${q.status}${time}`;
  const lines = [`<details><summary>${summary}</summary>`, '', codeBlock(q.sql, 'sql')];
  if (q.parameters.length > 0) {
    lines.push('', 'Parameters:', ...q.parameters.map((p) => `- ${inlineCode(p.name)} = ${inlineCode(p.value)} (${escapeMarkdown(p.source)})`));
  }
  if (q.notes.length > 0) lines.push('', ...q.notes.map((n) => `- ${markdownText(n)}`));
  if (q.planText) {
    const marked = q.planText.includes('▶') ? ' (▶ marks the hot path)' : '';
    lines.push('', `Plan${marked}:`, '', codeBlock(q.planText));
  }
  lines.push('', '</details>');
  return lines.join('\n');
}

const NOTICES_HEADING: Piece = { text: '\n### Notices\n', order: [6, 0] };

interface CutCount {
  what: string;
  kept: number;
  total: number;
}

/** The closing notice: what was left out, and where to find all of it. */
function cutNotice(counts: CutCount[]): string {
  const parts = counts.filter((c) => c.kept < c.total).map((c) => `${plural(c.total - c.kept, c.what)} of ${c.total} left out`);
  return `> [!NOTE]\n> This comment is shortened to fit GitHub's size limit: ${parts.join(', ')}. Run \`plumbline review\` locally or download the SARIF report for everything.`;
}

function compareOrder(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? -Infinity) - (b[i] ?? -Infinity);
    if (d !== 0) return d;
  }
  return 0;
}
