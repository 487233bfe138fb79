import picomatch from 'picomatch';
import type { SourceFile } from 'ts-morph';
import { readBaseline } from './baseline.js';
import { loadCatalog } from './catalog.js';
import type { ChangeSet } from './changes/change-set.js';
import type { Check } from './check.js';
import { checklistItemFor, evaluateChecklist, type Checklist } from './checklist-status.js';
import { changedFilesByPath, touchesChange } from './diff-filter.js';
import { compareFindings, SEVERITY_RANK, type Finding, type FindingDraft, type Severity } from './finding.js';
import { assignFingerprints } from './fingerprint.js';
import { findDependents } from './dependents.js';
import { isAnalyzable, loadProjects } from './project.js';
import type { QueryPlanner } from './query-planner.js';
import type { CodeFrame, ExplainedQuery, ReviewResult, RuleInfo, UncheckedPart } from './review-result.js';
import { ruleInfoOf, SUPPRESSION_RULE } from './rule-info.js';
import { runCheck, type CheckFinding } from './run-check.js';
import { regradeWithPlans } from './plan-regrade.js';
import { INVALID_SUPPRESSION, isSuppressed, parseSuppressions, unusedSuppressions, type Suppression } from './suppressions.js';
import { widenToStatements } from './suppression-scope.js';
import { UserError } from './errors.js';
import { digestOf } from './source-digest.js';

export interface RuleSetting {
  severity?: Severity | 'off';
  options?: unknown;
}

/** The parts of the validated configuration the pipeline needs. */
export interface ReviewSettings {
  include: string[];
  exclude: string[];
  rules: Record<string, RuleSetting>;
  catalog: Record<string, unknown[]>;
  /** `file:line` of each `catalog` entry (LoadedConfig.catalogSources), named when an entry is invalid. */
  catalogSources?: Record<string, string[]>;
  checklist: Checklist;
  /** Repository-relative path of the baseline file; its fingerprints are hidden. */
  baseline?: string;
  /** The `explain` config section, handed to the query planner. */
  explain?: unknown;
}

export interface ReviewOptions {
  changes: ChangeSet;
  settings: ReviewSettings;
  checks: Check<unknown>[];
  /** Review whole files: every file in `allFiles`, findings on any line. */
  all?: boolean;
  /** Repository-relative paths reviewed with `all`. */
  allFiles?: string[];
  queryPlanner?: QueryPlanner;
  /** Rule ids suppression comments may name (the front end's RuleRegistry.isKnown); default: the checks and query-plan/*. */
  isKnownRule?: (id: string) => boolean;
  /** Parts the front end knows were not checked (e.g. the App's staging database was expected but missing). */
  unchecked?: UncheckedPart[];
  /** How long the front end took to read the change (ms), reported as the `changes` phase. */
  changesMs?: number;
}

const DEFAULT_EXCLUDE = ['**/node_modules/**', '**/dist/**', '**/build/**', '**/coverage/**', '**/*.min.js', '**/*.d.ts'];

