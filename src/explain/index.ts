import { fingerprint, scan } from 'libpg-query';
import type { ExplainSection } from '../core/config/explain-section.js';
import type { FindingDraft } from '../core/finding.js';
import type { QueryPlanner, QueryPlannerInput, QueryPlannerOutput } from '../core/query-planner.js';
import type { ExplainedQuery } from '../core/review-result.js';
import { explainQuery, type ExplainOutcome } from './explain-query.js';
import type { ParameterChoice } from './parameters.js';
import { PLAN_RULES, planRuleInfo } from './plan-findings/index.js';
import { describeNode } from './plan-text.js';
import { changedQueries, type SourceQuery } from './query-sources.js';
import { baseTimes } from './regression-base.js';
import { openExplainTarget } from './explain-target.js';
import { explainSettings } from './settings.js';
import { explainPolicy } from './sql-functions.js';
import { undersizedTables, type TableSize } from './staging/realism.js';
import { discoverSchemaFiles } from './staging/schema-files.js';
import { stagingProfile } from './staging/staging-service.js';

export interface QueryPlannerOptions {
  /** The team's staging database (--database-url / PLUMBLINE_DATABASE_URL). Without it: the embedded one. */
  databaseUrl?: string;
  /** Progress lines for the terminal ("explaining 3 queries…"); the planner itself never prints. */
  onProgress?: (message: string) => void;
  /** Also run each query as it was on the base commit, for query-plan/regression (default true). */
  compareWithBase?: boolean;
  /**
   * The user says `databaseUrl` is a disposable database: a superuser or a role that can write is used
   * instead of refused (default: PLUMBLINE_ALLOW_PRIVILEGED_ROLE). The statement checks hold either way.
   */
  allowPrivilegedRole?: boolean;
}

/**
 * The EXPLAIN stage of `review` and `explain`: finds the changed queries, runs each safely on the staging
 * database (the team's, or the embedded one started on demand) and turns plans into `query-plan/*`
 * findings on the query's line, plus an ExplainedQuery per query for the markdown report.
 */
export function createQueryPlanner(options: QueryPlannerOptions = {}): QueryPlanner {
  return async (input) => planQueries(input, options);
}

async function planQueries(input: QueryPlannerInput, options: QueryPlannerOptions): Promise<QueryPlannerOutput> {
  const settings = explainSettings(input.config);
  const section = settings.section;
  const rules = PLAN_RULES.filter((r) => !settings.disabled.has(r.id)).map(planRuleInfo);
  const schemaFiles = discoverSchemaFiles(input.root, section.schema);
  const { queries, notices } = await changedQueries({ ...input, schemaFiles });
  const output: QueryPlannerOutput = { findings: [], explained: [], notices: [...notices], rules };
  if (queries.length === 0) return output;

  const progress = options.onProgress ?? (() => undefined);
  const target = await openExplainTarget({ root: input.root, section, timeouts: settings.timeouts, databaseUrl: options.databaseUrl, allowPrivilegedRole: options.allowPrivilegedRole, onProgress: progress });
  const connection = target.connection;
  output.notices.push(...target.notices);
  let undersized: TableSize[] = [];
  try {
    const profile = stagingProfile(input.root, section);
    if (profile) undersized = await undersizedTables(target.session, profile, settings.thresholds.realismMinFraction);
  } finally {
    await target.session.close();
  }

  const policy = explainPolicy(input.catalog);
  const base = options.compareWithBase === false ? new Map<SourceQuery, number>() : await baseTimes(input, queries, connection, policy, settings);
  progress(`explaining ${queries.length} ${queries.length === 1 ? 'query' : 'queries'}…`);
  for (const query of queries) {
    const configured = configuredQuery(section, query, await fingerprint(query.sql).catch(() => undefined));
    const name = `${configured?.name ?? query.annotation?.name ?? `${query.path.split('/').pop()}:${query.line}`}${query.part ? ` (${query.part})` : ''}`;
    if (configured?.skip || query.annotation?.skip) {
      output.explained.push(explained(query, name, 'skipped', ['skipped by configuration']));
      continue;
    }
    const literal = await valuesInsideStringLiterals(query.sql);
    if (literal) {
      // `'%${term}%'` folds to '%$1%': the value is part of a string constant (string-built-sql), not a bound parameter.
      output.explained.push(explained(query, name, 'skipped', [`not run: ${literal}; its text depends on a value concatenated into it (see string-built-sql)`]));
      continue;
    }
    const budget = configured?.budgetMs ?? query.annotation?.budgetMs;
    const outcome = await explainQuery(connection, query.sql, {
      policy,
      explicit: explicitValues(configured?.parameters, query),
      timeouts: settings.timeouts,
      thresholds: budget ? { ...settings.thresholds, budgetMs: budget } : settings.thresholds,
      undersized,
      baseTotalMs: base.get(query),
      disabledRules: settings.disabled,
    });
    const notes = [...outcome.notes];
    if (!query.complete) notes.unshift('the SQL text was folded from code with a guessed piece; the query that runs may differ');
    notes.unshift(...(query.notes ?? []));
    if (outcome.classification.fingerprint) notes.push(`fingerprint ${outcome.classification.fingerprint} (use it under explain.queries in .plumbline.yml)`);
    output.explained.push({
      ...explained(query, name, outcome.status, notes),
      parameters: outcome.parameters.map((p, i) => ({ name: `$${i + 1}${query.parameterNames[i] ? ` (${query.parameterNames[i]})` : ''}`, value: p.value ?? 'NULL', source: p.source })),
      totalMs: outcome.totalMs,
      estimatedRows: outcome.plan?.root.planRows,
      planText: outcome.planText,
    });
    output.findings.push(...findingsOf(query, name, outcome));
  }
  return output;
}

