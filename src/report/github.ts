import type { Finding, Severity } from '../core/finding.js';
import type { ReviewResult } from '../core/review-result.js';
import type { FormatOptions } from './format-options.js';
import { problemAndFix } from './finding-fix.js';
import { SEVERITY_STYLE, summaryLine } from './severity-style.js';
import { uncheckedLines } from './unchecked.js';

/** GitHub workflow commands: https://docs.github.com/actions/reference/workflow-commands-for-github-actions */
const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice' };

/**
 * Escaping as in @actions/core (toolkit `command.ts`): in the message, `%`, CR and LF; in property
 * values also `:` and `,`, which would otherwise end the value or the property list. Without it a
 * message with a newline could start a workflow command of its own.
 */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One `::error file=…::message` line per finding; the CLI prints these beside any format. */
export function githubAnnotations(result: ReviewResult): string {
  return [...result.findings.map(annotation), ...uncheckedLines(result).map(uncheckedAnnotation)].join('\n');
}

/** A file-less warning: GitHub shows it on the run page, where a skipped file would otherwise go unseen. */
function uncheckedAnnotation(line: string): string {
  return `::warning title=${escapeProperty('plumbline: not checked')}::${escapeData(line)}`;
}

export function annotation(f: Finding): string {
  const properties: Array<[string, string | number]> = [
    ['file', f.path],
    ['line', f.line],
    ['endLine', f.endLine],
  ];
  // Columns only mean something on a single-line range (GitHub ignores them otherwise).
  if (f.endLine === f.line) properties.push(['col', f.column], ['endColumn', f.endColumn]);
  properties.push(['title', `${SEVERITY_STYLE[f.severity].label} · ${f.ruleId}`]);
  const { problem, fix } = problemAndFix(f);
  const body = [problem, fix && `Fix: ${fix}`, ...(f.related ?? []).map((r) => `↳ ${r.path}:${r.line} ${r.message}`)]
    .filter(Boolean)
    .join('\n');
  const props = properties.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
  return `::${COMMAND[f.severity]} ${props}::${escapeData(body)}`;
}

/** The `github` format: annotations, notices as file-less notices, and the summary as a log line. */
export function github(result: ReviewResult, _options?: FormatOptions): string {
  const lines = result.findings.map(annotation);
  lines.push(...uncheckedLines(result).map(uncheckedAnnotation));
  for (const notice of result.notices) lines.push(`::notice title=${escapeProperty('plumbline')}::${escapeData(notice)}`);
  lines.push(`plumbline: ${summaryLine(result)}`);
  return `${lines.join('\n')}\n`;
}