/** changes → project → checks → filter → suppress → baseline → checklist → result. */
export async function review(options: ReviewOptions): Promise<ReviewResult> {
  const started = performance.now();
  const { changes, settings } = options;
  const notices = [...changes.notices];
  const inScope = fileFilter(settings);
  const candidates = options.all
    ? (options.allFiles ?? [])
    : changes.files.filter((f) => f.status !== 'deleted' && !f.binary && !f.modeOnly).map((f) => f.path);
  const reviewPaths = candidates.filter((p) => isAnalyzable(p) && inScope(p));

  // Unchanged files that import the changed ones: where a loop reaching changed code lives.
  const clock = phaseClock();
  const enabled = options.checks.filter((c) => settings.rules[c.id]?.severity !== 'off');
  const context = options.all || !enabled.some((c) => c.meta.needsContext)
    ? []
    : (await findDependents(changes.root, reviewPaths)).filter((p) => isAnalyzable(p) && inScope(p) && !reviewPaths.includes(p));
  const dependentsMs = clock();
  const loaded = loadProjects(changes.root, [...reviewPaths, ...context]);
  const projectLoadMs = clock();
  notices.push(...loaded.notices);
  notices.push(...scopeNotices(changes, candidates, reviewPaths, options.all ?? false));
  // Unchanged context files that fail to load do not leave a changed line unchecked.
  const unchecked = [...loaded.unchecked.filter((u) => u.path !== undefined && reviewPaths.includes(u.path)), ...(options.unchecked ?? [])];
  const catalog = loadCatalog(settings.catalog, undefined, settings.catalogSources);

  let drafts: CheckFinding[] = [];
  const optionsById = new Map<string, unknown>();
  const contextPaths = new Set(context);
  const checkMs: Record<string, number> = {};
  clock();
  for (const check of enabled) {
    const checkOptions = parseCheckOptions(check, settings.rules[check.id]?.options);
    optionsById.set(check.id, checkOptions);
    for (const group of loaded.groups) {
      const files = check.meta.needsContext ? group.files : group.files.filter((sf) => !contextPaths.has(relative(changes.root, sf.getFilePath())));
      if (files.length === 0) continue;
      drafts.push(...(await runCheck({ check, project: group.project, files, root: changes.root, catalog, options: checkOptions })));
    }
    checkMs[check.id] = clock();
  }

  const rules: RuleInfo[] = enabled.map(ruleInfoOf);
  const explained: ReviewResult['explained'] = [];
  if (options.queryPlanner) {
    const planned = await options.queryPlanner({
      files: loaded.groups.flatMap((g) => g.files),
      changes,
      root: changes.root,
      catalog,
      config: settings.explain,
      all: options.all ?? false,
    });
    drafts.push(...planned.findings);
    explained.push(...planned.explained);
    notices.push(...planned.notices);
    unchecked.push(...planned.explained.filter(notExplained).map(queryPart));
    for (const rule of planned.rules) if (!rules.some((r) => r.id === rule.id)) rules.push(rule);
    drafts = regradeWithPlans(drafts, planned.explained, enabled, (id) => optionsById.get(id));
  }
  const explainElapsed = clock();
  const explainMs = options.queryPlanner ? explainElapsed : 0;

  const texts = await sourceTexts(changes, loaded.groups.flatMap((g) => g.files), drafts);
  const ruleIds = new Set(rules.map((r) => r.id));
  const known = options.isKnownRule ?? ((id: string) => ruleIds.has(id) || options.checks.some((c) => c.id === id) || id.startsWith('query-plan/'));
  const parsedSuppressions: Suppression[] = [];
  for (const [path, text] of texts) {
    const parsed = parseSuppressions(path, text, known);
    parsedSuppressions.push(...parsed.suppressions);
    drafts.push(...parsed.problems);
  }
  const sourceFiles = new Map(loaded.groups.flatMap((g) => g.files).map((sf) => [relative(changes.root, sf.getFilePath()), sf] as const));
  const suppressions = widenToStatements(parsedSuppressions, sourceFiles);
  const ran = (id: string) => enabled.some((c) => c.id === id) || (options.queryPlanner !== undefined && id.startsWith('query-plan/') && settings.rules[id]?.severity !== 'off');
  drafts.push(...unusedSuppressions(suppressions, drafts, (id) => ran(id) || (id.endsWith('/*') && ran(`${id.slice(0, -1)}x`))));
  if (drafts.some((d) => d.ruleId === INVALID_SUPPRESSION)) rules.push(SUPPRESSION_RULE);

  const changed = changedFilesByPath(changes);
  // A rule set to `off` reports nothing, whichever stage found it (query plans, suppressions).
  const switchedOn = drafts.filter((d) => settings.rules[d.ruleId]?.severity !== 'off');
  const onChange = options.all ? switchedOn : switchedOn.filter((d) => touchesChange(d, changed));
  const kept = onChange.filter((d) => !isSuppressed(d, suppressions));
  const lineText = (path: string, line: number) => texts.get(path)?.split(/\r?\n/)[line - 1] ?? '';
  const fingerprints = assignFingerprints(kept, lineText);
  const baseline = settings.baseline ? await readBaseline(changes.root, settings.baseline) : new Set<string>();

  const findings: Finding[] = [];
  kept.forEach((draft, i) => {
    if (baseline.has(fingerprints[i])) return;
    const rule = rules.find((r) => r.id === draft.ruleId);
    const configured = settings.rules[draft.ruleId]?.severity;
    findings.push(
      withoutUndefined({
        ruleId: draft.ruleId,
        severity: configured && configured !== 'off' ? configured : (draft.severity ?? rule?.defaultSeverity ?? 'warning'),
        path: draft.path,
        line: draft.line,
        column: draft.column,
        endLine: draft.endLine,
        endColumn: draft.endColumn,
        message: draft.message,
        checklistItem: checklistItemFor(settings.checklist, draft.ruleId) ?? rule?.checklistItem ?? '',
        fingerprint: fingerprints[i],
        suggestion: draft.suggestion,
        fix: draft.fix,
        related: draft.related?.length ? draft.related : undefined,
      }),
    );
  });
  findings.sort(compareFindings);

  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) bySeverity[f.severity]++;
  const checklist = evaluateChecklist(settings.checklist, findings, rules.map((r) => r.id), unchecked);
  const frames = codeFrames(findings, texts);
  const phases = withoutUndefined({ changes: options.changesMs, dependents: dependentsMs, projectLoad: projectLoadMs, checks: checkMs, explain: explainMs, report: clock() });
  return {
    version: 1,
    findings,
    checklist,
    checklistTitle: settings.checklist.title,
    source: changes.description,
    notices,
    explained,
    rules,
    frames,
    sourceDigests: sourceDigests(findings, texts),
    stats: {
      filesChanged: changes.files.length,
      filesReviewed: loaded.groups.flatMap((g) => g.files).filter((sf) => reviewPaths.includes(relative(changes.root, sf.getFilePath()))).length,
      findings: findings.length,
      bySeverity,
      suppressed: onChange.length - kept.length,
      baselined: kept.length - findings.length,
      durationMs: Math.round(performance.now() - started),
      contextFiles: context.length,
      phases,
    },
  };
}

