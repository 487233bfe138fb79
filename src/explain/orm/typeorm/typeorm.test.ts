import 'reflect-metadata';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Project, ts } from 'ts-morph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from '../../../../test/support/postgres.js';
import { isTranslated, type OrmQuery } from '../orm-query.js';
import { readEntities } from './entities.js';
import { typeormTranslator, type TypeormSchema } from './translator.js';

// Each case is code a developer writes, the SQL the translator gives, and — the point of the table —
// a check that TypeORM itself sends statements with the same plans: the cases run through a real
// TypeORM DataSource on a real PostgreSQL, its statements are captured by a logger, and every statement
// of ours and of TypeORM's is planned (EXPLAIN COSTS OFF) with the same values in place of `$n`.
const ENTITIES = readFileSync(new URL('./fixtures/entities.ts', import.meta.url), 'utf8');
const VALUES: Record<string, unknown> = { status: 'paid', ids: [1, 2], since: new Date('2024-01-01T00:00:00Z'), limit: 10, page: 20, term: '%a%', userId: 1 };
const SIGNATURE = 'orders: Repository<Order>, users: Repository<User>, manager: EntityManager, dataSource: DataSource, status: string, ids: number[], since: Date, limit: number, page: number, term: string, userId: number';
const O = '"Order"."id" AS "Order_id", "Order"."status" AS "Order_status", "Order"."total_cents" AS "Order_total_cents", "Order"."created_at" AS "Order_created_at", "Order"."user_id" AS "Order_user_id"';
const U = (a: string) => `"${a}"."id" AS "${a}_id", "${a}"."name" AS "${a}_name", "${a}"."email_address" AS "${a}_email_address"`;
const I = (a: string) => `"${a}"."id" AS "${a}_id", "${a}"."sku" AS "${a}_sku", "${a}"."qty" AS "${a}_qty", "${a}"."removedAt" AS "${a}_removedAt", "${a}"."orderId" AS "${a}_orderId"`;

const translated: Array<{ name: string; code: string; sql: string; followUps?: string[] }> = [
  { name: 'find with where, order and take', code: `orders.find({ where: { status }, order: { createdAt: 'DESC' }, take: 50 })`,
    sql: `SELECT ${O} FROM "orders" "Order" WHERE ("Order"."status" = $1) ORDER BY "Order"."created_at" DESC LIMIT 50` },
  { name: 'constants stay literals; operators', code: `orders.find({ where: { status: In(['paid', 'new']), totalCents: MoreThan(100), createdAt: Between(since, new Date()) } })`,
    sql: `SELECT ${O} FROM "orders" "Order" WHERE ("Order"."status" IN ('paid', 'new') AND "Order"."total_cents" > 100 AND "Order"."created_at" BETWEEN $1 AND $2)` },
  { name: 'In of a run-time list, Not, IsNull, ILike', code: `orders.findBy({ id: In(ids), status: Not(IsNull()), user: { name: ILike(term) } })`,
    sql: `SELECT ${O} FROM "orders" "Order" LEFT JOIN "users" "Order__Order_user" ON "Order__Order_user"."id"="Order"."user_id" WHERE ("Order"."id" = ANY($1) AND NOT("Order"."status" IS NULL) AND ("Order__Order_user"."name" ILIKE $2))` },
  { name: 'findOne', code: `orders.findOne({ where: { id: userId } })`,
    sql: `SELECT ${O} FROM "orders" "Order" WHERE ("Order"."id" = $1) LIMIT 1` },
  { name: 'an OR of where objects, select, skip', code: `orders.find({ where: [{ status: 'a' }, { status: 'b' }], select: { status: true }, skip: page, take: limit })`,
    sql: `SELECT "Order"."id" AS "Order_id", "Order"."status" AS "Order_status" FROM "orders" "Order" WHERE ((("Order"."status" = 'a')) OR (("Order"."status" = 'b'))) LIMIT $1 OFFSET $2` },
  { name: 'count, and a soft-deleted entity', code: `manager.count(OrderItem, { where: { sku: LessThan('m') } })`,
    sql: `SELECT COUNT(1) AS "cnt" FROM "order_item" "OrderItem" WHERE ("OrderItem"."sku" < 'm') AND ("OrderItem"."removedAt" IS NULL)` },
  { name: 'the incident: relations + order + take (two statements)', code: `orders.find({ relations: { user: true, items: true }, order: { createdAt: 'DESC' }, take: 50 })`,
    sql: `SELECT DISTINCT "distinctAlias"."Order_id" AS "ids_Order_id", "distinctAlias"."Order_created_at" FROM (SELECT ${O}, ${U('Order__Order_user')}, ${I('Order__Order_items')} FROM "orders" "Order" LEFT JOIN "users" "Order__Order_user" ON "Order__Order_user"."id"="Order"."user_id" LEFT JOIN "order_item" "Order__Order_items" ON ("Order__Order_items"."orderId"="Order"."id") AND ("Order__Order_items"."removedAt" IS NULL)) "distinctAlias" ORDER BY "distinctAlias"."Order_created_at" DESC, "Order_id" ASC LIMIT 50`,
    followUps: [`SELECT ${O}, ${U('Order__Order_user')}, ${I('Order__Order_items')} FROM "orders" "Order" LEFT JOIN "users" "Order__Order_user" ON "Order__Order_user"."id"="Order"."user_id" LEFT JOIN "order_item" "Order__Order_items" ON ("Order__Order_items"."orderId"="Order"."id") AND ("Order__Order_items"."removedAt" IS NULL) WHERE ("Order"."id" = ANY($1)) ORDER BY "Order"."created_at" DESC`] },
  // TypeORM sends the count only when the page is full (here: 1 of 1).
  { name: 'findAndCount sends the rows and a count', code: `orders.findAndCount({ where: { status: Not(status) }, take: 1 })`,
    sql: `SELECT ${O} FROM "orders" "Order" WHERE (NOT("Order"."status" = $1)) LIMIT 1`,
    followUps: [`SELECT COUNT(DISTINCT("Order"."id")) AS "cnt" FROM "orders" "Order" WHERE (NOT("Order"."status" = $1))`] },
  { name: 'a relation filter on a one-to-many, from dataSource.getRepository', code: `dataSource.getRepository(User).find({ relations: { orders: true }, where: { orders: { status } } })`,
    sql: `SELECT ${U('User')}, "User__User_orders"."id" AS "User__User_orders_id", "User__User_orders"."status" AS "User__User_orders_status", "User__User_orders"."total_cents" AS "User__User_orders_total_cents", "User__User_orders"."created_at" AS "User__User_orders_created_at", "User__User_orders"."user_id" AS "User__User_orders_user_id" FROM "users" "User" LEFT JOIN "orders" "User__User_orders" ON "User__User_orders"."user_id"="User"."id" WHERE (("User__User_orders"."status" = $1))` },
  { name: 'a query builder chain', code: `orders.createQueryBuilder('o').leftJoinAndSelect('o.user', 'u').where('o.status = :status', { status }).andWhere('u.id IN (:...ids)', { ids }).orderBy('o.createdAt', 'DESC').limit(limit).getMany()`,
    sql: `SELECT "o"."id" AS "o_id", "o"."status" AS "o_status", "o"."total_cents" AS "o_total_cents", "o"."created_at" AS "o_created_at", "o"."user_id" AS "o_user_id", ${U('u')} FROM "orders" "o" LEFT JOIN "users" "u" ON "u"."id"="o"."user_id" WHERE "o"."status" = $1 AND "u"."id" = ANY($2) ORDER BY "o"."created_at" DESC LIMIT $3` },
  { name: 'a query builder from the data source, inner join, getCount', code: `dataSource.createQueryBuilder(OrderItem, 'i').innerJoin('i.order', 'o').where("o.status = 'paid'").getCount()`,
    sql: `SELECT COUNT(DISTINCT("i"."id")) AS "cnt" FROM "order_item" "i" INNER JOIN "orders" "o" ON "o"."id"="i"."orderId" WHERE "o"."status" = 'paid' AND ("i"."removedAt" IS NULL)` },
];

