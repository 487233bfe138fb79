import type pg from 'pg';
import { inRolledBackTransaction, type Timeouts } from './safe-runner.js';
import { extendedQuery } from './extended-query.js';

/**
 * The plan a prepared statement switches to after five executions when it is not costlier than the
 * custom plans: `EXPLAIN (GENERIC_PLAN)` on PostgreSQL 16+, before that `plan_cache_mode =
 * force_generic_plan` with PREPARE and EXPLAIN EXECUTE (the values are then ignored by the planner).
 */
export async function genericPlan(client: pg.Client, sql: string, values: Array<string | null>, kind: 'read' | 'write', timeouts: Timeouts): Promise<unknown> {
  const version = Number((await client.query<{ server_version_num: string }>('SHOW server_version_num')).rows[0].server_version_num);
  return inRolledBackTransaction(client, kind, timeouts, async () => {
    if (version >= 160000) {
      return (await client.query(extendedQuery(`EXPLAIN (GENERIC_PLAN, FORMAT JSON) ${sql}`))).rows[0]['QUERY PLAN'];
    }
    const name = `plumbline_generic_${process.pid}`;
    await client.query('SET LOCAL plan_cache_mode = force_generic_plan');
    await client.query(extendedQuery(`PREPARE ${name} AS ${sql}`));
    try {
      const args = values.map((v) => (v === null ? 'NULL' : client.escapeLiteral(v))).join(', ');
      return (await client.query(`EXPLAIN (FORMAT JSON) EXECUTE ${name}${values.length ? `(${args})` : ''}`)).rows[0]['QUERY PLAN'];
    } finally {
      await client.query(`DEALLOCATE ${name}`).catch(() => undefined);
    }
  });
}
