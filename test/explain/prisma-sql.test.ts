import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Project } from 'ts-morph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTranslated, type OrmQuery } from '../../src/explain/orm/orm-query.js';
import { prismaDdl } from '../../src/explain/orm/prisma/prisma-ddl.js';
import { parsePrismaSchema } from '../../src/explain/orm/prisma/prisma-schema.js';
import { prismaTranslator } from '../../src/explain/orm/prisma/index.js';
import { sqlNormalForm } from '../support/prisma-sql-normal-form.js';
import { startPostgres, type TestPostgres } from '../support/postgres.js';

// The translation checked against Prisma's OWN SQL: the real Prisma 7 client (query compiler, no Rust
// engine, @prisma/adapter-pg; test/fixtures/prisma-client), generated from examples/shop/prisma/schema.prisma
// as it is (relationLoadStrategy `query`) and with the `relationJoins` preview feature (`join`), runs every
// call below against a real PostgreSQL whose tables come from our DDL for that schema; its query log must
// equal our translation statement for statement (normal form: test/support/prisma-sql-normal-form.ts).
const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = path.join(root, 'test/fixtures/prisma-client');
const schemaText = readFileSync(path.join(root, 'examples/shop/prisma/schema.prisma'), 'utf8');
const joinSchemaText = schemaText.replace(/(output\s*=\s*"[^"]*")/, '$1\n  previewFeatures = ["relationJoins"]');

/** Values of the run-time expressions the calls use (Prisma needs them; the translation makes them `$n`). */
const scope = { userId: 1n, status: 'paid', term: 'ann', take: 5, since: new Date('2024-01-01') };

const QUERY_CALLS = [
  // seed 000's incident, Prisma form: three statements (orders, then users and items by key)
  `prisma.order.findMany({ orderBy: { createdAt: 'desc' }, take: 50, include: { user: true, items: true } })`,
  `prisma.order.findMany({ where: { userId }, orderBy: { createdAt: 'desc' }, take })`,
  `prisma.order.findMany({ where: { status: { in: ['new', 'paid'] }, NOT: { totalCents: { lte: 500 } } }, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }] })`,
  `prisma.order.findMany({ where: { OR: [{ status }, { createdAt: { gte: since } }] }, skip: 10, take: 20 })`,
  `prisma.user.findMany({ where: { email: { contains: term }, name: { startsWith: 'A', mode: 'insensitive' }, country: null } })`,
  `prisma.user.findMany({ where: { country: { not: null }, name: { endsWith: term } }, select: { id: true, email: true } })`,
  `prisma.user.findUnique({ where: { id: userId }, select: { id: true, email: true } })`,
  `prisma.order.findFirst({ where: { userId, status: 'new' }, orderBy: { createdAt: 'desc' } })`,
  `prisma.order.findFirst({ where: { status } })`,
  `prisma.order.findFirstOrThrow({ where: { status }, take: 1, skip: 2 })`,
  `prisma.user.findMany({ where: { orders: { some: { status: 'new' } } }, select: { id: true } })`,
  `prisma.user.findMany({ where: { orders: { every: { totalCents: { gt: 100 } } } }, select: { id: true } })`,
  `prisma.user.findMany({ where: { orders: { none: {} } }, select: { id: true } })`,
  `prisma.order.findMany({ where: { user: { is: { email: { startsWith: 'a' } } } }, select: { id: true } })`,
  `prisma.order.findMany({ where: { user: { country: 'NL' } }, select: { id: true, status: true } })`,
  `prisma.order.findMany({ cursor: { id: 10 }, take: 10, skip: 1, orderBy: { id: 'asc' }, select: { id: true } })`,
  `prisma.user.findMany({ where: { id: userId }, include: { orders: { where: { status: 'new' }, orderBy: { id: 'desc' }, take: 3, include: { items: true } } } })`,
  `prisma.order.findMany({ select: { id: true, user: { select: { email: true } } }, take: 5 })`,
  `prisma.user.findMany({ select: { id: true, _count: { select: { orders: true } } } })`,
  `prisma.order.findMany({ where: { items: { some: { quantity: { gt: 1 } } }, user: { orders: { none: { status: 'cancelled' } } } }, include: { user: { include: { orders: true } } }, take: 10 })`,
  `prisma.order.findMany({ where: { userId }, include: { _count: { select: { items: true } } }, skip: 20 })`,
  `prisma.order.count({ where: { userId } })`,
  `prisma.order.count({ where: { status: 'new' }, take: 5 })`,
  `prisma.order.aggregate({ where: { userId }, _sum: { totalCents: true }, _count: { _all: true } })`,
  `prisma.order.aggregate({ _avg: { totalCents: true }, _min: { createdAt: true }, _max: { totalCents: true }, _count: true })`,
  `prisma.order.aggregate({ _count: { id: true }, where: { status }, _sum: { totalCents: true } })`,
  `prisma.order.groupBy({ by: ['status'], _count: { _all: true }, where: { userId } })`,
  `prisma.order.updateMany({ where: { status: 'new' }, data: { status } })`,
  `prisma.order.update({ where: { id: 1 }, data: { status: 'paid' } })`,
  `prisma.orderItem.deleteMany({ where: { orderId: 99 } })`,
  `prisma.orderItem.delete({ where: { id: 1 } })`,
];

// With the relationJoins preview feature, `join` is the default: one statement with lateral joins.
const JOIN_CALLS = [
  `prisma.order.findMany({ orderBy: { createdAt: 'desc' }, take: 50, include: { user: true, items: true } })`,
  `prisma.user.findMany({ where: { id: userId }, include: { orders: true } })`,
  `prisma.user.findMany({ include: { orders: { where: { status }, orderBy: { createdAt: 'desc' }, take: 2, skip: 1 } } })`,
  `prisma.user.findMany({ include: { orders: { include: { items: true } } }, take })`,
  `prisma.order.findMany({ select: { id: true, user: { select: { email: true } } } })`,
  `prisma.user.findMany({ select: { id: true, _count: { select: { orders: true } } } })`,
  `prisma.order.findMany({ where: { user: { country: 'NL' } }, include: { items: true } })`,
  `prisma.order.findFirst({ where: { userId, status: { not: 'new' } } })`,
  `prisma.user.findMany({ relationLoadStrategy: 'query', include: { orders: true } })`,
];

type Client = Record<string, unknown> & { $on(event: 'query', listener: (e: { query: string }) => void): void; $disconnect(): Promise<void> };
let server: TestPostgres;
let sent: string[] = [];
const clients: Record<'query' | 'join', Client | undefined> = { query: undefined, join: undefined };

/** `prisma generate` into test/fixtures/prisma-client/generated/<name> (needs no engine: its CLI only checks that a schema-engine binary exists). */
async function generatedClient(name: 'query' | 'join', text: string): Promise<Client> {
  const dir = path.join(fixture, 'generated', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'schema.prisma'), text.replace(/output\s*=\s*"[^"]*"/, 'output = "./client"\n  moduleFormat = "esm"'));
  const cli = path.join(fixture, 'node_modules/prisma/build/index.js');
  const run = spawnSync(process.execPath, [cli, 'generate', '--schema', path.join(dir, 'schema.prisma')], {
    cwd: fixture, encoding: 'utf8', env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: '/bin/true', PRISMA_HIDE_UPDATE_MESSAGE: '1' },
  });
  if (run.status !== 0) throw new Error(`prisma generate failed: ${run.stderr}${run.stdout}`);
  const requireFixture = createRequire(path.join(fixture, 'package.json'));
  const { PrismaPg } = (await import(pathToFileURL(requireFixture.resolve('@prisma/adapter-pg')).href)) as { PrismaPg: new (o: object) => unknown };
  const { PrismaClient } = (await import(pathToFileURL(path.join(dir, 'client/client.ts')).href)) as { PrismaClient: new (o: object) => Client };
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: server.url }), log: [{ emit: 'event', level: 'query' }] });
  client.$on('query', (e) => sent.push(e.query));
  return client;
}

