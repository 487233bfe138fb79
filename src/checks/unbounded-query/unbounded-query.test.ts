import { describe, expect, it } from 'vitest';
import { runCheckOn } from '../../../test/support/check-harness.js';
import { checkTester, type InvalidCase, type ValidCase } from '../../../test/support/check-tester.js';
import unboundedQuery from './index.js';


const PRISMA = `import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\n`;
const TYPEORM = `import { Repository } from 'typeorm';\nclass Post { id!: number; authorId!: number }\n`;
const KNEX = `import Knex from 'knex';\nconst knex = Knex({});\n`;
const PG = `import { Pool } from 'pg';\nconst pool = new Pool();\n`;

const valid: Array<ValidCase<typeof unboundedQuery>> = [
  { name: 'Prisma: findMany with take', code: `${PRISMA}export const f = () => prisma.post.findMany({ take: 50 });\n` },
  // A bound from a variable is a bound: the caller decides the page size.
  { name: 'Prisma: findMany with take from a variable', code: `${PRISMA}export const f = (limit: number) => prisma.post.findMany({ where: { published: true }, take: limit });\n` },
  { name: 'Prisma: findMany on a unique key', code: `${PRISMA}export const f = (id: string) => prisma.post.findMany({ where: { id } });\n` },
  { name: 'Prisma: findUnique, findFirst, count', code: `${PRISMA}export const f = (id: string) => prisma.post.findUnique({ where: { id } });\nexport const g = () => prisma.post.findFirst();\nexport const h = () => prisma.post.count();\n` },
  { name: 'Prisma: a small lookup table from the catalog', code: `${PRISMA}export const f = () => prisma.role.findMany();\n` },
  // Found on the corpus (documenso): a configuration table named for its owner is still a handful of rows.
  { name: 'Prisma: a settings table with a prefix', code: `${PRISMA}export const f = () => prisma.siteSettings.findMany();\nexport const g = () => prisma.app_config.findMany();\n` },
  { name: 'TypeORM: find with take', code: `${TYPEORM}export const f = (repo: Repository<Post>) => repo.find({ where: { authorId: 1 }, take: 20 });\n` },
  { name: 'TypeORM: findOneBy and findBy on the primary key', code: `${TYPEORM}export const f = (postRepository: Repository<Post>, id: number) => postRepository.findOneBy({ id });\nexport const g = (postRepository: Repository<Post>, id: number) => postRepository.findBy({ id });\n` },
  { name: 'TypeORM: query builder with take', code: `${TYPEORM}export const f = (postRepository: Repository<Post>) => postRepository.createQueryBuilder('p').take(10).getMany();\n` },
  { name: 'Knex: first, limit and count', code: `${KNEX}export async function f(id: number) {\n  const a = await knex('users').where({ id: 1 }).first();\n  const b = await knex('users').where('active', true).limit(20);\n  const c = await knex('users').count('id');\n  const d = await knex('users').insert({ id });\n  return [a, b, c, d];\n}\n` },
  // Not executed here: the builder is returned to a caller that may bound it.
  { name: 'Knex: a builder that is not awaited', code: `${KNEX}export function base() {\n  const q = knex('users').where('active', true);\n  return q;\n}\n` },
  { name: 'raw SQL: LIMIT, an aggregate, a primary key', code: `${PG}export async function f(id: string) {\n  await pool.query('SELECT * FROM posts ORDER BY id LIMIT 50');\n  await pool.query('SELECT count(*) FROM posts');\n  return pool.query('SELECT * FROM posts WHERE id = $1', [id]);\n}\n` },
  { name: 'raw SQL: grouping is bounded by the groups only when aggregated', code: `${PG}export const f = () => pool.query('SELECT now()');\n` },
  { name: 'a migration is not on a request path', code: { 'src/migrations/1700-backfill.ts': `${PRISMA}export const up = () => prisma.post.findMany();\n` } },
  { name: 'a test file', code: { 'src/posts.spec.ts': `${PRISMA}export const f = () => prisma.post.findMany();\n` } },
  { name: 'for await that handles each row', code: `export async function f(stream: AsyncIterable<number>, handle: (n: number) => Promise<void>) {\n  for await (const row of stream) await handle(row);\n}\n` },
  { name: 'for await that flushes in batches', code: `export async function f(stream: AsyncIterable<number>, flush: (rows: number[]) => Promise<void>) {\n  const batch: number[] = [];\n  for await (const row of stream) {\n    batch.push(row);\n    if (batch.length >= 500) await flush(batch.splice(0));\n  }\n}\n` },
  { name: 'a module-level cache with eviction', code: `const cache = new Map<string, number>();\nexport function get(key: string) {\n  if (cache.has(key)) return cache.get(key);\n  if (cache.size > 1000) cache.clear();\n  cache.set(key, key.length);\n  return key.length;\n}\n` },
  // Filled once at start-up, never read back in the same function: a registry, not a cache.
  { name: 'a module-level registry', code: `const handlers = new Map<string, () => void>();\nexport function register(name: string, fn: () => void) {\n  handlers.set(name, fn);\n}\nexport const run = (name: string) => handlers.get(name)?.();\n` },
  { name: 'a WeakMap cache', code: `const cache = new WeakMap<object, number>();\nexport function f(o: object) {\n  if (!cache.has(o)) cache.set(o, 1);\n  return cache.get(o);\n}\n` },
  { name: 'Promise.all over a constant list', code: `export const f = (load: (n: number) => Promise<number>) => Promise.all([1, 2, 3].map(load));\n` },
  // Found on the corpus (logto): schema tools read PostgreSQL's catalogs whole; they grow with the schema, not the data.
  { name: 'raw SQL on the system catalogs', code: `${PG}export async function f() {\n  await pool.query('SELECT * FROM information_schema.columns WHERE table_schema = $1', ['public']);\n  return pool.query('SELECT t.typname, e.enumlabel FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid');\n}\n` },
  { name: 'a top-level hidden tooling folder', code: { '.scripts/compare.ts': `${PG}export const f = () => pool.query('SELECT * FROM posts');\n` } },
  // Found on the corpus (ever-gauzy): for await over arrays already in memory streams nothing.
  { name: 'for await over an array', code: `export async function invite(emailIds: string[] = [], load: () => Promise<string[]>, make: (e: string) => Promise<string>) {\n  const out: string[] = [];\n  for await (const email of emailIds) out.push(await make(email));\n  const users = await load();\n  for await (const user of users) out.push(user);\n  return out;\n}\n` },
  // A local class with a findMany method is not Prisma.
  { name: 'a local class with findMany', code: `class Store { findMany() { return [1]; } }\nconst store = new Store();\nexport const f = () => store.findMany();\n`, only: 'types' },
];

