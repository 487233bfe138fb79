import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as sequelizeModule from 'sequelize';
import { Project } from 'ts-morph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from '../../../../test/support/postgres.js';
import { isTranslated } from '../orm-query.js';
import { loadModels } from './fixtures/load-models.js';
import { preparedSequelize, translateSequelize } from './index.js';
import { schemaOf } from './schema.js';

// Every translated call is also run by the real Sequelize, connected to a real PostgreSQL, with the models of
// fixtures/models.ts executed as written; the statements it sends must equal the translation once each `$n`
// holds the value the real run used. The same calls on the sequelize-typescript models of
// fixtures/decorated-models.ts must translate to the same SQL.
const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = (name: string) => readFileSync(path.join(here, 'fixtures', name), 'utf8');
const VALUES: Record<string, unknown> = { status: 'paid', since: new Date('2026-05-01T10:00:00Z'), n: 7, email: 'a@example.com', page: 2, userId: 42, 'opts.status': 'new' };
const PREAMBLE = "import { Item, Order, OrderTag, Tag, User } from './models';\nimport { Op } from 'sequelize';\n" +
  'declare const status: string; declare const since: Date; declare const n: number; declare const email: string; declare const page: number; declare const userId: number;\n' +
  'declare const opts: { status: string }; declare const ids: number[]; declare const filter: Record<string, unknown>; declare const dir: string;\n';

const TRANSLATED = [
  'Order.findAll({ where: { status }, order: [[\'createdAt\', \'DESC\']], limit: 50 })',
  // include + limit: Sequelize pages the orders in a subquery and joins the to-many include outside it
  "Order.findAll({ where: { status, createdAt: { [Op.gt]: since } }, include: [{ model: User, as: 'user', required: true }, { model: Item, as: 'items' }], order: [['createdAt', 'DESC']], limit: 50 })",
  "Order.findAll({ include: [{ model: Item, as: 'items', where: { sku: { [Op.like]: 'A-%' } }, required: true }], limit: 20, offset: page })",
  "Order.findAll({ include: [{ model: Tag, as: 'tags', through: { attributes: [] } }], where: { id: { [Op.in]: [1, 2, n] } } })",
  "Order.findAll({ include: [{ model: User, as: 'user', include: [{ model: Order, as: 'orders', attributes: ['id'] }] }], order: [[{ model: User, as: 'user' }, 'email', 'ASC']] })",
  "Order.findAll({ where: { [Op.or]: [{ status: 'new' }, { status: opts.status }], total: { [Op.between]: [10, 100] }, userId: { [Op.ne]: null } }, attributes: ['id', 'status', ['total', 'amount']] })",
  "Order.findAll({ attributes: { exclude: ['total'] }, paranoid: false, where: { status: { [Op.notIn]: ['new', 'paid'] } } })",
  "User.findOne({ where: { email }, attributes: ['id', 'email'] })",
  'User.findByPk(userId)',
  "User.findByPk(userId, { include: [{ model: Order, as: 'orders' }] })",
  "User.count({ where: { email: { [Op.iLike]: '%@example.com' } } })",
  "Order.count({ include: [{ model: User, as: 'user', where: { email } }], distinct: true, col: 'id' })",
  'Order.findAndCountAll({ where: { status }, limit: n, offset: 20 })',
  "Item.findAll({ where: { quantity: { [Op.gte]: 2 } }, order: ['sku'] })",
  "Order.findAll({ where: { status: { [Op.like]: status, [Op.ne]: 'x' }, total: { [Op.not]: null }, createdAt: { [Op.between]: [since, since] } } })",
  "Order.findAll({ where: { status: { [Op.substring]: 'ab' } }, group: ['status'], attributes: ['status'] })",
];