function translate(calls: string[], text: string): Map<number, OrmQuery> {
  const project = new Project({ useInMemoryFileSystem: true });
  const sf = project.createSourceFile('/repo/calls.ts', `declare const prisma: any;\n${calls.map((c, i) => `export const q${i} = () => ${c};`).join('\n')}\n`);
  return new Map(prismaTranslator.translate(sf, parsePrismaSchema(text)).map((query) => [query.node.getStartLineNumber() - 2, query]));
}

async function compare(client: Client, translation: OrmQuery | undefined, call: string): Promise<void> {
  sent = [];
  const invoke = new Function('prisma', ...Object.keys(scope), `return ${call};`) as (...args: unknown[]) => Promise<unknown>;
  await invoke(client, ...Object.values(scope)).catch(() => undefined); // update/delete of a missing row: the SQL was sent
  expect(translation && !isTranslated(translation) ? translation.reason : 'translated').toBe('translated');
  const mine = translation && isTranslated(translation) ? [translation.sql, ...(translation.followUps ?? []).map((f) => f.sql)] : [];
  expect(await Promise.all(mine.map(sqlNormalForm))).toEqual(await Promise.all(sent.map(sqlNormalForm)));
}

beforeAll(async () => {
  server = await startPostgres();
  await server.query(prismaDdl(parsePrismaSchema(schemaText)));
  await server.query(`INSERT INTO users VALUES (1, 'ann@example.com', 'Ann', 'NL', now()); INSERT INTO orders VALUES (1, 1, 'new', 900, now());
    INSERT INTO order_items VALUES (1, 1, 7, 1, 900);`);
  clients.query = await generatedClient('query', schemaText);
  clients.join = await generatedClient('join', joinSchemaText);
}, 180_000);

afterAll(async () => {
  await clients.query?.$disconnect();
  await clients.join?.$disconnect();
  await server?.stop();
});

describe('Prisma translation = the SQL the real Prisma client sends (relationLoadStrategy query, the default)', () => {
  const translations = translate(QUERY_CALLS, schemaText);
  it.each(QUERY_CALLS.map((call, i) => [call, i] as const))('%s', async (call, index) => compare(clients.query!, translations.get(index), call));
});

describe('… and with the relationJoins preview feature (relationLoadStrategy join)', () => {
  const translations = translate(JOIN_CALLS, joinSchemaText);
  it.each(JOIN_CALLS.map((call, i) => [call, i] as const))('%s', async (call, index) => compare(clients.join!, translations.get(index), call));
});
