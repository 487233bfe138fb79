import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checks } from '../../src/checks/registry.js';
import { registry } from '../../src/registry.js';
import { TempGitRepo } from '../support/temp-git-repo.js';
import { defineCheck } from '../../src/core/check.js';
import type { ReviewResult } from '../../src/core/review-result.js';
import { reviewRepository } from '../../src/core/review-repository.js';
import { BASE_FILES, HEAD_FILES } from './fixture.js';

/**
 * The review of a monorepo pull request must not change when it gets faster (issue 11): these are the
 * findings Plumbline reported before context files were limited to the checks that need them,
 * compatible tsconfigs shared a project and syntax trees were shared (main at af3414a, `review --base`
 * and `review --all` on this fixture). Timing belongs in bench/vs-eslint.ts, not here.
 */
const BEFORE_DIFF = [
  'silent-failure apps/api/src/users/user.controller.ts:8:5 3415cb2d53cec432eb5a',
  'error-handling apps/api/src/users/user.controller.ts:12:13 ff7427e0dc78faeb1809',
  'n-plus-one apps/api/src/users/user.service.ts:6:23 582efcee91f710d0fa10',
  'pii-in-logs apps/api/src/users/user.service.ts:11:20 f17280749944ed91a962',
  'pii-in-logs apps/api/src/users/user.service.ts:11:27 54db840c73ba91c2a233',
  'n-plus-one apps/worker/src/table/sync.ts:3:31 2cb863b83e6a2a860580',
  'string-built-sql packages/db/src/table/user.table.ts:8:37 d9d19999c41eb4d9df70',
];
// --all also reports the floating promise in the unchanged user.service.ts, and two findings of issue 15's
// checks (merged after af3414a) on lines the change does not touch.
const BEFORE_ALL = [
  ...BEFORE_DIFF.slice(0, 5),
  'silent-failure apps/api/src/users/user.service.ts:12:3 ce1a8c3532cf357b6238',
  BEFORE_DIFF[5],
  'unstructured-log packages/core/src/base/audit.ts:2:16 e1b4c0d3e84936e89637',
  BEFORE_DIFF[6],
  'unbounded-query packages/db/src/table/user.table.ts:12:26 16bf1d20c682e08ac3a3',
];

const listed = (result: ReviewResult) => result.findings.map((f) => `${f.ruleId} ${f.path}:${f.line}:${f.column} ${f.fingerprint}`);

let repo: TempGitRepo;
let base: string;
beforeAll(() => {
  repo = TempGitRepo.create();
  base = repo.commit('base', BASE_FILES);
  repo.commit('change', HEAD_FILES);
});
afterAll(() => TempGitRepo.removeAll());

describe('a monorepo pull request', () => {
  it('reports the same findings as before, N+1 and PII reached from unchanged importers included', async () => {
    const { result } = await reviewRepository({ cwd: repo.root, base, registry, checks });
    expect(listed(result)).toEqual(BEFORE_DIFF);
    // The API service and controller, the worker's loop, the index files between them.
    expect(result.stats.contextFiles).toBe(5);
  });

  it('reports the same findings when every check is given the context files', async () => {
    const everyCheckWithContext = checks.map((c) => defineCheck({ ...c, meta: { ...c.meta, needsContext: true } }));
    const { result } = await reviewRepository({ cwd: repo.root, base, registry, checks: everyCheckWithContext });
    expect(listed(result)).toEqual(BEFORE_DIFF);
  });

  it('reports the same findings as before with --all', async () => {
    const { result } = await reviewRepository({ cwd: repo.root, all: true, registry, checks });
    expect(listed(result)).toEqual(BEFORE_ALL);
  });
});
