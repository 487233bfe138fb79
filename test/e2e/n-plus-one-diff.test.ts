import { describe, expect, it } from 'vitest';
import { plumbline, tempRepo } from '../support/cli.js';

/**
 * Diff mode for the n-plus-one chain: the loop sits in a service, the query in a repository. A change
 * to any link of the chain keeps the finding (its related locations name every link); a change that
 * touches none of them does not.
 */
const TSCONFIG = '{ "compilerOptions": { "strict": true, "target": "ES2022", "experimentalDecorators": true } }';

const REPOSITORY_CACHED = [
  "import { PrismaClient } from '@prisma/client';", // 1
  'export class UserRepository {', // 2
  '  private readonly byId = new Map<string, { id: string }>();', // 3
  '  constructor(private readonly prisma: PrismaClient) {}', // 4
  '  async findById(id: string) {', // 5
  '    return this.byId.get(id);', // 6
  '  }', // 7
  '}', // 8
  '',
].join('\n');

// The branch turns the in-memory lookup into a database query: the loop that calls it becomes an N+1.
const REPOSITORY_QUERY = REPOSITORY_CACHED.replace('    return this.byId.get(id);', '    return this.prisma.user.findUnique({ where: { id } });');

const SERVICE = [
  "import { UserRepository } from './user.repository';", // 1
  '// Orders with their customers, for the dashboard.', // 2
  'export class OrderService {', // 3
  '  constructor(private readonly users: UserRepository) {}', // 4
  '  async withCustomers(orders: Array<{ userId: string }>) {', // 5
  '    const rows = [];', // 6
  '    for (const order of orders) {', // 7
  '      rows.push({ ...order, customer: await this.users.findById(order.userId) });', // 8
  '    }', // 9
  '    return rows;', // 10
  '  }', // 11
  '}', // 12
  '',
].join('\n');

function findings(stdout: string) {
  return (JSON.parse(stdout) as { findings: Array<{ ruleId: string; path: string; line: number; related?: Array<{ path: string; line: number }> }> }).findings.filter(
    (f) => f.ruleId === 'n-plus-one',
  );
}

describe('n-plus-one in diff mode (built binary, real git repository)', () => {
  it('keeps the finding on the unchanged loop when only the repository method and an unrelated service line changed', () => {
    const repo = tempRepo(
      { 'tsconfig.json': TSCONFIG, 'src/user.repository.ts': REPOSITORY_CACHED, 'src/order.service.ts': SERVICE },
      {
        'src/user.repository.ts': REPOSITORY_QUERY,
        'src/order.service.ts': SERVICE.replace('// Orders with their customers, for the dashboard.', '// Orders with their customers (dashboard).'),
      },
    );
    const run = plumbline(['review', '--base', 'main', '--format', 'json', '--fail-on', 'never'], { cwd: repo });
    expect(run.stderr).toBe('');
    const [finding, ...rest] = findings(run.stdout);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ path: 'src/order.service.ts', line: 8 });
    expect(finding.related).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'src/order.service.ts', line: 7 }),
        expect.objectContaining({ path: 'src/user.repository.ts', line: 6 }),
      ]),
    );
  });

  it('finds the loop in an unchanged service when only the repository method changed', () => {
    // The pipeline also loads the files that import a changed file (the service), as context.
    const repo = tempRepo(
      { 'tsconfig.json': TSCONFIG, 'src/user.repository.ts': REPOSITORY_CACHED, 'src/order.service.ts': SERVICE },
      { 'src/user.repository.ts': REPOSITORY_QUERY },
    );
    const run = plumbline(['review', '--base', 'main', '--format', 'json', '--fail-on', 'never'], { cwd: repo });
    expect(run.stderr).toBe('');
    const result = findings(run.stdout);
    expect(result.map((f) => `${f.path}:${f.line}`)).toEqual(['src/order.service.ts:8']);
    expect(result[0].related).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'src/user.repository.ts', line: 6 })]));
    // Only the changed file counts as reviewed; the service was context.
    expect(JSON.parse(run.stdout).stats.filesReviewed).toBe(1);
  });

  it('drops the finding when the change touches no link of the chain', () => {
    const repo = tempRepo(
      { 'tsconfig.json': TSCONFIG, 'src/user.repository.ts': REPOSITORY_QUERY, 'src/order.service.ts': SERVICE },
      { 'src/order.service.ts': SERVICE.replace('// Orders with their customers, for the dashboard.', '// Orders with their customers (dashboard).') },
    );
    const run = plumbline(['review', '--base', 'main', '--format', 'json', '--fail-on', 'never'], { cwd: repo });
    expect(run.stderr).toBe('');
    expect(findings(run.stdout)).toEqual([]);
    // The same code reviewed whole (--all) does have the N+1: the diff filter, not the check, dropped it.
    const all = plumbline(['review', '--all', '--format', 'json', '--fail-on', 'never'], { cwd: repo });
    expect(findings(all.stdout).map((f) => `${f.path}:${f.line}`)).toEqual(['src/order.service.ts:8']);
  });
});