const invalid: Array<InvalidCase<typeof unboundedQuery>> = [
  { name: 'Prisma: findMany with no arguments', code: `${PRISMA}export const f = () => prisma.post.findMany();\n`, errors: [{ line: 3, column: 24, messageId: 'unboundedRead', severity: 'warning' }] },
  { name: 'Prisma: findMany filtered on a foreign key', code: `${PRISMA}export const f = (authorId: string) => prisma.post.findMany({ where: { authorId } });\n`, errors: [{ line: 3, column: 40, messageId: 'unboundedRead', severity: 'info' }] },
  { name: 'Prisma: findMany with options from elsewhere', code: `${PRISMA}export const f = (args: object) => prisma.post.findMany(args);\n`, errors: [{ line: 3, column: 36, messageId: 'unboundedReadUnsure', severity: 'info' }] },
  { name: 'Prisma: this.prisma in a NestJS service', code: `import { PrismaService } from './prisma.service';\nexport class PostsService {\n  constructor(private readonly prisma: PrismaService) {}\n  list() {\n    return this.prisma.post.findMany({ orderBy: { createdAt: 'desc' } });\n  }\n}\n`, only: 'no-types', errors: [{ line: 5, column: 12, messageId: 'unboundedRead' }] },
  // A module that wraps the client and exports it as `client` (`import prisma from '@/lib/prisma'`).
  { name: 'Prisma: prisma.client.<model> from a wrapper module', code: { 'package.json': '{"dependencies":{"@prisma/client":"6.0.0"}}', 'src/queries.ts': "import prisma from './prisma';\nexport const f = () => prisma.client.website.findMany({ where: { teamId: 't' } });\n", 'src/prisma.ts': "import { PrismaClient } from '@prisma/client';\nexport default { client: new PrismaClient() };\n" }, only: 'no-types', errors: [{ line: 2, column: 24, messageId: 'unboundedRead', severity: 'info' }] },
  // Found on the corpus (outline): the filter is in a required include, or in the model's own scope/filter method.
  { name: 'Sequelize: findAll filtered by a required include', code: "import { Model } from 'sequelize';\nclass Team extends Model {}\nclass User extends Model {}\nexport const f = (role: string) => Team.findAll({ include: [{ model: User, required: true, where: { role } }] });\n", only: 'no-types', errors: [{ line: 4, column: 36, messageId: 'unboundedRead', severity: 'info' }] },
  { name: 'Sequelize: findAll after a scope or a filter method', code: "import { Model } from 'sequelize';\nclass Group extends Model { static filterByMember(id: string) { return this; } }\nexport const f = (id: string) => Group.filterByMember(id).findAll({ attributes: ['id'] });\n", only: 'no-types', errors: [{ line: 3, column: 34, messageId: 'unboundedReadUnsure', severity: 'info' }] },
  // Found on the corpus (documenso): the filter is spread in from elsewhere.
  { name: 'Prisma: findMany whose where spreads a filter built elsewhere', code: `${PRISMA}export const f = (scope: object) => prisma.folder.findMany({ where: { ...scope } });\n`, errors: [{ line: 3, column: 37, messageId: 'unboundedReadUnsure', severity: 'info' }] },
  // Found on the corpus (ever-gauzy): MikroORM's `find(where, options)` read through TypeORM's shape is filtered.
  { name: 'a find whose first argument is a filter, not options', code: { 'package.json': '{"dependencies":{"typeorm":"0.3.0","@mikro-orm/core":"6.0.0"}}', 'src/case.ts': "import { Repo } from './repo';\nexport class UserService {\n  constructor(private readonly mikroOrmUserRepository: Repo) {}\n  byTenant(tenantId: string) { return this.mikroOrmUserRepository.find({ tenantId }, { fields: ['id'] }); }\n}\n" }, only: 'no-types', errors: [{ line: 4, column: 39, messageId: 'unboundedRead', severity: 'info' }] },
  { name: 'TypeORM: find without take', code: `${TYPEORM}export const f = (postRepository: Repository<Post>) => postRepository.find({ where: { authorId: 1 } });\n`, errors: [{ line: 3, column: 56, messageId: 'unboundedRead', severity: 'info' }] },
  { name: 'TypeORM: findBy a foreign key', code: `${TYPEORM}export const f = (postRepository: Repository<Post>, authorId: number) => postRepository.findBy({ authorId });\n`, errors: [{ line: 3, column: 74, messageId: 'unboundedRead', severity: 'info' }] },
  { name: 'TypeORM: getMany without take', code: `${TYPEORM}export const f = (postRepository: Repository<Post>) => postRepository.createQueryBuilder('p').where('p.authorId = :a', { a: 1 }).getMany();\n`, errors: [{ line: 3, column: 56, messageId: 'unboundedRead', severity: 'info' }] },
  { name: 'Knex: an awaited select without limit', code: `${KNEX}export async function f() {\n  return await knex('users').where('active', true).orderBy('name');\n}\n`, errors: [{ line: 4, column: 16, messageId: 'unboundedRead', severity: 'info' }] },
  { name: 'raw SQL: pg SELECT without LIMIT', code: `${PG}export const f = () => pool.query('SELECT id, title FROM posts ORDER BY created_at DESC');\n`, errors: [{ line: 3, column: 24, messageId: 'unboundedSelect', severity: 'warning' }] },
  { name: 'raw SQL: Prisma $queryRaw filtered, not aggregated', code: `${PRISMA}export const f = (a: string) => prisma.$queryRaw\`SELECT * FROM posts WHERE author_id = \${a}\`;\n`, errors: [{ line: 3, column: 33, messageId: 'unboundedSelect', severity: 'info' }] },
  { name: 'for await pushing every row into an array', code: `export async function f(cursor: AsyncIterable<{ id: number }>) {\n  const rows: Array<{ id: number }> = [];\n  for await (const row of cursor) {\n    rows.push(row);\n  }\n  return rows;\n}\n`, errors: [{ line: 4, column: 5, messageId: 'streamAccumulation' }] },
  // Found on the corpus (logto): a stream read into one Buffer on purpose; the question is its size limit.
  { name: 'for await joining chunks into one buffer', code: `export async function streamToBuffer(stream: AsyncIterable<Buffer>) {\n  const chunks: Buffer[] = [];\n  for await (const chunk of stream) {\n    chunks.push(chunk);\n  }\n  return Buffer.concat(chunks);\n}\n`, errors: [{ line: 4, column: 5, messageId: 'streamIntoOneBuffer', severity: 'info' }] },
  { name: 'raw SQL on a user table next to a catalog', code: `${PG}export const f = () => pool.query('SELECT p.* FROM posts p JOIN pg_class c ON c.relname = p.kind');\n`, errors: [{ line: 3, column: 24, messageId: 'unboundedSelect' }] },
  { name: 'Promise.all over request input', code: `export async function handler(req: any, load: (id: string) => Promise<unknown>) {\n  return Promise.all(req.body.ids.map(load));\n}\n`, errors: [{ line: 2, column: 10, messageId: 'unboundedParallel' }] },
  { name: 'a module-level memo Map that never evicts', code: `const userCache = new Map<string, string>();\nexport function name(id: string) {\n  if (userCache.has(id)) return userCache.get(id);\n  const value = id.toUpperCase();\n  userCache.set(id, value);\n  return value;\n}\n`, errors: [{ line: 1, column: 7, messageId: 'unboundedCache', severity: 'info' }] },
  { name: 'a module-level cache object', code: `const cache: Record<string, string> = {};\nexport function remember(key: string, value: string) {\n  cache[key] = value;\n}\n`, errors: [{ line: 1, column: 7, messageId: 'unboundedCache', severity: 'info' }] },
];

