import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewRepository } from '../../src/core/review-repository.js';
import { createQueryPlanner } from '../../src/explain/index.js';
import { registry } from '../../src/registry.js';
import { explainRoleUrl, startPostgres, type TestPostgres } from '../support/postgres.js';
import { TempGitRepo } from '../support/temp-git-repo.js';

// query-plan/regression on a .sql file: the base commit looks an event up by its key; the change wraps the
// key in an expression, which defeats the index. Both run on the same database in the same review.
let server: TestPostgres;
let repo: TempGitRepo;

beforeAll(async () => {
  server = await startPostgres();
  await server.query(`CREATE TABLE events (id int PRIMARY KEY, kind text NOT NULL, payload text);
    INSERT INTO events SELECT g, 'k' || (g % 7), repeat('x', 40) FROM generate_series(1, 300000) g; ANALYZE events;`);
  repo = TempGitRepo.create();
  repo.commit('base', {
    '.plumbline.yml': 'explain:\n  thresholds:\n    regressionMinMs: 2\n',
    'queries/events.sql': '-- plumbline-explain: name=event-by-id $1=150000\nSELECT id, kind FROM events WHERE id = $1;\n\nCREATE TABLE not_a_query (id int);\n',
  });
  repo.git('checkout', '-q', '-b', 'change');
  repo.commit('change', {
    'queries/events.sql': '-- plumbline-explain: name=event-by-id $1=150000\nSELECT id, kind FROM events WHERE id + 0 = $1;\n\nCREATE TABLE not_a_query (id int);\n',
  });
}, 60_000);
afterAll(async () => {
  await server?.stop();
  TempGitRepo.removeAll();
});

describe('query-plan/regression', () => {
  it('compares the changed statement with the base commit on the same database', async () => {
    const databaseUrl = await explainRoleUrl(server);
    const { result } = await reviewRepository({ cwd: repo.root, base: 'main', checks: [], registry, queryPlanner: () => createQueryPlanner({ databaseUrl }) });
    // only the query statement of the .sql file is explained, with the annotation's name and value
    expect(result.explained.map((q) => [q.name, q.line, q.status])).toEqual([['event-by-id', 2, 'ok']]);
    expect(result.explained[0].parameters).toEqual([{ name: '$1', value: '150000', source: 'annotation' }]);
    const regression = result.findings.find((f) => f.ruleId === 'query-plan/regression');
    expect(regression?.path).toBe('queries/events.sql');
    expect(regression?.line).toBe(2);
    expect(regression?.message).toMatch(/now takes [\d.]+ ms, [\d.]+× the [\d.]+ ms it took on the base commit/);
    // the read-only role passes the role check without a notice
    expect(result.notices.join('\n')).not.toMatch(/connected as/);
  }, 60_000);
});
