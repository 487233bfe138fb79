import type { Fix, Location, Log, ReportingDescriptor, Result } from 'sarif';
import type { Finding, FindingFix, RelatedLocation, Severity } from '../core/finding.js';
import { packageVersion } from '../core/package-info.js';
import type { ReviewResult, RuleInfo } from '../core/review-result.js';
import { DOCS_BASE_URL } from '../core/rule-info.js';
import type { FormatOptions } from './format-options.js';
import { problemAndFix } from './finding-fix.js';
import { uncheckedLines } from './unchecked.js';

const SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = DOCS_BASE_URL.replace(/\/blob\/.*$/, '');
/** Paths in findings are repository-relative; code scanning resolves %SRCROOT% to the checkout. */
const SRCROOT = '%SRCROOT%';
export const FINGERPRINT_KEY = 'plumbline/v1';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** SARIF 2.1.0 for code scanning: rule metadata with help, results with regions and fingerprints. */
export function sarif(result: ReviewResult, _options?: FormatOptions): string {
  const rules = rulesOf(result);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const log: Log = {
    $schema: SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'plumbline', version: packageVersion(), informationUri: INFORMATION_URI, rules: rules.map((r) => descriptor(r, result)) } },
        // ts-morph reports columns in UTF-16 code units (JavaScript string indexes).
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: [
              ...uncheckedLines(result).map((text) => ({ level: 'warning' as const, message: { text } })),
              ...result.notices.map((text) => ({ level: 'note' as const, message: { text } })),
            ],
          },
        ],
        results: result.findings.map((f) => resultOf(f, index.get(f.ruleId) ?? 0)),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** Every rule that ran, plus any rule a finding names that the metadata lacks, so ruleIndex is always valid. */
function rulesOf(result: ReviewResult): RuleInfo[] {
  // rules[] must hold unique entries (the schema says so) and every ruleId must have one.
  const rules = result.rules.filter((r, i) => result.rules.findIndex((o) => o.id === r.id) === i);
  for (const f of result.findings) {
    if (rules.some((r) => r.id === f.ruleId)) continue;
    rules.push({ id: f.ruleId, title: f.ruleId, description: f.ruleId, checklistItem: f.checklistItem, defaultSeverity: f.severity, helpUri: INFORMATION_URI });
  }
  return rules;
}

function descriptor(rule: RuleInfo, result: ReviewResult): ReportingDescriptor {
  const item = result.checklist.find((i) => i.id === rule.checklistItem);
  const checklistLine = item ? `${item.sectionTitle} — ${item.title} (${item.id})` : rule.checklistItem;
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    help: {
      text: `${rule.description}\n\nChecklist: ${checklistLine}\nDocs: ${rule.helpUri}`,
      markdown: `${rule.description}\n\n**Checklist:** ${checklistLine}\n\n[Documentation](${rule.helpUri})`,
    },
    helpUri: rule.helpUri,
    defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
    properties: { tags: ['plumbline', ...(item ? [item.sectionId] : []), `checklist:${rule.checklistItem}`] },
  };
}

function resultOf(f: Finding, ruleIndex: number): Result {
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: sarifText(f) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: fileUri(f.path), uriBaseId: SRCROOT },
          region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
        },
      },
    ],
    ...(f.related?.length ? { relatedLocations: f.related.map(relatedLocation) } : {}),
    ...(f.fix ? { fixes: [sarifFix(f.fix)] } : {}),
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    properties: { checklistItem: f.checklistItem, ...(f.suggestion ? { suggestion: f.suggestion } : {}) },
  };
}

/**
 * SARIF 2.1.0 §3.55 `fix`: one `artifactChange` per file, each edit a `replacement` of `deletedRegion`
 * (empty for an insertion, §3.57.3) by `insertedContent`. `safe` goes in the property bag.
 */
function sarifFix(fix: FindingFix): Fix {
  const paths = [...new Set(fix.edits.map((e) => e.path))];
  return {
    description: { text: fix.description },
    artifactChanges: paths.map((path) => ({
      artifactLocation: { uri: fileUri(path), uriBaseId: SRCROOT },
      replacements: fix.edits.filter((e) => e.path === path).map((e) => ({
        deletedRegion: { startLine: e.line, startColumn: e.column, endLine: e.endLine, endColumn: e.endColumn },
        insertedContent: { text: e.text },
      })),
    })),
    properties: { safe: fix.safe },
  };
}

function relatedLocation(r: RelatedLocation, id: number): Location {
  return {
    id,
    physicalLocation: {
      artifactLocation: { uri: fileUri(r.path), uriBaseId: SRCROOT },
      region: r.column === undefined ? { startLine: r.line } : { startLine: r.line, startColumn: r.column },
    },
    message: { text: r.message },
  };
}

/** A relative URI reference: each path segment percent-encoded (spaces, `#`, `%`, non-ASCII names). */
export function fileUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** SARIF `name` is an identifier-like form of the id: `n-plus-one` → `NPlusOne`. */
function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

/** The message, then its one fix on its own line (see finding-fix.ts). */
function sarifText(f: Finding): string {
  const { problem, fix } = problemAndFix(f);
  return fix ? `${problem}\nFix: ${fix}` : problem;
}