const untranslated: Array<{ name: string; code: string; reason: string }> = [
  { name: 'options built at run time', code: `orders.find(buildOptions())`, reason: 'the find options is not an object literal (`buildOptions()`)' },
  { name: 'a spread where', code: `orders.find({ where: { ...filters } })`, reason: 'the where is built at run time (`...filters`)' },
  { name: 'a raw operator', code: `orders.findBy({ status: Raw((a) => a + ' = 1') })`, reason: "the where operator `Raw((a) => a + ' = 1')` is not translated" },
  { name: 'an unknown entity', code: `manager.find(Invoice, {})`, reason: 'the entity `Invoice` was not found among the @Entity classes' },
  { name: 'a direction chosen at run time', code: `orders.find({ order: { createdAt: dir } })`, reason: 'the order direction is chosen at run time (`dir`)' },
  { name: 'a query builder built across statements', code: `qb.getMany()`, reason: 'the query builder `qb` is built across statements' },
];

function queriesFile(codes: string[]): string {
  const header = `import { Between, DataSource, EntityManager, ILike, In, IsNull, LessThan, MoreThan, Not, Raw, Repository } from 'typeorm';\nimport { Order, OrderItem, User } from './entities.js';\ndeclare const buildOptions: () => object, filters: object, dir: 'ASC', Invoice: Function;\nconst qb = ({} as Repository<Order>).createQueryBuilder('o');\n`;
  return header + codes.map((code, i) => `export const c${i} = async (${SIGNATURE}) => ${code};\n`).join('');
}

function translate(codes: string[]): OrmQuery[][] {
  const project = new Project({ useInMemoryFileSystem: true });
  const entities = project.createSourceFile('/repo/src/entities.ts', ENTITIES);
  const queries = project.createSourceFile('/repo/src/queries.ts', queriesFile(codes));
  const schema: TypeormSchema = { entities: readEntities([entities]) };
  const found = typeormTranslator.translate(queries, schema);
  return codes.map((_c, i) => found.filter((q) => q.node.getFirstAncestorByKind(ts.SyntaxKind.VariableStatement)?.getText().startsWith(`export const c${i} `)));
}