/** A stopwatch: each call returns the whole milliseconds since the previous one. */
function phaseClock(): () => number {
  let last = performance.now();
  return () => {
    const now = performance.now();
    const elapsed = Math.round(now - last);
    last = now;
    return elapsed;
  };
}

/**
 * The CI gate: true when any finding is at or above the threshold, or (unless allowed) when an item
 * could not be checked — a gate that passes unread code would fail open. `never` never fails.
 */
export function failsGate(result: ReviewResult, failOn: Severity | 'never', allowUnchecked = false): boolean {
  if (failOn === 'never') return false;
  if (!allowUnchecked && hasUnchecked(result)) return true;
  return result.findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]);
}

export function hasUnchecked(result: ReviewResult): boolean {
  return result.checklist.some((item) => item.status === 'unchecked');
}

/** A changed query EXPLAIN could not run (error, timeout, refused as unsafe); `skipped` is the config's or another rule's decision. */
function notExplained(query: ExplainedQuery): boolean {
  return query.status === 'error' || query.status === 'timed-out' || query.status === 'refused';
}

function queryPart(query: ExplainedQuery): UncheckedPart {
  return { path: query.path, reason: `query ${query.name} at line ${query.line} ${query.status === 'refused' ? 'was refused' : query.status === 'timed-out' ? 'timed out' : 'failed'} on the staging database${query.notes[0] ? ` (${query.notes[0]})` : ''}`, rules: ['query-plan/*'] };
}

/** Notices for a change source that leaves nothing to review, so an empty "all passed" is never silent. */
function scopeNotices(changes: ChangeSet, candidates: string[], reviewPaths: string[], all: boolean): string[] {
  if (!all && changes.files.length === 0 && changes.notices.length === 0) return [`no changed files in ${changes.description}: nothing was reviewed`];
  const analyzable = candidates.filter(isAnalyzable);
  if (analyzable.length > 0 && reviewPaths.length === 0) {
    return [`all ${analyzable.length} changed TypeScript/JavaScript file(s) are excluded by include/exclude in the config (or the built-in excludes): nothing was reviewed`];
  }
  return [];
}

function fileFilter(settings: ReviewSettings): (path: string) => boolean {
  const include = settings.include.length > 0 ? picomatch(settings.include, { dot: true }) : () => true;
  const exclude = picomatch([...DEFAULT_EXCLUDE, ...settings.exclude], { dot: true });
  return (path) => include(path) && !exclude(path);
}

function parseCheckOptions(check: Check<unknown>, raw: unknown): unknown {
  if (!check.meta.options) return raw ?? {};
  const parsed = check.meta.options.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new UserError(`rules.${check.id}.options${issue.path.length ? `.${issue.path.join('.')}` : ''}: ${issue.message}`);
}

/** File texts for suppressions, fingerprints and code frames: from the project, else from the change. */
async function sourceTexts(changes: ChangeSet, files: SourceFile[], drafts: FindingDraft[]): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const sf of files) texts.set(relative(changes.root, sf.getFilePath()), sf.getFullText());
  for (const path of new Set(drafts.map((d) => d.path))) {
    if (texts.has(path)) continue;
    const text = await changes.readNew(path);
    if (text !== undefined) texts.set(path, text);
  }
  return texts;
}

function relative(root: string, filePath: string): string {
  const normalizedRoot = root.split('\\').join('/').replace(/\/$/, '');
  return filePath.startsWith(`${normalizedRoot}/`) ? filePath.slice(normalizedRoot.length + 1) : filePath;
}

/** What `--fix` compares with the file on disk: a fix is applied only to the text it was computed on. */
function sourceDigests(findings: Finding[], texts: Map<string, string>): Record<string, string> {
  const digests: Record<string, string> = {};
  for (const f of findings) {
    const text = texts.get(f.path);
    if (f.fix && text !== undefined && !(f.path in digests)) digests[f.path] = digestOf(text);
  }
  return digests;
}

const FRAME_CONTEXT = 2;
function codeFrames(findings: Finding[], texts: Map<string, string>): Record<string, CodeFrame> {
  const frames: Record<string, CodeFrame> = {};
  for (const f of findings) {
    const lines = texts.get(f.path)?.split(/\r?\n/);
    if (!lines) continue;
    const start = Math.max(1, f.line - FRAME_CONTEXT);
    const end = Math.min(lines.length, Math.max(f.line, Math.min(f.endLine, f.line + 4)) + FRAME_CONTEXT);
    frames[f.fingerprint] = { startLine: start, lines: lines.slice(start - 1, end) };
  }
  return frames;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
