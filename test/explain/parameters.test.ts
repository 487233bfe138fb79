import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/core/catalog.js';
import { explainQuery } from '../../src/explain/explain-query.js';
import { DEFAULT_TIMEOUTS, withGuardedSession } from '../../src/explain/guarded-session.js';
import { defaultFor, parameterTypes } from '../../src/explain/parameters.js';
import { runExplained } from '../../src/explain/safe-runner.js';
import { explainPolicy } from '../../src/explain/sql-functions.js';
import { startPostgres, type TestPostgres } from '../support/postgres.js';

// 200,000 events: kind 'bulk' everywhere, kind 'late' (1 %) only in the last ids. `WHERE kind = $1 ORDER BY
// id LIMIT 10` walks the primary key: instant for 'bulk', but for 'late' it reads 198,000 rows first.
let server: TestPostgres;
const policy = explainPolicy(loadCatalog());
const connection = () => ({ connectionString: server.url });
const SLOW_BY_VALUE = 'SELECT id, amount FROM events WHERE kind = $1 ORDER BY id LIMIT 10';

beforeAll(async () => {
  server = await startPostgres();
  await server.query(`CREATE TABLE events (id int PRIMARY KEY, kind text NOT NULL, amount int NOT NULL, created_at timestamptz NOT NULL);
    INSERT INTO events SELECT g, CASE WHEN g > 198000 THEN 'late' WHEN g % 10 = 0 THEN 'tenth' ELSE 'bulk' END, g % 1000,
      timestamptz '2025-01-01' + g * interval '1 minute' FROM generate_series(1, 200000) g;
    ANALYZE events;`);
}, 60_000);
afterAll(async () => server?.stop());

describe('parameter sampling from pg_stats', () => {
  it('runs the common values and reports the slow one', async () => {
    const result = await explainQuery(connection(), SLOW_BY_VALUE, { policy });
    expect(result.status).toBe('ok');
    expect(result.tried.length).toBeGreaterThanOrEqual(2);
    expect(result.parameters).toEqual([{ value: 'late', source: 'pg_stats rarest common value of events.kind' }]);
    const bulk = result.tried.find((t) => t.parameters[0].value === 'bulk')!;
    const late = result.tried.find((t) => t.parameters[0].value === 'late')!;
    expect(late.ms).toBeGreaterThan(bulk.ms * 5);
    expect(result.notes[0]).toMatch(/reporting the slowest \(\$1 = late\)/);
  });

  it('uses histogram points for range comparisons', async () => {
    const result = await explainQuery(connection(), 'SELECT count(*) FROM events e WHERE e.created_at > $1', { policy });
    expect(result.status).toBe('ok');
    expect(result.tried.map((t) => t.parameters[0].source)).toEqual([
      'pg_stats histogram median of events.created_at',
      'pg_stats histogram 10th percentile of events.created_at',
      'pg_stats histogram 90th percentile of events.created_at',
    ]);
  });

  it('takes explicit values instead of sampling', async () => {
    const result = await explainQuery(connection(), SLOW_BY_VALUE, { policy, explicit: new Map([[1, { value: 'bulk', source: 'config' }]]) });
    expect(result.tried).toEqual([]);
    expect(result.parameters).toEqual([{ value: 'bulk', source: 'config' }]);
  });

  it('falls back to a default of the type PREPARE infers when no column statistics apply', async () => {
    const types = await withGuardedSession(connection(), DEFAULT_TIMEOUTS, (session) => parameterTypes(session, 'SELECT * FROM events WHERE amount + $1 > 5 AND kind = $2'));
    expect(types).toEqual(['integer', 'text']);
    const result = await explainQuery(connection(), 'SELECT * FROM events WHERE amount + $1 > 500000', { policy });
    expect(result.parameters).toEqual([defaultFor('integer')]);
    expect(result.status).toBe('ok');
  });

  it('shows the generic plan (plan_cache_mode = force_generic_plan before PostgreSQL 16)', async () => {
    const result = await explainQuery(connection(), 'SELECT * FROM events WHERE id = $1', { policy });
    expect(result.notes.join('\n')).toMatch(/generic plan \(used by prepared statements after 5 runs\): Index Scan using events_pkey on events/);
  });
});

describe('the server refuses a second statement by itself (extended protocol)', () => {
  it('even when the parse-tree check is bypassed', async () => {
    const outcome = await withGuardedSession(connection(), DEFAULT_TIMEOUTS, (session) =>
      runExplained(session, { sql: 'SELECT 1; DELETE FROM events', params: [], kind: 'read', timing: 'quick' }),
    );
    expect(outcome.status).toBe('error');
    // "cannot insert multiple commands into a prepared statement" is a syntax error (42601); only its class is reported.
    expect(outcome.message).toBe('the server refused the query: syntax error (SQLSTATE 42601)');
    expect((await server.query('SELECT count(*) AS n FROM events')).rows[0].n).toBe('200000');
  });
});
