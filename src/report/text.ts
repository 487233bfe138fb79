import type { ChalkInstance } from 'chalk';
import type { Finding } from '../core/finding.js';
import type { ExplainedQuery, ReviewResult } from '../core/review-result.js';
import { renderCodeFrame } from './code-frame.js';
import { problemAndFix } from './finding-fix.js';
import { formatMs } from './format-ms.js';
import type { FormatOptions } from './format-options.js';
import { paintFor, severityPaint } from './paint.js';
import { NO_FINDINGS, SEVERITY_STYLE, checklistCounts, findingCounts } from './severity-style.js';
import { uncheckedLines } from './unchecked.js';
import { wrap } from './wrap.js';

/** The terminal report: findings grouped by file with a code frame each, then notices and a summary. */
export function text(result: ReviewResult, options: FormatOptions): string {
  const paint = paintFor(options.color);
  const blocks: string[] = [];
  for (const [path, findings] of groupByPath(result.findings)) {
    blocks.push([paint.bold.underline(path), ...findings.map((f) => findingBlock(f, result, paint, options.width))].join('\n\n'));
  }
  if (result.explained.length > 0) blocks.push(explainedBlock(result.explained, paint));
  if (result.notices.length > 0) {
    blocks.push([paint.bold('Notices'), ...result.notices.map((n) => `  ${paint.yellow('•')} ${indent(n, 4).trimStart()}`)].join('\n'));
  }
  const unchecked = uncheckedLines(result);
  if (unchecked.length > 0) blocks.push([paint.yellow.bold('Not checked'), ...unchecked.map((n) => `  ${paint.yellow('!')} ${indent(n, 4).trimStart()}`)].join('\n'));
  const counts = findingCounts(result);
  const summary = counts ? paint.bold(counts) : paint.green.bold(`✔ ${NO_FINDINGS}`);
  blocks.push([summary, checklistCounts(result), ...hiddenCounts(result), ...fixableCount(result)].join(` ${paint.dim('·')} `));
  return `${blocks.join('\n\n')}\n`;
}

function findingBlock(f: Finding, result: ReviewResult, paint: ChalkInstance, width: number | undefined): string {
  const accent = severityPaint(paint, f.severity);
  const style = SEVERITY_STYLE[f.severity];
  const { problem, fix } = problemAndFix(f);
  const lines = [
    `  ${style.marker} ${accent.bold(style.label)}  ${paint.bold(`${f.path}:${f.line}:${f.column}`)}  ${paint.dim(f.ruleId)}`,
    indent(wrap(problem, width && width - 4, 0), 4),
  ];
  const frame = result.frames[f.fingerprint];
  if (frame) lines.push(...renderCodeFrame(frame, f, paint, accent).map((l) => `    ${l}`));
  for (const r of f.related ?? []) lines.push(`    ${paint.dim('↳')} ${r.path}:${r.line} ${paint.dim(r.message)}`);
  if (fix) lines.push(`    ${paint.green('Fix:')} ${indent(wrap(fix, width && width - 9, 0), 9).trimStart()}`);
  return lines.join('\n');
}

function explainedBlock(queries: ExplainedQuery[], paint: ChalkInstance): string {
  const lines = [paint.bold('Query plans')];
  for (const q of queries) {
    const time = q.totalMs === undefined ? '' : ` ${formatMs(q.totalMs)}`;
    lines.push(`  ${paint.bold(q.name)}  ${q.path}:${q.line}  ${q.status}${time}`);
    for (const note of q.notes) lines.push(`    ${paint.dim('•')} ${note}`);
    if (q.planText) lines.push(indent(q.planText.trimEnd(), 4));
  }
  return lines.join('\n');
}

/** Findings that exist but are not shown, so nobody wonders where one went. */
function hiddenCounts(result: ReviewResult): string[] {
  const { suppressed, baselined } = result.stats;
  const parts = [suppressed > 0 && `${suppressed} suppressed`, baselined > 0 && `${baselined} in the baseline`].filter(Boolean);
  return parts.length > 0 ? [parts.join(', ')] : [];
}

/** ESLint's "potentially fixable with the `--fix` option": the safe fixes `review --fix` would apply. */
function fixableCount(result: ReviewResult): string[] {
  const safe = result.findings.filter((f) => f.fix?.safe).length;
  return safe > 0 ? [`${safe} fixable with \`plumbline review --fix\``] : [];
}

function groupByPath(findings: Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) groups.set(f.path, [...(groups.get(f.path) ?? []), f]);
  return groups;
}

function indent(value: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return value
    .split(/\r?\n/)
    .map((l) => (l ? pad + l : l))
    .join('\n');
}
