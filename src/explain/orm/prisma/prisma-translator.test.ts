import { readFileSync } from 'node:fs';
import { Project } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { isTranslated, type OrmQuery } from '../orm-query.js';
import { prismaTranslator } from './index.js';
import { parsePrismaSchema } from './prisma-schema.js';

// Which calls the Prisma translator takes, what it names as parameters, and what it refuses (a notice with
// the reason) rather than guessing. The SQL itself is checked against Prisma's own in test/explain/prisma-sql.test.ts.
const schema = parsePrismaSchema(readFileSync(new URL('../../../../examples/shop/prisma/schema.prisma', import.meta.url), 'utf8'));

function translate(code: string): OrmQuery[] {
  const project = new Project({ useInMemoryFileSystem: true });
  return prismaTranslator.translate(project.createSourceFile('/repo/a.ts', code), schema);
}

const reasonOf = (code: string) => {
  const [query] = translate(`declare const prisma: any, where: any, key: string, opts: any;\nprisma.${code};`);
  return query && !isTranslated(query) ? query.reason : query?.sql;
};

describe('Prisma calls taken', () => {
  it('finds calls through prisma, this.prisma (an injected PrismaService), db and tx, and nothing else', () => {
    const code = `
      class OrderRepository {
        constructor(private readonly prisma: PrismaService) {}
        recent() { return this.prisma.order.findMany({ take: 5 }); }
      }
      db.user.count();
      prisma.$transaction(async (tx) => tx.orderItem.deleteMany({ where: { orderId: 3 } }));
      cache.order.findMany({ take: 5 });
      prisma.order.findMany.bind(null);
    `;
    expect(translate(code).map((q) => [q.node.getStartLineNumber(), isTranslated(q) ? q.sql.slice(0, 30) : q.reason])).toEqual([
      [4, 'SELECT "public"."orders"."id",'],
      [6, 'SELECT COUNT(*) AS "_count$_al'],
      [7, 'DELETE FROM "public"."order_it'],
    ]);
  });

  it('names parameters after the code and folds constants, module constants included', () => {
    const [query] = translate(`const PAGE = 50;\nexport const f = (userId: bigint, status: string) => prisma.order.findMany({ where: { userId, status: { in: [status, 'new'] } }, take: PAGE });`);
    expect(isTranslated(query) && [query.sql, query.parameterNames]).toEqual([
      'SELECT "public"."orders"."id", "public"."orders"."user_id", "public"."orders"."status", "public"."orders"."total_cents", "public"."orders"."created_at" FROM "public"."orders" WHERE ("public"."orders"."user_id" = $1 AND "public"."orders"."status" IN ($2,\'new\')) ORDER BY "public"."orders"."id" ASC LIMIT 50 OFFSET 0',
      ['userId', 'status'],
    ]);
  });

  it('sends one statement per include level and says which strategy it assumed', () => {
    const [query] = translate(`prisma.order.findMany({ orderBy: { createdAt: 'desc' }, take: 50, include: { user: true, items: true } });`);
    expect(isTranslated(query) && query.followUps?.map((f) => [f.sql.replace(/ SELECT .* FROM/, ' FROM'), f.parameterNames])).toEqual([
      ['SELECT "public"."users"."id", "public"."users"."email", "public"."users"."name", "public"."users"."country", "public"."users"."created_at" FROM "public"."users" WHERE "public"."users"."id" IN ($1) OFFSET 0', ['order.user_id of the rows of statement 1']],
      ['SELECT "public"."order_items"."id", "public"."order_items"."order_id", "public"."order_items"."product_id", "public"."order_items"."quantity", "public"."order_items"."unit_price_cents" FROM "public"."order_items" WHERE "public"."order_items"."order_id" IN ($1) OFFSET 0', ['order.id of the rows of statement 1']],
    ]);
    expect(isTranslated(query) && query.note).toMatch(/^relationLoadStrategy: query;/);
  });
});

describe('Prisma calls not translated (a notice, never a guess)', () => {
  const cases: Array<[string, string]> = [
    ['order.findMany(opts)', '`the argument` is built at run time (`opts`)'],
    ['order.findMany({ where })', '`where` is built at run time (`where`)'],
    ['order.findMany({ ...opts, take: 5 })', '`...opts` in the arguments (spread or method) is only known at run time'],
    ['order.findMany({ where: { [key]: 1 } })', 'a computed key (`[key]`) in the arguments'],
    ['order.findMany({ orderBy: { createdAt: opts.dir } })', '`orderBy.createdAt` is only known at run time (`opts.dir`)'],
    ['invoice.findMany({})', 'schema.prisma has no model for `invoice`'],
    ['order.findMany({ where: { notAField: 1 } })', '`notAField` is not a field of model Order (or a relation Prisma keeps in a hidden join table)'],
    ['user.findMany({ where: { name: { search: "cat" } } })', 'the filter `name.search` is not translated'],
    ['order.findMany({ distinct: ["status"] })', '`distinct` is not translated'],
    ['order.findMany({ orderBy: { user: { email: "asc" } } })', 'ordering by `user` (a relation or aggregate) is not translated'],
    ['order.findMany({ cursor: { id: 5 }, orderBy: { createdAt: "desc" } })', 'a `cursor` on other fields than the single `orderBy` field is not translated'],
    ['order.create({ data: {} })', '`create` is not translated (inserts are not explained)'],
    ['order.update({ where: { id: 1 }, data: { totalCents: { increment: 1 } } })', '`data.totalCents` (an atomic operation) is not translated'],
    ['order.groupBy({ by: ["status"], having: {} })', '`having` in `groupBy` is not translated'],
  ];
  it.each(cases)('prisma.%s', (code, reason) => expect(reasonOf(code)).toBe(reason));
});