describe('TypeORM translation', () => {
  const results = translate(translated.map((c) => c.code));
  it.each(translated.map((c, i) => [c.name, c, i] as const))('%s', (_name, c, i) => {
    expect(results[i]).toHaveLength(1);
    const query = results[i][0];
    if (!isTranslated(query)) throw new Error(query.reason);
    expect(query.sql).toBe(c.sql);
    expect((query.followUps ?? []).map((f) => f.sql)).toEqual(c.followUps ?? []);
  });

  const refused = translate(untranslated.map((c) => c.code));
  it.each(untranslated.map((c, i) => [c.name, c, i] as const))('notice: %s', (_name, c, i) => {
    expect(refused[i].map((q) => ('reason' in q ? q.reason : q.sql))).toEqual([c.reason]);
  });
});

describe('TypeORM sends statements with the same plans (real TypeORM, real PostgreSQL)', () => {
  let server: TestPostgres;
  let dir: string;
  const sent: Array<{ sql: string; parameters: unknown[] }> = [];
  let dataSource: { destroy(): Promise<void>; getRepository(e: unknown): unknown; manager: unknown; query(sql: string): Promise<unknown> };
  let module: Record<string, (...args: unknown[]) => Promise<unknown>>;
  let entities: Record<string, unknown>;

  beforeAll(async () => {
    server = await startPostgres();
    dir = mkdtempSync(path.join(process.cwd(), 'node_modules', '.typeorm-test-'));
    mkdirSync(dir, { recursive: true });
    const options = { experimentalDecorators: true, emitDecoratorMetadata: true, module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 };
    writeFileSync(path.join(dir, 'entities.js'), ts.transpileModule(ENTITIES, { compilerOptions: options }).outputText);
    writeFileSync(path.join(dir, 'queries.js'), ts.transpileModule(queriesFile(translated.map((c) => c.code)).replace(/^declare .*$/m, '').replace(/^const qb .*$/m, ''), { compilerOptions: options }).outputText);
    writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}');
    entities = await import(path.join(dir, 'entities.js'));
    module = await import(path.join(dir, 'queries.js'));
    const typeorm = await import('typeorm');
    const logger = { logQuery: (sql: string, parameters?: unknown[]) => sent.push({ sql, parameters: parameters ?? [] }), logQueryError() {}, logQuerySlow() {}, logSchemaBuild() {}, logMigration() {}, log() {} };
    const ds = new typeorm.DataSource({ type: 'postgres', url: server.url, entities: Object.values(entities) as Array<new () => object>, synchronize: true, logger, logging: true });
    await ds.initialize();
    dataSource = ds as never;
    await ds.query("INSERT INTO users (name) VALUES ('a'), ('b'); INSERT INTO orders (status, user_id) VALUES ('paid', 1), ('new', 2); INSERT INTO order_item (sku, qty, \"orderId\") VALUES ('x', 1, 1)");
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(translated.map((c, i) => [c.name, i] as const))('%s', async (_name, i) => {
    const [query] = translate([translated[i].code])[0];
    if (!isTranslated(query)) throw new Error(query.reason);
    sent.length = 0;
    const { Order, User } = entities;
    await module[`c${i}`](dataSource.getRepository(Order), dataSource.getRepository(User), dataSource.manager, dataSource, ...Object.values(VALUES));
    const theirs = sent.filter((s) => /^SELECT/.test(s.sql)).map((s) => withValues(s.sql, s.parameters));
    const ours = [query, ...(query.followUps ?? [])].map((s, n) => withValues(s.sql, s.parameterNames.map((name) => (name in VALUES ? VALUES[name] : name === 'new Date()' ? new Date('2030-01-01') : idsIn(theirs[n])))));
    expect(ours).toHaveLength(theirs.length);
    for (const [n, sql] of ours.entries()) expect(await plan(sql)).toBe(await plan(theirs[n]));
  });

  // Dates in both are replaced by one value: TypeORM's own `new Date()` is not ours.
  const plan = async (sql: string) => (await server.query(`EXPLAIN (COSTS OFF) ${sql.replace(/'\d{4}-\d\d-\d\dT[\d:.]+Z'/g, "'2024-01-01'")}`)).rows.map((r) => r['QUERY PLAN']).join('\n');
});

/** TypeORM's second statement names the page's ids literally: `"Order"."id" IN (1, 2)`. */
function idsIn(sql: string | undefined): number[] {
  const list = /"id" IN \(([\d, ]+)\)/.exec(sql ?? '')?.[1] ?? '';
  return list.split(',').map(Number);
}

function withValues(sql: string, values: unknown[]): string {
  return sql.replace(/\$(\d+)/g, (_m, n: string) => literal(values[Number(n) - 1]));
}

function literal(value: unknown): string {
  if (Array.isArray(value)) return `'{${value.join(',')}}'`;
  if (value instanceof Date) return `'${value.toISOString()}'`;
  if (typeof value === 'number') return String(value);
  return `'${String(value).replace(/'/g, "''")}'`;
}
