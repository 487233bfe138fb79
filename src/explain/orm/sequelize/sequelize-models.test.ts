import { Project } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { isTranslated } from '../orm-query.js';
import { preparedSequelize, translateSequelize } from './index.js';
import { schemaOf } from './schema.js';

// How models are found: the styles of sequelize-cli, NestJS and a global `define`, and the models whose queries
// the code does not show (scopes, find hooks, options built at run time), which give notices.
async function translate(files: Record<string, string>, query: string) {
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { strict: true, allowJs: true, experimentalDecorators: true } });
  const sources = Object.entries(files).map(([name, text]) => project.createSourceFile(`/repo/${name}`, text));
  const sf = project.createSourceFile('/repo/src/query.ts', query);
  const schema = schemaOf(sources);
  if (!schema) return [];
  const found = await translateSequelize(sf, preparedSequelize(schema, { wanted: '^6.0.0', compiler: '6.37.8' }));
  return found.map((q) => (isTranslated(q) ? { line: q.node.getStartLineNumber(), sql: q.sql, parameterNames: q.parameterNames } : { line: q.node.getStartLineNumber(), reason: q.reason }));
}

const CLI_MODELS = {
  'models/order.js': `'use strict';
module.exports = (sequelize, DataTypes) => {
  const Order = sequelize.define('Order', { status: DataTypes.STRING, userId: DataTypes.INTEGER }, { tableName: 'orders' });
  Order.associate = function (models) {
    Order.belongsTo(models.User, { foreignKey: 'userId', as: 'user' });
  };
  return Order;
};`,
  'models/user.js': `'use strict';
const { Model } = require('sequelize');
module.exports = (sequelize, DataTypes) => {
  class User extends Model {
    static associate(models) {
      this.hasMany(models.Order, { foreignKey: 'userId', as: 'orders' });
    }
  }
  User.init({ email: DataTypes.STRING }, { sequelize, modelName: 'User', tableName: 'users', timestamps: false });
  return User;
};`,
};

describe('Sequelize models', () => {
  it('reads sequelize-cli models and finds them as `db.Order` / `models.User`', async () => {
    const found = await translate(CLI_MODELS, "import db from '../models';\nexport const q = (status: string) => db.Order.findAll({ where: { status }, include: [{ model: db.User, as: 'user' }] });\n");
    expect(found).toEqual([{
      line: 2,
      sql: 'SELECT "Order"."id", "Order"."status", "Order"."userId", "Order"."createdAt", "Order"."updatedAt", "user"."id" AS "user.id", "user"."email" AS "user.email" FROM "orders" AS "Order" LEFT OUTER JOIN "users" AS "user" ON "Order"."userId" = "user"."id" WHERE "Order"."status" = $1',
      parameterNames: ['status'],
    }]);
  });

  it('finds a model injected as `typeof Order` (NestJS @InjectModel)', async () => {
    const found = await translate(CLI_MODELS, [
      'class Orders {',
      '  constructor(private readonly orders: typeof Order) {}',
      "  latest(userId: number) { return this.orders.findAll({ where: { userId }, order: [['id', 'DESC']], limit: 10 }); }",
      '}',
      'declare const Order: unknown;',
    ].join('\n'));
    expect(found).toEqual([expect.objectContaining({ line: 3, parameterNames: ['userId'], sql: expect.stringContaining('WHERE "Order"."userId" = $1 ORDER BY "Order"."id" DESC LIMIT 10') })]);
  });

  it("applies the instance's `define` defaults", async () => {
    const found = await translate({
      'src/db.ts': "import { Sequelize, DataTypes } from 'sequelize';\nexport const sequelize = new Sequelize(process.env.DATABASE_URL!, { define: { underscored: true, freezeTableName: true } });\nexport const Order = sequelize.define('order', { userId: DataTypes.INTEGER });\n",
    }, "import { Order } from './db';\nexport const q = () => Order.count({ where: { userId: 1 } });\n");
    expect(found).toEqual([{ line: 2, sql: 'SELECT count(*) AS "count" FROM "order" AS "order" WHERE "order"."user_id" = 1', parameterNames: [] }]);
  });

  it.each([
    ['a default scope', "{ status: DataTypes.STRING }, { defaultScope: { where: { status: 'paid' } } }", /^the model Order \(src\/db\.ts:2\): it has `defaultScope`, which changes its queries$/],
    ['a find hook', '{ status: DataTypes.STRING }, { hooks: { beforeFind(options) { options.limit = 1; } } }', /`beforeFind`\/`beforeCount` hook can change its queries/],
    ['options built at run time', '{ status: DataTypes.STRING }, { ...common }', /the model options spreads `...common`/],
    ['an attribute defined elsewhere', '{ status: statusColumn }', /the attribute `status` of Order is not a literal/],
    ['a table name computed at run time', '{ status: DataTypes.STRING }, { tableName: prefix + "orders" }', /`tableName` is computed at run time/],
  ])('gives a notice for a model with %s', async (_what, definition, reason) => {
    const found = await translate({ 'src/db.ts': `import { DataTypes } from 'sequelize';\nexport const Order = sequelize.define('Order', ${definition});\n` }, "import { Order } from './db';\nexport const q = () => Order.findAll();\n");
    expect(found).toEqual([{ line: 2, reason: expect.stringMatching(reason) }]);
  });

  it('gives a notice for a scope added later and for options read from a config that sets `define`', async () => {
    const scoped = await translate({ 'src/db.ts': "import { DataTypes } from 'sequelize';\nexport const Order = sequelize.define('Order', { status: DataTypes.STRING });\nOrder.addScope('paid', { where: { status: 'paid' } });\n" }, "import { Order } from './db';\nexport const q = () => Order.findAll();\n");
    expect(scoped).toEqual([{ line: 2, reason: expect.stringContaining("`Order.addScope('paid', { where: { status: 'paid' } })` (src/db.ts:3) changes its queries") }]);
    const configured = await translate({
      'src/db.ts': "import { Sequelize, DataTypes } from 'sequelize';\nimport config from './config';\nexport const sequelize = new Sequelize(config.url, config.options);\nexport const Order = sequelize.define('Order', { status: DataTypes.STRING });\n",
      'src/config.ts': 'export default { url: process.env.URL, options: { define: { underscored: true } } };\n',
    }, "import { Order } from './db';\nexport const q = () => Order.findAll();\n");
    expect(configured).toEqual([{ line: 2, reason: expect.stringMatching(/^the Sequelize options at src\/db\.ts:3 are not read/) }]);
  });

  it('leaves calls on other objects alone', async () => {
    expect(await translate(CLI_MODELS, 'declare const repo: { findAll(o: object): void };\nexport const q = () => repo.findAll({});\n')).toEqual([]);
  });
});
