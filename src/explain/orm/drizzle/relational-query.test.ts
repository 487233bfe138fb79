import { desc, relations, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { ownStatement, p, translateCode } from '../../../../test/support/orm-code.js';
import { readDrizzleRelations } from './drizzle-relations.js';
import { readDrizzleSchema } from './drizzle-tables.js';
import { drizzleTranslator } from './index.js';

// Relational queries (`db.query.*`): the schema and relations as text (what the translator reads) and the same
// as real code (what drizzle-orm's own `drizzle.mock({ schema })` compiles here); each case must equal both.
const SCHEMA = `import { relations } from 'drizzle-orm';
import { integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
export const users = pgTable('users', { id: serial('id').primaryKey(), email: text('email').notNull() });
export const orders = pgTable('orders', { id: serial('id').primaryKey(), userId: integer('user_id').notNull(), status: text('status').notNull(), createdAt: timestamp('created_at').notNull() });
export const items = pgTable('order_items', { id: serial('id').primaryKey(), orderId: integer('order_id').notNull(), sku: text('sku').notNull() });
export const usersRelations = relations(users, ({ many }) => ({ orders: many(orders) }));
export const ordersRelations = relations(orders, ({ one, many }) => ({
  user: one(users, { fields: [orders.userId], references: [users.id] }),
  items: many(items),
}));
export const itemsRelations = relations(items, ({ one }) => ({ order: one(orders, { fields: [items.orderId], references: [orders.id] }) }));
`;
const users = pgTable('users', { id: serial('id').primaryKey(), email: text('email').notNull() });
const orders = pgTable('orders', { id: serial('id').primaryKey(), userId: integer('user_id').notNull(), status: text('status').notNull(), createdAt: timestamp('created_at').notNull() });
const items = pgTable('order_items', { id: serial('id').primaryKey(), orderId: integer('order_id').notNull(), sku: text('sku').notNull() });
const usersRelations = relations(users, ({ many }) => ({ orders: many(orders) }));
const ordersRelations = relations(orders, ({ one, many }) => ({ user: one(users, { fields: [orders.userId], references: [users.id] }), items: many(items) }));
const itemsRelations = relations(items, ({ one }) => ({ order: one(orders, { fields: [items.orderId], references: [orders.id] }) }));
const db = drizzle.mock({ schema: { users, orders, items, usersRelations, ordersRelations, itemsRelations } });

const files = [{ path: 'src/db/schema.ts', text: SCHEMA }];
const schema = readDrizzleSchema(files);
const prepared = { use: { wanted: '^0.45.0', compiler: '0.45.4' }, schema, relations: readDrizzleRelations(files, schema) };
const ph = (name: string) => sql.placeholder(name);
const own = (query: { toSQL(): { sql: string; params: unknown[] } }) => {
  const { sql: text, params } = query.toSQL();
  return ownStatement(text, params.map((v) => (v && typeof v === 'object' && 'name' in v ? p(String(v.name)) : v)));
};

const valid: Array<{ code: string; own: { toSQL(): { sql: string; params: unknown[] } }; parameterNames: string[] }> = [
  {
    code: "db.query.orders.findMany({ columns: { id: true, status: true }, with: { user: true }, where: (o, { eq }) => eq(o.status, status), orderBy: (o, { desc }) => [desc(o.createdAt)], limit: 50 })",
    own: db.query.orders.findMany({ columns: { id: true, status: true }, with: { user: true }, where: (o, { eq }) => eq(o.status, ph('status')), orderBy: (o, { desc }) => [desc(o.createdAt)], limit: 50 }),
    parameterNames: ['status'],
  },
  {
    code: 'db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, userId), with: { orders: { limit: 5, orderBy: [desc(orders.createdAt)], with: { items: { columns: { sku: true } } } } } })',
    own: db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, ph('userId')), with: { orders: { limit: 5, orderBy: [desc(orders.createdAt)], with: { items: { columns: { sku: true } } } } } }),
    parameterNames: ['userId'],
  },
  {
    code: "db.query.orders.findMany({ where: (o, { and, eq, gt }) => and(eq(o.status, 'paid'), gt(o.createdAt, since)), limit: pageSize, offset: 20 })",
    own: db.query.orders.findMany({ where: (o, { and, eq, gt }) => and(eq(o.status, 'paid'), gt(o.createdAt, ph('since') as never)), limit: ph('pageSize') as never, offset: 20 }),
    parameterNames: ['since', 'pageSize'],
  },
  {
    code: "this.db.query.items.findMany({ with: { order: { with: { user: { columns: { email: true } } } } }, where: (i, { inArray }) => inArray(i.sku, ['A', 'B']) })",
    own: db.query.items.findMany({ with: { order: { with: { user: { columns: { email: true } } } } }, where: (i, { inArray }) => inArray(i.sku, ['A', 'B']) }),
    parameterNames: [],
  },
];

const invalid: Array<{ code: string; reason: string }> = [
  { code: 'db.query.orders.findMany(options)', reason: 'the options `options` are built at run time' },
  { code: 'db.query.orders.findMany({ where: (o, { inArray }) => inArray(o.id, ids) })', reason: "`inArray` with `ids` sends one parameter per element" },
  { code: 'db.query.orders.findMany({ where: filter })', reason: 'the condition or sort key `filter` is built at run time' },
  { code: 'db.query.orders.findMany({ extras: { n: sql`1` } })', reason: 'the option `extras` is not translated' },
  { code: 'db.query.orders.findMany({ where: (o, ops) => ops.eq(o.status, s) })', reason: 'does not destructure its operators' },
  { code: 'db.query.orders.findMany({ with: { tags: true } })', reason: 'Drizzle did not compile the query' },
];

describe('Drizzle relational queries', () => {
  it.each(valid)('$code', ({ code, own: query, parameterNames }) => {
    const [result] = translateCode(drizzleTranslator, prepared, `export const run = () => ${code};\n`);
    const expected = own(query);
    expect(expected.parameterNames).toEqual(parameterNames);
    expect(result).toEqual({ line: 1, ...expected });
  });

  it.each(invalid)('not translated: $code', ({ code, reason }) => {
    const [result] = translateCode(drizzleTranslator, prepared, `export const run = () => ${code};\n`);
    expect((result as { reason: string }).reason).toContain(reason);
  });

  it('keeps out relations it cannot read, with the reason', () => {
    const odd = readDrizzleRelations([{ path: 's.ts', text: 'export const r = relations(orders, (h) => ({ user: h.one(users) }));\n' }], schema);
    expect([...odd.skipped]).toEqual([['orders', 'its relations (r) are not read: the helpers are not destructured (`({ one, many }) =>`)']]);
  });
});
