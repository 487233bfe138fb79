import { fingerprint } from 'libpg-query';
import { Project } from 'ts-morph';
import { findSqlQueries } from '../analysis/sql-text.js';
import type { QueryPlannerInput } from '../core/query-planner.js';
import { explainQuery } from './explain-query.js';
import { ownerName, sqlFileQueries, type SourceQuery } from './query-sources.js';
import type { ExplainSettings } from './settings.js';
import type { FunctionPolicy } from './sql-functions.js';

/**
 * For query-plan/regression: the median time of each changed query as it was on the base commit (same
 * enclosing function, or same statement position in a .sql file), run on the same database in the same
 * run. Queries that are new, or whose normalised text did not change, have no base time.
 */
export async function baseTimes(
  input: QueryPlannerInput,
  queries: SourceQuery[],
  connection: { connectionString: string },
  policy: FunctionPolicy,
  settings: ExplainSettings,
): Promise<Map<SourceQuery, number>> {
  const times = new Map<SourceQuery, number>();
  const basesByPath = new Map<string, Array<{ owner: string; sql: string }>>();
  for (const query of queries) {
    if (!basesByPath.has(query.path)) basesByPath.set(query.path, await baseQueries(input, query.path));
    const candidates = (basesByPath.get(query.path) ?? []).filter((b) => b.owner === query.owner);
    if (candidates.length !== 1) continue; // new, or ambiguous: no fair comparison
    const before = candidates[0].sql;
    if ((await safeFingerprint(before)) === (await safeFingerprint(query.sql))) continue;
    const outcome = await explainQuery(connection, before, { policy, timeouts: settings.timeouts, thresholds: settings.thresholds, generic: false });
    if (outcome.status === 'ok' && outcome.totalMs !== undefined) times.set(query, outcome.totalMs);
  }
  return times;
}

async function baseQueries(input: QueryPlannerInput, filePath: string): Promise<Array<{ owner: string; sql: string }>> {
  const text = await input.changes.readBase(filePath);
  if (text === undefined) return [];
  if (filePath.endsWith('.sql')) return (await sqlFileQueries(filePath, text)).map((q) => ({ owner: q.owner, sql: q.sql }));
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { allowJs: true } });
  const sf = project.createSourceFile(`/base/${filePath}`, text);
  return findSqlQueries(sf, input.catalog)
    .filter((q) => !q.fragment)
    .map((q) => ({ owner: ownerName(q.node), sql: q.sql.text.trim() }));
}

async function safeFingerprint(sql: string): Promise<string> {
  return fingerprint(sql).catch(() => sql);
}