const NOTICES: Array<[string, RegExp]> = [
  ['Order.findAll({ where: filter })', /^the where `filter` is built at run time$/],
  ['Order.findAll({ where: { id: ids } })', /^`ids` is a list: Sequelize sends one value per element/],
  ['Order.findAll({ where: { id: { [Op.in]: ids } } })', /sends one value per element/],
  ["Order.findAll({ order: [['createdAt', dir]] })", /^the sort direction `dir` is chosen at run time$/],
  ["Order.findAll({ where: { status: sequelize.literal('1') } })", /raw fragment/],
  ["Order.findAll({ include: [{ model: Item, as: 'items', separate: true }] })", /`separate`/],
  ['Order.findAll({ ...opts })', /built at run time/],
  ["Order.findAll({ lock: true })", /the option `lock` is not translated/],
  ['Order.findAll({ where: { status: { [Op.startsWith]: status } } })', /^Sequelize writes `status` into a string constant/],
  ["Order.findAll({ where: { status: { [Op.iLike]: { [Op.any]: ['a%', 'b%'] } } } })", /^`status` holds an operator$/],
  ["Order.findAll({ include: [{ model: Tag, as: 'labels' }] })", /^Sequelize did not generate the query \(Tag is associated to Order using an alias/],
];

let server: TestPostgres;
let real: sequelizeModule.Sequelize;
const sent: string[] = [];
let realModels: Record<string, unknown>;

beforeAll(async () => {
  server = await startPostgres();
  real = new sequelizeModule.Sequelize(server.url, { logging: (sql) => sent.push(sql.replace(/^Executing \([^)]*\): /, '').replace(/;$/, '')) });
  realModels = loadModels(fixture('models.ts'), real);
  await real.sync();
}, 120_000);
afterAll(async () => {
  await real?.close();
  await server?.stop();
});

async function translations(models: string, calls: string[]) {
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { strict: true, experimentalDecorators: true } });
  const modelFile = project.createSourceFile('/repo/src/models.ts', models);
  const sf = project.createSourceFile('/repo/src/query.ts', `${PREAMBLE}export const queries = () => [\n${calls.map((c) => `  ${c},`).join('\n')}\n];\n`);
  const prepared = preparedSequelize(schemaOf([modelFile])!, { wanted: '^6.37.0', compiler: '6.37.8' });
  return (await translateSequelize(sf, prepared)).map((q) => (isTranslated(q) ? { statements: [q, ...(q.followUps ?? [])].map(({ sql, parameterNames }) => ({ sql, parameterNames })) } : { reason: q.reason }));
}

async function realStatements(call: string): Promise<string[]> {
  sent.length = 0;
  const names = Object.keys(realModels);
  await new Function(...names, 'Op', 'status', 'since', 'n', 'email', 'page', 'userId', 'opts', `return ${call};`)(
    ...names.map((n) => realModels[n]), sequelizeModule.Op, VALUES.status, VALUES.since, VALUES.n, VALUES.email, VALUES.page, VALUES.userId, { status: VALUES['opts.status'] },
  );
  return [...sent];
}

describe('Sequelize finders', () => {
  it.each(TRANSLATED)('%s is the SQL Sequelize sends', async (call) => {
    const [translated] = await translations(fixture('models.ts'), [call]);
    if (!translated.statements) throw new Error(translated.reason);
    const ours = translated.statements.map((s) => s.sql.replace(/\$(\d+)/g, (_m, i: string) => real.escape(VALUES[s.parameterNames[Number(i) - 1]] as string)));
    expect(ours.sort()).toEqual((await realStatements(call)).sort());
  });

  it('names each parameter after its code and keeps constants as literals', async () => {
    const [found] = await translations(fixture('models.ts'), ["Order.findAll({ where: { status, userId: 3 }, order: [['createdAt', 'DESC']], limit: n })"]);
    expect(found).toEqual({ statements: [{
      sql: 'SELECT "id", "user_id" AS "userId", "status", "total", "created_at" AS "createdAt", "updated_at" AS "updatedAt", "deleted_at" AS "deletedAt" FROM "orders" AS "Order" WHERE ("Order"."deleted_at" IS NULL AND ("Order"."status" = $1 AND "Order"."user_id" = 3)) ORDER BY "createdAt" DESC LIMIT $2',
      parameterNames: ['status', 'n'],
    }] });
  });

  it.each(NOTICES)('%s is a notice, not a guess', async (call, reason) => {
    const [found] = await translations(fixture('models.ts'), [call]);
    expect(found).toEqual({ reason: expect.stringMatching(reason) });
  });

  it('reads sequelize-typescript models to the same SQL', async () => {
    const init = await translations(fixture('models.ts'), TRANSLATED);
    const decorated = await translations(fixture('decorated-models.ts'), TRANSLATED);
    expect(decorated).toEqual(init);
  });
});
