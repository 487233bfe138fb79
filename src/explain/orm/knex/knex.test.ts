import knexFactory, { type Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { ownStatement, p, translateCode } from '../../../../test/support/orm-code.js';
import { knexTranslator } from './index.js';

// Each translated case is checked twice: against the SQL written here, and against Knex's own toSQL() of
// the same chain written as real code (values the code computes passed as placeholders).
const k = knexFactory({ client: 'pg' });
const prepared = { use: { wanted: '^3.1.0', compiler: '3.3.0' } };
const own = (builder: Knex.QueryBuilder) => {
  const native = builder.toSQL().toNative();
  return ownStatement(native.sql, native.bindings);
};

const valid: Array<{ code: string; sql: string; parameterNames: string[]; own: Knex.QueryBuilder }> = [
  {
    code: "knex('orders').where('user_id', userId).join('users', 'users.id', 'orders.user_id').orderBy('created_at', 'desc').limit(50)",
    sql: 'select * from "orders" inner join "users" on "users"."id" = "orders"."user_id" where "user_id" = $1 order by "created_at" desc limit 50',
    parameterNames: ['userId'],
    own: k('orders').where('user_id', p('userId')).join('users', 'users.id', 'orders.user_id').orderBy('created_at', 'desc').limit(50),
  },
  {
    code: "db.select('id', 'total').from('orders').leftJoin('users', 'users.id', 'orders.user_id').whereIn('status', ['paid', 'new']).first()",
    sql: 'select "id", "total" from "orders" left join "users" on "users"."id" = "orders"."user_id" where "status" in (\'paid\', \'new\') limit 1',
    parameterNames: [],
    own: k.select('id', 'total').from('orders').leftJoin('users', 'users.id', 'orders.user_id').whereIn('status', ['paid', 'new']).first(),
  },
  {
    // an object `where` with a shorthand property, a constant table name from a `const`
    code: "knex(ORDERS).where({ status: 'paid', userId }).orderBy([{ column: 'created_at', order: 'desc' }])",
    sql: 'select * from "orders" where "status" = \'paid\' and "userId" = $1 order by "created_at" desc',
    parameterNames: ['userId'],
    own: k('orders').where({ status: 'paid', userId: p('userId') }).orderBy([{ column: 'created_at', order: 'desc' }]),
  },
  {
    code: "knex('orders').count('* as n').where('created_at', '>', req.query.since).groupBy('status')",
    sql: 'select count(*) as "n" from "orders" where "created_at" > $1 group by "status"',
    parameterNames: ['req.query.since'],
    own: k('orders').count('* as n').where('created_at', '>', p('req.query.since')).groupBy('status'),
  },
  {
    code: "knex('orders').where('id', id).update({ status: 'shipped', total_cents: Number(total) })",
    sql: 'update "orders" set "status" = \'shipped\', "total_cents" = $1 where "id" = $2',
    parameterNames: ['Number(total)', 'id'],
    own: k('orders').where('id', p('id')).update({ status: 'shipped', total_cents: p('Number(total)') }),
  },
  {
    code: "knex('orders').where('user_id', userId).whereNull('deleted_at').del()",
    sql: 'delete from "orders" where "user_id" = $1 and "deleted_at" is null',
    parameterNames: ['userId'],
    own: k('orders').where('user_id', p('userId')).whereNull('deleted_at').del(),
  },
  {
    // a limit the code computes stays a parameter; `.then` adds nothing to the SQL
    code: "knex('orders').select('id').where('status', status).limit(pageSize).offset(0).then((rows) => rows)",
    sql: 'select "id" from "orders" where "status" = $1 limit $2',
    parameterNames: ['status', 'pageSize'],
    own: k('orders').select('id').where('status', p('status')).limit(7).offset(0),
  },
];

const invalid: Array<{ code: string; reason: string }> = [
  { code: "knex('orders').whereIn('id', ids)", reason: '`.whereIn` with `ids` sends one parameter per element, so its text depends on the array\'s length at run time' },
  { code: "knex('orders').where(req.query.column, 1)", reason: '`req.query.column` is computed at run time where the query needs a name (table, column or direction)' },
  { code: "knex('orders').orderBy('created_at', direction)", reason: 'the sort direction `direction` is chosen at run time' },
  { code: "knex('orders').where((qb) => qb.where('a', 1).orWhere('b', 2))", reason: "the callback `(qb) => qb.where('a', 1).orWhere('b', 2)` is not read" },
  { code: "knex('orders').select(knex.raw('count(*)'))", reason: "`knex.raw('count(*)')` is computed at run time where the query needs a name (table, column or direction)" },
  { code: "knex('orders').where('id', 1).modify(withFilters)", reason: '`.modify` is not a Knex method Plumbline replays' },
  { code: "knex('orders').where(buildFilter(req))", reason: 'the condition `buildFilter(req)` is built at run time' },
  { code: "knex('orders').where({ ...filters })", reason: '`...filters` in the object is not read' },
  { code: "knex('orders').where(`status_${kind}`, 1)", reason: '`` `status_${kind}` `` is built at run time' },
];

describe('Knex chains', () => {
  it.each(valid)('$code', ({ code, sql, parameterNames, own: builder }) => {
    const [result] = translateCode(knexTranslator, prepared, `const ORDERS = 'orders';\nexport const run = () => ${code};\n`);
    expect(result).toEqual({ line: 2, sql, parameterNames });
    const theirs = own(builder);
    // Knex's own limit with a number: the code's `pageSize` is the only difference there.
    expect(theirs.sql).toBe(sql.replace('limit $2', 'limit 7'));
  });

  it.each(invalid)('not translated: $code', ({ code, reason }) => {
    expect(translateCode(knexTranslator, prepared, `export const run = () => ${code};\n`)).toEqual([{ line: 1, reason }]);
  });

  it('leaves alone what is not a Knex chain, and a chain that is extended on another path', () => {
    const code = [
      'export async function list(res: any, q2: boolean) {',
      "  res.status(200).json({ ok: true });",
      "  const q = knex('orders').where('a', 1);",
      "  if (q2) q.where('b', 2);",
      '  return q;',
      '}',
    ].join('\n');
    expect(translateCode(knexTranslator, prepared, code)).toEqual([
      { line: 3, reason: '`q` is extended later (`q.where(…)` at line 4), so the statement depends on the path taken' },
    ]);
  });

  it('is not used when the repository does not depend on knex, and says when its version differs', async () => {
    expect(await knexTranslator.prepare({ root: '/r', readFile: () => '{"dependencies":{"pg":"^8"}}' })).toBeUndefined();
    const use = (await knexTranslator.prepare({ root: '/r', readFile: () => '{"dependencies":{"knex":"^2.5.1"}}' })) as { use: { wanted: string } };
    expect(use.use.wanted).toBe('^2.5.1');
    const sf = translateCode(knexTranslator, use, "export const a = () => knex('orders').first();");
    expect(sf).toHaveLength(1);
  });
});
