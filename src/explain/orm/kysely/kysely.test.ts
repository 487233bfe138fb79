import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, type Compilable } from 'kysely';
import { describe, expect, it } from 'vitest';
import { ownStatement, p, translateCode } from '../../../../test/support/orm-code.js';
import { kyselyTranslator } from './index.js';

// Each translated case is checked against the SQL written here and against Kysely's own compile() of the
// same chain written as real code (values the code computes passed as placeholders).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const db = new Kysely<any>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});
const prepared = { use: { wanted: '^0.28.2', compiler: '0.28.19' } };
const own = (query: Compilable) => {
  const compiled = query.compile();
  return ownStatement(compiled.sql, compiled.parameters);
};

const valid: Array<{ code: string; sql: string; parameterNames: string[]; own: Compilable }> = [
  {
    code: "db.selectFrom('orders').innerJoin('users', 'users.id', 'orders.user_id').select(['orders.id', 'users.email']).where('orders.user_id', '=', userId).orderBy('orders.created_at', 'desc').limit(50).execute()",
    sql: 'select "orders"."id", "users"."email" from "orders" inner join "users" on "users"."id" = "orders"."user_id" where "orders"."user_id" = $1 order by "orders"."created_at" desc limit 50',
    parameterNames: ['userId'],
    own: db.selectFrom('orders').innerJoin('users', 'users.id', 'orders.user_id').select(['orders.id', 'users.email']).where('orders.user_id', '=', p('userId')).orderBy('orders.created_at', 'desc').limit(50),
  },
  {
    code: "db.selectFrom('orders as o').leftJoin('users as u', 'u.id', 'o.user_id').selectAll('o').where('o.status', 'in', ['paid', 'new']).where('o.created_at', '>', since).limit(pageSize).executeTakeFirst()",
    sql: 'select "o".* from "orders" as "o" left join "users" as "u" on "u"."id" = "o"."user_id" where "o"."status" in (\'paid\', \'new\') and "o"."created_at" > $1 limit $2',
    parameterNames: ['since', 'pageSize'],
    own: db.selectFrom('orders as o').leftJoin('users as u', 'u.id', 'o.user_id').selectAll('o').where('o.status', 'in', ['paid', 'new']).where('o.created_at', '>', p('since')).limit(p('pageSize') as never),
  },
  {
    // an ORDER BY column with a constant from a `const`
    code: "db.selectFrom(ORDERS).select('status').groupBy('status').orderBy('status').execute()",
    sql: 'select "status" from "orders" group by "status" order by "status"',
    parameterNames: [],
    own: db.selectFrom('orders').select('status').groupBy('status').orderBy('status'),
  },
  {
    code: "db.updateTable('orders').set({ status: 'shipped', total_cents: req.body.total }).where('id', '=', id).execute()",
    sql: 'update "orders" set "status" = \'shipped\', "total_cents" = $1 where "id" = $2',
    parameterNames: ['req.body.total', 'id'],
    own: db.updateTable('orders').set({ status: 'shipped', total_cents: p('req.body.total') }).where('id', '=', p('id')),
  },
  {
    code: "db.deleteFrom('orders').where('user_id', '=', userId).where('status', '=', 'cancelled').executeTakeFirst()",
    sql: 'delete from "orders" where "user_id" = $1 and "status" = \'cancelled\'',
    parameterNames: ['userId'],
    own: db.deleteFrom('orders').where('user_id', '=', p('userId')).where('status', '=', 'cancelled'),
  },
];

const invalid: Array<{ code: string; reason: string }> = [
  { code: "db.selectFrom('orders').selectAll().where('id', 'in', ids).execute()", reason: "`in` with `ids` sends one parameter per element, so its text depends on the array's length at run time" },
  { code: 'db.selectFrom(req.query.table).selectAll().execute()', reason: '`req.query.table` is computed at run time where the query needs a name (table, column or direction)' },
  { code: "db.selectFrom('orders').selectAll().orderBy('created_at', direction).execute()", reason: 'the sort direction `direction` is chosen at run time' },
  { code: "db.selectFrom('orders').selectAll().where((eb) => eb('a', '=', 1)).execute()", reason: "the callback `(eb) => eb('a', '=', 1)` is not read" },
  { code: "db.selectFrom('orders').selectAll().where(condition).execute()", reason: 'the condition `condition` is built at run time' },
  { code: "db.selectFrom('orders').selectAll().$if(admin, (qb) => qb.where('x', '=', 1)).execute()", reason: '`.$if` is not a Kysely method Plumbline replays' },
  { code: "db.selectFrom('orders').select(sql`count(*)`.as('n')).execute()", reason: "`` sql`count(*)`.as('n') `` is computed at run time where the query needs a name (table, column or direction)" },
];

describe('Kysely chains', () => {
  it.each(valid)('$code', ({ code, sql, parameterNames, own: query }) => {
    const [result] = translateCode(kyselyTranslator, prepared, `const ORDERS = 'orders';\nexport const run = () => ${code};\n`);
    expect(result).toEqual({ line: 2, sql, parameterNames });
    expect(own(query)).toEqual({ sql, parameterNames });
  });

  it.each(invalid)('not translated: $code', ({ code, reason }) => {
    expect(translateCode(kyselyTranslator, prepared, `export const run = () => ${code};\n`)).toEqual([{ line: 1, reason }]);
  });

  it('reads only chains that start with selectFrom/updateTable/deleteFrom/insertInto, and only in a repository that uses Kysely', async () => {
    expect(translateCode(kyselyTranslator, prepared, "export const a = (res: any) => res.status(200).json({});\nexport const b = () => list.select('x');\n")).toEqual([]);
    expect(await kyselyTranslator.prepare({ root: '/r', readFile: () => '{"dependencies":{"knex":"^3"}}' })).toBeUndefined();
  });
});
