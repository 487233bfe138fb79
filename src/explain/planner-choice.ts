import type { ExplainSection } from '../core/config/explain-section.js';
import type { QueryPlanner } from '../core/query-planner.js';
import { privilegedRoleAllowed } from './role-check.js';
import { databaseUrlFrom } from './settings.js';

/**
 * For `review`: the planner to use, or undefined when EXPLAIN is not wanted. It runs with `--explain`,
 * with a database URL (`--database-url`, the env variable named by explain.databaseUrlEnv, or
 * PLUMBLINE_DATABASE_URL), or with `explain.enabled: true`; `explain.enabled: false` turns it off
 * unless --explain is given. The EXPLAIN stage (query extraction, the ORM translators, the staging database code:
 * about 0.4 s of CPU and 40 MB at start-up) is imported only when a review runs it.
 */
export function plannerFor(flags: { explain?: boolean; databaseUrl?: string; allowPrivilegedRole?: boolean }, section: unknown, onProgress?: (message: string) => void): QueryPlanner | undefined {
  const s = (section ?? {}) as ExplainSection;
  const databaseUrl = databaseUrlFrom(flags.databaseUrl, s);
  const wanted = flags.explain || (s.enabled ?? Boolean(databaseUrl));
  if (!wanted) return undefined;
  const options = { databaseUrl, onProgress, allowPrivilegedRole: privilegedRoleAllowed(flags.allowPrivilegedRole) };
  return async (input) => (await import('./index.js')).createQueryPlanner(options)(input);
}
