import { extendedQuery } from './extended-query.js';
import type { GuardedSession } from './guarded-session.js';

/**
 * The plan a prepared statement switches to after five executions when it is not costlier than the
 * custom plans: `EXPLAIN (GENERIC_PLAN)` on PostgreSQL 16+, before that `plan_cache_mode =
 * force_generic_plan` with PREPARE and EXPLAIN EXECUTE (the values are then ignored by the planner).
 * Plain EXPLAIN either way: nothing is executed.
 */
export async function genericPlan(session: GuardedSession, sql: string, values: Array<string | null>): Promise<unknown> {
  const version = Number((await session.query<{ server_version_num: string }>('SHOW server_version_num')).rows[0].server_version_num);
  return session.readOnly(async () => {
    if (version >= 160000) {
      return (await session.query(extendedQuery(`EXPLAIN (GENERIC_PLAN, FORMAT JSON) ${sql}`))).rows[0]['QUERY PLAN'];
    }
    const name = `plumbline_generic_${process.pid}`;
    await session.query('SET LOCAL plan_cache_mode = force_generic_plan');
    await session.query(extendedQuery(`PREPARE ${name} AS ${sql}`));
    try {
      const args = values.map((v) => (v === null ? 'NULL' : session.escapeLiteral(v))).join(', ');
      return (await session.query(`EXPLAIN (FORMAT JSON) EXECUTE ${name}${values.length ? `(${args})` : ''}`)).rows[0]['QUERY PLAN'];
    } finally {
      await session.query(`DEALLOCATE ${name}`).catch(() => undefined);
    }
  });
}
