import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewRepository } from '../../src/core/review-repository.js';
import { createQueryPlanner } from '../../src/explain/index.js';
import { registry } from '../../src/registry.js';
import { loadProfile } from '../../src/explain/staging/loader.js';
import { readProfile } from '../../src/explain/staging/profile-files.js';
import { explainRoleUrl, startPostgres, type TestPostgres } from '../support/postgres.js';
import { TempGitRepo } from '../support/temp-git-repo.js';

// The seed-000 incident end to end through the review pipeline: the example change adds the dashboard's
// "latest orders" query (ORDER BY o.created_at DESC LIMIT 50 over a three-table join); on 120,000 orders it
// is reported with the index to create; after the fix commit (index + paging before grouping) it passes.
const EXAMPLES = new URL('../../examples/', import.meta.url).pathname;
const SCALE = 0.05; // users 12,000, orders 120,000, order items 120,000: the sort spills, the suite stays fast

let server: TestPostgres;
let explainUrl: string;
let repo: TempGitRepo;
const explain = () =>
  reviewRepository({
    cwd: repo.root,
    base: 'main',
    checks: [],
    registry,
    queryPlanner: () => createQueryPlanner({ databaseUrl: explainUrl }),
  });

beforeAll(async () => {
  server = await startPostgres();
  await server.query(readFileSync(path.join(EXAMPLES, 'shop/db/schema.sql'), 'utf8'));
  await loadProfile({ connectionString: server.url }, readProfile(path.join(EXAMPLES, 'shop/db/profile')), { scale: SCALE });
  explainUrl = await explainRoleUrl(server);
  repo = TempGitRepo.create();
  cpSync(path.join(EXAMPLES, 'shop'), repo.root, { recursive: true });
  // 5 % of the profile's production size: tell the realism gate that is what this test means to use.
  writeFileSync(path.join(repo.root, '.plumbline.yml'), 'explain:\n  thresholds:\n    realismMinFraction: 0.04\n');
  repo.commit('shop');
  repo.git('checkout', '-q', '-b', 'dashboard');
  cpSync(path.join(EXAMPLES, 'shop.change'), repo.root, { recursive: true });
  repo.commit('dashboard');
}, 120_000);
afterAll(async () => {
  await server?.stop();
  TempGitRepo.removeAll();
});

describe('the incident through review()', () => {
  it('reports the ORDER BY … LIMIT sort on the query line, with the index and the rewrite to make', async () => {
    const { result } = await explain();
    const recent = result.explained.find((q) => q.sql.includes('ORDER BY o.created_at DESC'));
    expect(recent?.status).toBe('ok');
    expect(recent?.planText).toContain('▶');
    const finding = result.findings.find((f) => f.ruleId === 'query-plan/sort-for-limit');
    expect(finding).toBeDefined();
    const source = readFileSync(path.join(repo.root, finding!.path), 'utf8').split('\n');
    expect(finding!.path).toBe('src/reports/report.repository.ts');
    expect(source[finding!.line - 1]).toContain('$queryRaw`');
    expect(finding!.message).toMatch(/`ORDER BY o\.created_at DESC` sorts [\d,]{7,} rows .* to return 50 for the LIMIT/);
    expect(finding!.message).toContain('CREATE INDEX ON orders (created_at);');
    expect(finding!.message).toMatch(/An index cannot help while the GROUP BY runs over every row first/);
    expect(finding!.severity).toBe('error');
    expect(finding!.checklistItem).toBe('performs.indexes');
    expect(finding!.related?.[0].message).toMatch(/^plan: Sort/);
    expect(result.checklist.find((c) => c.id === 'performs.indexes')?.status).toBe('failed');
    // the query that only changed around it (activity) is not re-run: it is not on a changed line
    expect(result.explained.some((q) => q.sql.includes('date_trunc'))).toBe(false);
    // a value concatenated into a string constant ('%${term}%') is string-built SQL: not run, said why
    const search = result.explained.find((q) => q.sql.includes('ILIKE'));
    expect(search?.status).toBe('skipped');
    expect(search?.notes[0]).toMatch(/\$1 is inside the string constant '%\$1%'/);
  }, 120_000);

  it('passes after the fix commit and the migration it adds', async () => {
    cpSync(path.join(EXAMPLES, 'shop.fix'), repo.root, { recursive: true });
    repo.commit('index + page before grouping');
    // The team's staging database gets migrations from its deploy; here the test applies it.
    await server.query(readFileSync(path.join(repo.root, 'db/migrations/002_orders_created_at_index.sql'), 'utf8'));
    const { result } = await explain();
    const recent = result.explained.find((q) => q.sql.includes('ORDER BY created_at DESC LIMIT 50'));
    expect(recent?.status).toBe('ok');
    expect(recent?.planText).toMatch(/Index Scan Backward using orders_created_at_idx/);
    expect(recent?.totalMs).toBeLessThan(20);
    expect(result.findings.filter((f) => f.path === "src/reports/report.repository.ts" && f.line === recent?.line).map((f) => f.message)).toEqual([]);
    expect(result.checklist.find((c) => c.id === 'performs.indexes')?.status).not.toBe('failed');
  }, 120_000);
});
