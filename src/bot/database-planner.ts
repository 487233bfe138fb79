import type { PlumblineConfig } from '../core/config/schema.js';
import type { QueryPlanner } from '../core/query-planner.js';
import { createQueryPlanner } from '../explain/index.js';

/**
 * The App's EXPLAIN stage: only the staging database its operator configured (PLUMBLINE_DATABASE_URL in
 * the App's own environment). A repository's `explain.databaseUrlEnv` is not honoured here: it could
 * name any variable of the App's process. No embedded database is started on the App's host.
 */
export function databasePlanner(databaseUrl: string | undefined): ((config: PlumblineConfig) => QueryPlanner | undefined) | undefined {
  if (!databaseUrl) return undefined;
  return (config) => (config.explain.enabled === false ? undefined : createQueryPlanner({ databaseUrl }));
}
