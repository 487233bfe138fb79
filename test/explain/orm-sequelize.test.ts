import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewRepository } from '../../src/core/review-repository.js';
import { createQueryPlanner } from '../../src/explain/index.js';
import { registry } from '../../src/registry.js';
import { explainRoleUrl, startPostgres, type TestPostgres } from '../support/postgres.js';
import { TempGitRepo } from '../support/temp-git-repo.js';

// Seed 000's incident written with Sequelize: a changed findAll with an include, ORDER BY a column without an
// index and a LIMIT is run through Sequelize's own query generator, explained on a real PostgreSQL with a value
// from pg_stats, and reported on the call's line.
let server: TestPostgres;
let repo: TempGitRepo;

const MODELS = `import { DataTypes, Model, Sequelize } from 'sequelize';
export const sequelize = new Sequelize(process.env.DATABASE_URL ?? '', { define: { underscored: true } });
export class User extends Model {}
User.init({ email: { type: DataTypes.STRING, allowNull: false } }, { sequelize, tableName: 'users', timestamps: false });
export class Order extends Model {}
Order.init({
  status: { type: DataTypes.STRING, allowNull: false },
  userId: { type: DataTypes.INTEGER, allowNull: false },
}, { sequelize, tableName: 'orders' });
Order.belongsTo(User, { as: 'user', foreignKey: 'userId' });
`;

beforeAll(async () => {
  server = await startPostgres();
  await server.query(`CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL);
    CREATE TABLE orders (id serial PRIMARY KEY, user_id int NOT NULL REFERENCES users, status text NOT NULL, created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL);
    INSERT INTO users (email) SELECT 'u' || i || '@example.com' FROM generate_series(1, 500) i;
    INSERT INTO orders (user_id, status, created_at, updated_at)
      SELECT 1 + i % 500, (ARRAY['delivered','delivered','delivered','paid','new'])[1 + i % 5], now() - i * interval '1 minute', now() FROM generate_series(1, 60000) i;
    ANALYZE users; ANALYZE orders;`);
  repo = TempGitRepo.create();
  repo.commit('shop', {
    'package.json': JSON.stringify({ name: 'shop', dependencies: { sequelize: '^6.37.0', pg: '^8.11.0' } }),
    'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', target: 'es2022' }, include: ['src'] }),
    'src/models.ts': MODELS,
    'src/orders.ts': "import { Order } from './models';\nexport const one = (id: number) => Order.findByPk(id);\n",
  });
  repo.git('checkout', '-q', '-b', 'dashboard');
  repo.commit('dashboard', {
    'src/orders.ts': [
      "import { Order, User } from './models';",
      'export const one = (id: number) => Order.findByPk(id);',
      'export const dashboard = (status: string) =>',
      "  Order.findAll({ where: { status }, include: [{ model: User, as: 'user' }], order: [['createdAt', 'DESC']], limit: 50 });",
      'export const filtered = (where: object) => Order.findAll({ where });',
      '',
    ].join('\n'),
  });
}, 120_000);
afterAll(async () => {
  await server?.stop();
  TempGitRepo.removeAll();
});

describe('a Sequelize findAll through review()', () => {
  it('is explained as the SQL Sequelize sends and reported on the call', async () => {
    const url = await explainRoleUrl(server);
    const { result } = await reviewRepository({ cwd: repo.root, base: 'main', checks: [], registry, queryPlanner: () => createQueryPlanner({ databaseUrl: url, compareWithBase: false }) });
    const dashboard = result.explained.find((q) => q.line === 4);
    expect(dashboard?.sql).toBe('SELECT "Order"."id", "Order"."status", "Order"."user_id" AS "userId", "Order"."created_at" AS "createdAt", "Order"."updated_at" AS "updatedAt", "user"."id" AS "user.id", "user"."email" AS "user.email" FROM "orders" AS "Order" LEFT OUTER JOIN "users" AS "user" ON "Order"."user_id" = "user"."id" WHERE "Order"."status" = $1 ORDER BY "createdAt" DESC LIMIT 50');
    expect(dashboard?.status).toBe('ok');
    expect(dashboard?.notes[0]).toMatch(/^translated from the sequelize call; compiled by sequelize 6\.\d+\.\d+$/);
    expect(dashboard?.parameters[0].name).toBe('$1 (status)');
    expect(dashboard?.parameters[0].source).toMatch(/pg_stats .* of orders\.status/);
    const finding = result.findings.find((f) => f.ruleId === 'query-plan/sort-for-limit');
    expect(finding).toMatchObject({ path: 'src/orders.ts', line: 4 });
    expect(finding?.message).toContain('CREATE INDEX ON orders (created_at);');
    // the unchanged findByPk is not explained; the where built at run time is a notice naming the call
    expect(result.explained.map((q) => q.line)).toEqual([4]);
    expect(result.notices).toContain('explain: not explained: the sequelize call at src/orders.ts:5 — the where `where` is built at run time');
  }, 120_000);
});