function findingsOf(query: SourceQuery, name: string, outcome: ExplainOutcome): FindingDraft[] {
  return outcome.issues.map((issue) => ({
    ruleId: issue.ruleId,
    severity: issue.severity,
    path: query.path,
    line: query.line,
    column: query.column,
    endLine: query.line,
    endColumn: query.line === query.endLine ? query.endColumn : query.column + 1,
    message: issue.message,
    suggestion: issue.suggestion,
    related: issue.node ? [{ path: query.path, line: query.line, message: `plan: ${describeNode(issue.node)}` }] : undefined,
    fingerprintKey: `${issue.ruleId} ${name}`,
  }));
}

function explained(query: SourceQuery, name: string, status: ExplainedQuery['status'], notes: string[]): ExplainedQuery {
  return { path: query.path, line: query.line, name, sql: query.sql, status, notes, parameters: [] };
}

type ConfiguredQuery = NonNullable<ExplainSection['queries']>[number];

/** explain.queries entry for a query: by fingerprint, by path (and line), or by annotation name. */
function configuredQuery(section: ExplainSection, query: SourceQuery, print: string | undefined): ConfiguredQuery | undefined {
  return (section.queries ?? []).find(
    (q) =>
      (q.fingerprint && q.fingerprint === print) ||
      (q.path === query.path && (q.line === undefined || q.line === query.line)) ||
      (!q.fingerprint && !q.path && q.name === query.annotation?.name),
  );
}

function explicitValues(configured: ConfiguredQuery['parameters'], query: SourceQuery): Map<number, ParameterChoice> {
  const values = new Map<number, ParameterChoice>();
  for (const [n, v] of query.annotation?.values ?? []) values.set(n, { value: v, source: 'annotation' });
  const entries: Array<[number, unknown]> = Array.isArray(configured)
    ? configured.map((v, i) => [i + 1, v])
    : Object.entries(configured ?? {}).map(([k, v]) => [Number(k.replace('$', '')), v]);
  for (const [n, v] of entries) values.set(n, { value: v === null ? null : String(v), source: 'config' });
  return values;
}

/** "$1 is inside the string constant '%$1%'" when a folded parameter sits inside a quoted literal. */
async function valuesInsideStringLiterals(sql: string): Promise<string | undefined> {
  try {
    const { tokens } = await scan(sql);
    const inside = tokens.find((t) => (t.tokenName === 'SCONST' || t.tokenName === 'USCONST') && /\$\d+/.test(t.text));
    return inside ? `${/\$\d+/.exec(inside.text)?.[0]} is inside the string constant ${inside.text}` : undefined;
  } catch {
    return undefined;
  }
}