checkTester(unboundedQuery).run({ valid, invalid });

describe('unbounded-query messages', () => {
  it('names the library, the filter and the concrete fix', async () => {
    const [finding] = await runCheckOn(unboundedQuery, { code: `${PRISMA}export const f = (authorId: string) => prisma.post.findMany({ where: { authorId } });\n` });
    expect(finding.message).toBe(
      '`prisma.post.findMany` (Prisma) returns every row matching `authorId` with no limit: as the table grows, each request loads them all into memory and into the response. Fix: pass `take: 50` and page with `cursor: { id: lastId }, skip: 1` (cursor pagination).',
    );
  });

  it('points a cache finding at the line where it grows', async () => {
    const [finding] = await runCheckOn(unboundedQuery, { code: `const cache: Record<string, string> = {};\nexport function remember(key: string, value: string) {\n  cache[key] = value;\n}\n` });
    expect(finding.related).toEqual([expect.objectContaining({ line: 3, message: '`cache` grows here' })]);
  });

  it('rejects an invalid catalog extension with the entry it came from', async () => {
    await expect(runCheckOn(unboundedQuery, { code: 'export {};\n', catalog: { 'unbounded-reads': [{ id: 'x', library: 'y' }] } })).rejects.toThrow(/catalog "unbounded-reads" entry \d+ is invalid/);
  });
});
