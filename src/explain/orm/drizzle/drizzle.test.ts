import { and, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { index, integer, pgTable, serial, text, timestamp, varchar } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { ownStatement, translateCode } from '../../../../test/support/orm-code.js';
import { drizzleDdl } from './drizzle-ddl.js';
import { readDrizzleSchema } from './drizzle-tables.js';
import { drizzleTranslator } from './index.js';

// The repository's schema as text (what the translator reads) and the same tables as real code (what
// Drizzle's own toSQL() compiles in the test): each translated case must equal both.
const SCHEMA = `import { index, integer, pgTable, serial, text, timestamp, varchar } from 'drizzle-orm/pg-core';
export const users = pgTable('users', { id: serial('id').primaryKey(), email: text('email').notNull() });
export const orders = pgTable('orders', {
  id: serial('id').primaryKey(),
  userId: integer('user_id').notNull().references(() => users.id),
  status: varchar('status', { length: 20 }).notNull().default('new'),
  createdAt: timestamp('created_at').defaultNow().notNull(),
}, (t) => [index('orders_user_id_idx').on(t.userId)]);
`;
const users = pgTable('users', { id: serial('id').primaryKey(), email: text('email').notNull() });
const orders = pgTable('orders', {
  id: serial('id').primaryKey(),
  userId: integer('user_id').notNull().references(() => users.id),
  status: varchar('status', { length: 20 }).notNull().default('new'),
  createdAt: timestamp('created_at').defaultNow().notNull(),
}, (t) => [index('orders_user_id_idx').on(t.userId)]);
const db = drizzle.mock();
const schema = readDrizzleSchema([{ path: 'src/db/schema.ts', text: SCHEMA }]);
const prepared = { use: { wanted: '^0.45.0', compiler: '0.45.4' }, schema };
const ph = (name: string) => sql.placeholder(name);
const own = (query: { toSQL(): { sql: string; params: unknown[] } }) => {
  const { sql: text, params } = query.toSQL();
  return ownStatement(text, params.map((v) => (v && typeof v === 'object' && 'name' in v ? p(String(v.name)) : v)));
};
import { p } from '../../../../test/support/orm-code.js';

const valid: Array<{ code: string; sql: string; parameterNames: string[]; own: { toSQL(): { sql: string; params: unknown[] } } }> = [
  {
    code: 'db.select().from(orders).where(eq(orders.userId, id)).orderBy(desc(orders.createdAt)).limit(50)',
    sql: 'select "id", "user_id", "status", "created_at" from "orders" where "orders"."user_id" = $1 order by "orders"."created_at" desc limit 50',
    parameterNames: ['id'],
    own: db.select().from(orders).where(eq(orders.userId, ph('id'))).orderBy(desc(orders.createdAt)).limit(50),
  },
  {
    code: "db.select({ id: orders.id, email: users.email }).from(orders).innerJoin(users, eq(users.id, orders.userId)).where(and(eq(orders.status, 'paid'), gt(orders.createdAt, since))).limit(pageSize)",
    sql: 'select "orders"."id", "users"."email" from "orders" inner join "users" on "users"."id" = "orders"."user_id" where ("orders"."status" = \'paid\' and "orders"."created_at" > $1) limit $2',
    parameterNames: ['since', 'pageSize'],
    own: db.select({ id: orders.id, email: users.email }).from(orders).innerJoin(users, eq(users.id, orders.userId)).where(and(eq(orders.status, 'paid'), gt(orders.createdAt, ph('since')))).limit(ph('pageSize') as never),
  },
  {
    code: "db.select().from(orders).leftJoin(users, eq(users.id, orders.userId)).where(inArray(orders.status, ['paid', 'new']))",
    sql: 'select "orders"."id", "orders"."user_id", "orders"."status", "orders"."created_at", "users"."id", "users"."email" from "orders" left join "users" on "users"."id" = "orders"."user_id" where "orders"."status" in (\'paid\', \'new\')',
    parameterNames: [],
    own: db.select().from(orders).leftJoin(users, eq(users.id, orders.userId)).where(inArray(orders.status, ['paid', 'new'])),
  },
  {
    code: "db.update(orders).set({ status: 'shipped' }).where(eq(orders.id, req.params.id))",
    sql: 'update "orders" set "status" = \'shipped\' where "orders"."id" = $1',
    parameterNames: ['req.params.id'],
    own: db.update(orders).set({ status: 'shipped' }).where(eq(orders.id, ph('req.params.id'))),
  },
  {
    code: 'db.delete(orders).where(eq(orders.userId, userId))',
    sql: 'delete from "orders" where "orders"."user_id" = $1',
    parameterNames: ['userId'],
    own: db.delete(orders).where(eq(orders.userId, ph('userId'))),
  },
];

const invalid: Array<{ code: string; reason: string }> = [
  { code: 'db.select().from(orders).where(inArray(orders.id, ids))', reason: "`inArray` with `ids` sends one parameter per element, so its text depends on the array's length at run time" },
  { code: 'db.select().from(orders).where(eq(orders.total, 1))', reason: '`orders.total` is not a column of `orders`' },
  { code: 'db.select().from(orders).where(sql`lower(${orders.status}) = ${s}`)', reason: '`` sql`lower(${orders.status}) = ${s}` `` is built at run time' },
  { code: 'db.select().from(orders).$dynamic()', reason: '`.$dynamic` is not a Drizzle method Plumbline replays' },
  { code: 'db.select().from(orders).where(buildFilter(req))', reason: 'the condition or sort key `buildFilter(req)` is built at run time' },
];

describe('Drizzle chains', () => {
  it.each(valid)('$code', ({ code, sql: expected, parameterNames, own: query }) => {
    const [result] = translateCode(drizzleTranslator, prepared, `export const run = () => ${code};\n`);
    expect(result).toEqual({ line: 1, sql: expected, parameterNames });
    expect(own(query)).toEqual({ sql: expected, parameterNames });
  });

  it.each(invalid)('not translated: $code', ({ code, reason }) => {
    const [result] = translateCode(drizzleTranslator, prepared, `export const run = () => ${code};\n`);
    expect(result).toMatchObject({ line: 1 });
    expect((result as { reason: string }).reason).toContain(reason);
  });

  it('reads only chains over tables the schema defines', () => {
    expect(translateCode(drizzleTranslator, prepared, 'export const a = () => list.select().from(items);\nexport const b = (res: any) => res.status(200).json({});\n')).toEqual([]);
  });
});

describe('Drizzle tables to DDL', () => {
  it('writes the tables, keys, defaults, indexes and foreign keys of the pgTable definitions', () => {
    expect(drizzleDdl(schema)).toBe([
      'CREATE TABLE "users" (\n  "id" serial PRIMARY KEY,\n  "email" text NOT NULL\n);',
      'CREATE TABLE "orders" (\n  "id" serial PRIMARY KEY,\n  "user_id" integer NOT NULL,\n  "status" varchar(20) NOT NULL DEFAULT \'new\',\n  "created_at" timestamp NOT NULL DEFAULT now()\n);',
      'CREATE INDEX "orders_user_id_idx" ON "orders" USING btree ("user_id");',
      'ALTER TABLE "orders" ADD FOREIGN KEY ("user_id") REFERENCES "users" ("id");',
      '',
    ].join('\n'));
  });

  it('leaves out a table it cannot rebuild, with the reason', () => {
    const odd = readDrizzleSchema([{ path: 's.ts', text: "export const t = pgTable('t', { id: customType('x') });\nexport const u = pgTable(name, {});\n" }]);
    expect([...odd.skipped]).toEqual([
      ['t', 'the column type `customType` is not one Plumbline rebuilds'],
      ['u', 'its name is not a string literal'],
    ]);
  });
});
