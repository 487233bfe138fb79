import { describe, expect, it } from 'vitest';
import { runCheckOn } from '../../../test/support/check-harness.js';
import { checkTester, unmark, type InvalidCase, type ValidCase } from '../../../test/support/check-tester.js';
import nPlusOne from './index.js';

// Each invalid case marks where a finding starts with `«` (the tester removes it and reads the position).

const PRISMA = `import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\n`;
const PG = `import { Pool } from 'pg';\nconst pool = new Pool();\n`;

const invalid: Array<InvalidCase<typeof nPlusOne>> = [
  // --- libraries added from the corpus review (test/corpus/verdicts.yml) ------------------------
  {
    name: 'pg-promise one() in for…of',
    only: 'no-types',
    code: `import pgPromise from 'pg-promise';\nconst db = pgPromise()('postgres://localhost/app');\nexport async function load(ids: number[]) {\n  for (const id of ids) await «db.one('SELECT * FROM users WHERE id = $1', [id]);\n}\n`,
    errors: [{ messageId: 'queryInLoop', message: ['`db.one` (pg-promise) runs once per element of `ids`', '$1:csv'] }],
  },
  {
    name: 'mssql request().query in map',
    only: 'no-types',
    code: `import sql from 'mssql';\nexport function load(pool: sql.ConnectionPool, ids: number[]) {\n  return Promise.all(ids.map((id) => «pool.request().query(\`SELECT * FROM users WHERE id = \${Number(id)}\`)));\n}\n`,
    errors: [{ messageId: 'queryInLoop', message: ['(mssql)', 'OPENJSON'] }],
  },
  {
    name: 'node-sqlite3 db.get in forEach',
    only: 'no-types',
    code: `import sqlite3 from 'sqlite3';\nconst db = new sqlite3.Database(':memory:');\nexport function load(ids: number[]) {\n  ids.forEach((id) => «db.get('SELECT * FROM users WHERE id = ?', [id], () => {}));\n}\n`,
    errors: [{ messageId: 'queryInLoop', message: ['`db.get` (sqlite3)'] }],
  },
  {
    name: 'SAP HANA conn.exec in a loop',
    only: 'no-types',
    code: `import hana from '@sap/hana-client';\nconst conn = hana.createConnection();\nexport function load(ids: number[]) {\n  for (const id of ids) «conn.exec('SELECT * FROM USERS WHERE ID = ?', [id]);\n}\n`,
    errors: [{ messageId: 'queryInLoop', message: ['(@sap/hana-client)'] }],
  },
  {
    name: 'AWS RDS Data API executeStatement per element',
    only: 'no-types',
    code: `import { RDSDataService } from 'aws-sdk';\nconst rdsData = new RDSDataService();\nexport async function load(ids: string[]) {\n  for (const id of ids) await «rdsData.executeStatement({ sql: 'SELECT * FROM users WHERE id = :id', resourceArn: 'a', secretArn: 's' }).promise();\n}\n`,
    errors: [{ messageId: 'queryInLoop', message: ['(AWS RDS Data API / Athena)'] }],
  },
  {
    name: 'AWS Athena v3 client.send per element',
    only: 'no-types',
    code: `import { AthenaClient, StartQueryExecutionCommand } from '@aws-sdk/client-athena';\nconst athena = new AthenaClient({});\nexport async function run(queries: string[]) {\n  for (const QueryString of queries) await «athena.send(new StartQueryExecutionCommand({ QueryString }));\n}\n`,
    errors: [{ messageId: 'queryInLoop', message: ['`athena.send` (AWS RDS Data API / Athena)'] }],
  },
  {
    name: 'cache-manager get per key',
    only: 'no-types',
    code: `import { Cache } from 'cache-manager';\nexport class Prices {\n  constructor(private readonly cacheManager: Cache) {}\n  async load(skus: string[]) {\n    for (const sku of skus) await «this.cacheManager.get(sku);\n  }\n}\n`,
    errors: [{ messageId: 'queryInLoop', message: ['`cacheManager.get` (cache-manager)', 'mget'] }],
  },
  {
    name: 'sequelize-typescript $get and $count per instance',
    only: 'no-types',
    code: `import { Model } from 'sequelize-typescript';\nclass Team extends Model {}\nexport async function sizes(teams: Team[]) {\n  for (const team of teams) {\n    await «team.$get('users');\n    await «team.$count('users');\n  }\n}\n`,
    errors: [{ messageId: 'queryInLoop', message: ['(sequelize-typescript)'] }, { messageId: 'queryInLoop' }],
  },
  {
    name: 'Sequelize findOne and update on a model class, in a project that depends on Sequelize',
    only: 'no-types',
    code: {
      'package.json': '{ "dependencies": { "sequelize": "^6.0.0" } }',
      'src/case.ts': `import { User } from './models';\nexport async function touch(ids: string[]) {\n  for (const id of ids) {\n    const user = await «User.findOne({ where: { id } });\n    await «User.update({ seen: true }, { where: { id } });\n  }\n}\n`,
      'src/models.ts': `export declare const User: any;\n`,
    },
    errors: [{ messageId: 'queryInLoop', message: ['`User.findOne` (Sequelize)'] }, { messageId: 'queryInLoop' }],
  },
  {
    // Both shapes fit `UserModel.findOne`; the package.json says which library it is, and the message names it.
    name: 'a model named *Model is Sequelize, not Mongoose, in a Sequelize project',
    only: 'no-types',
    code: {
      'package.json': '{ "dependencies": { "sequelize": "^6.0.0" } }',
      'src/case.ts': `import { UserModel } from './models';\nexport async function load(ids: string[]) {\n  for (const id of ids) await «UserModel.findAll({ where: { id } });\n}\n`,
      'src/models.ts': `export declare const UserModel: any;\n`,
    },
    errors: [{ messageId: 'queryInLoop', message: ['`UserModel.findAll` (Sequelize)'] }],
  },
  {
    name: 'an EntityManager named manager is MikroORM, not TypeORM, in a MikroORM project',
    only: 'no-types',
    code: {
      'package.json': '{ "dependencies": { "@mikro-orm/core": "^6.0.0" } }',
      'src/case.ts': `export async function load(manager: any, ids: string[]) {\n  for (const id of ids) await «manager.findOne('User', { id });\n}\n`,
    },
    errors: [{ messageId: 'queryInLoop', message: ['`manager.findOne` (MikroORM)'] }],
  },
  {
    name: 'an array declared const and filled by push is as long as the data',
    code: `${PRISMA}export async function load(input: Array<{ id: string }>) {\n  const ids = [];\n  for (const row of input) ids.push(row.id);\n  for (const id of ids) await «prisma.user.findUnique({ where: { id } });\n}\n`,
    errors: [{ messageId: 'queryInLoop' }],
  },
  // --- Prisma ---------------------------------------------------------------------------------
  {
    name: 'Prisma findUnique in for…of',
    code: `${PRISMA}export async function load(ids: string[]) {\n  for (const id of ids) {\n    await «prisma.user.findUnique({ where: { id } });\n  }\n}\n`,
    errors: [{ messageId: 'queryInLoop', message: ['`prisma.user.findUnique` (Prisma) runs once per element of `ids`', 'findMany({ where: { <key>: { in: keys } } })'] }],
  },
  {
    name: 'Prisma create in forEach: the write fix',
    code: `${PRISMA}export function save(items: Array<{ sku: string }>) {\n  items.forEach(async (item) => {\n    await «prisma.orderLine.create({ data: item });\n  });\n}\n`,
    errors: [{ messageId: 'queryInLoop', message: ['createMany({ data })', 'N statements'] }],
  },
  {
    name: 'Prisma $queryRaw tagged template in Promise.all(map)',
    code: `${PRISMA}export function load(ids: string[]) {\n  return Promise.all(ids.map((id) => «prisma.$queryRaw\`SELECT * FROM users WHERE id = \${id}\`));\n}\n`,
    errors: [{ messageId: 'queryInLoop', message: ['concurrently through `Promise.all`', '= ANY(${ids})'] }],
  },
  {
    name: 'Prisma through a class that extends PrismaClient, in an indexed for',
    code: `import { PrismaClient } from '@prisma/client';\nclass PrismaService extends PrismaClient {}\nexport class Orders {\n  constructor(private readonly prisma: PrismaService) {}\n  async totals(ids: string[]) {\n    for (let i = 0; i < ids.length; i++) {\n      await «this.prisma.order.aggregate({ where: { userId: ids[i] }, _sum: { total: true } });\n    }\n  }\n}\n`,
    errors: [{ messageId: 'queryInLoop', message: ['`prisma.order.aggregate`', 'of `ids`'] }],
  },
  // --- TypeORM --------------------------------------------------------------------------------
  {
    name: 'TypeORM repository findOneBy in for…of',
    code: `import { Repository } from 'typeorm';\nclass User { id!: string }\nexport class Orders {\n  constructor(private readonly userRepository: Repository<User>) {}\n  async owners(orders: Array<{ userId: string }>) {\n    const result = [];\n    for (const order of orders) {\n      result.push(await «this.userRepository.findOneBy({ id: order.userId }));\n    }\n    return result;\n  }\n}\n`,
    errors: [{ messageId: 'queryInLoop', message: ['`userRepository.findOneBy` (TypeORM)', 'In(keys)', 'relations'] }],
  },
  {
    name: 'TypeORM dataSource.getRepository(Entity) per element',
    code: `import { DataSource } from 'typeorm';\nclass User { id!: string }\nexport async function load(dataSource: DataSource, ids: string[]) {\n  for (const id of ids) {\n    await «dataSource.getRepository(User).findOneBy({ id });\n  }\n}\n`,
    errors: [{ messageId: 'queryInLoop' }],
  },
  {
    name: 'TypeORM query builder executed per element',
    code: `import { Repository } from 'typeorm';\nclass User { id!: string }\nexport class Users {\n  constructor(private readonly userRepository: Repository<User>) {}\n  async load(ids: string[]) {\n    for (const id of ids) {\n      await «this.userRepository.createQueryBuilder('u').where('u.id = :id', { id }).getOne();\n    }\n  }\n}\n`,
    errors: [{ messageId: 'queryInLoop', message: ['leftJoinAndSelect'] }],
  },
  {
    name: 'TypeORM EntityManager in a .then chain inside map',
    code: `import { EntityManager } from 'typeorm';\nclass User { id!: string }\nexport function load(manager: EntityManager, ids: string[]) {\n  return ids.map((id) => Promise.resolve(id).then((key) => «manager.findOneBy(User, { id: key })));\n}\n`,
    errors: [{ messageId: 'queryInLoop' }],
  },
  // --- Sequelize ------------------------------------------------------------------------------
  {
    name: 'Sequelize findByPk on a model class',
    code: `import { Model } from 'sequelize';\nclass User extends Model {}\nexport async function load(ids: number[]) {\n  for (const id of ids) {\n    await «User.findByPk(id);\n  }\n}\n`,
    errors: [{ messageId: 'queryInLoop', message: ['[Op.in]'] }],
  },
  {
    name: 'Sequelize instance save per element (needs the types: `save` alone says nothing)',
    only: 'types',
    code: `import { Model } from 'sequelize';\nclass User extends Model { declare name: string }\nexport async function rename(users: User[]) {\n  for (const user of users) {\n    user.name = user.name.trim();\n    await «user.save();\n  }\n}\n`,
    errors: [{ messageId: 'queryInLoop', message: ['bulkCreate'] }],
  },
  // --- Knex, Kysely, Drizzle, MikroORM, Mongoose ----------------------------------------------
  {
    name: 'Knex builder awaited per element',
    code: `import createKnex from 'knex';\nconst knex = createKnex({ client: 'pg' });\nexport async function load(ids: number[]) {\n  for (const id of ids) {\n    await «knex('users').where({ id }).first();\n  }\n}\n`,
    errors: [{ messageId: 'queryInLoop', message: ['whereIn'] }],
  },
  {
    name: 'Kysely executeTakeFirst per element',
    code: `import { Kysely } from 'kysely';\ninterface DB { user: { id: number; name: string } }\ndeclare const db: Kysely<DB>;\nexport async function load(ids: number[]) {\n  for (const id of ids) {\n    await «db.selectFrom('user').selectAll().where('id', '=', id).executeTakeFirst();\n  }\n}\n`,
    errors: [{ messageId: 'queryInLoop', message: ["'in', keys"] }],
  },
  {
    name: 'Drizzle select builder awaited per element',
    code: `import { drizzle } from 'drizzle-orm/node-postgres';\nimport { eq } from 'drizzle-orm';\nimport { pgTable, text } from 'drizzle-orm/pg-core';\nconst users = pgTable('users', { id: text('id') });\nconst db = drizzle(process.env.DATABASE_URL!);\nexport async function load(ids: string[]) {\n  for (const id of ids) {\n    await «db.select().from(users).where(eq(users.id, id));\n  }\n}\n`,
    errors: [{ messageId: 'queryInLoop', message: ['inArray'] }],
  },
  {
    name: 'Drizzle relational query per element',
    code: `import { drizzle } from 'drizzle-orm/node-postgres';\nconst db = drizzle(process.env.DATABASE_URL!);\nexport async function load(ids: string[]) {\n  for (const id of ids) {\n    await «db.query.users.findFirst({ where: (u: any, { eq }: any) => eq(u.id, id) });\n  }\n}\n`,
    errors: [{ messageId: 'queryInLoop' }],
  },
  {
    name: 'MikroORM em.findOne per element',
    code: `import { EntityManager } from '@mikro-orm/core';\nclass User { id!: string }\nexport class Users {\n  constructor(private readonly em: EntityManager) {}\n  async load(ids: string[]) {\n    for (const id of ids) {\n      await «this.em.findOne(User, { id });\n    }\n  }\n}\n`,
    errors: [{ messageId: 'queryInLoop', message: ['$in'] }],
  },
  {
    name: 'Mongoose findById().exec() per element',
    code: `import { model, Schema } from 'mongoose';\nconst UserModel = model('User', new Schema({ name: String }));\nexport async function load(ids: string[]) {\n  for (const id of ids) {\n    await «UserModel.findById(id).exec();\n  }\n}\n`,
    errors: [{ messageId: 'queryInLoop', message: ['populate'] }],
  },
  // --- drivers ------------------------------------------------------------------------------------
  {
    name: 'pg pool.query per element',
    code: `${PG}export async function load(ids: string[]) {\n  for (const id of ids) {\n    await «pool.query('SELECT * FROM users WHERE id = $1', [id]);\n  }\n}\n`,
    errors: [{ messageId: 'queryInLoop', message: ['= ANY($1)'] }],
  },
  {
    name: 'pg PoolClient.query per element, in a while loop draining a queue',
    code: `${PG}export async function drain(queue: string[]) {\n  const client = await pool.connect();\n  while (queue.length > 0) {\n    const id = queue.shift()!;\n    await «client.query('DELETE FROM jobs WHERE id = $1', [id]);\n  }\n  client.release();\n}\n`,
    errors: [{ messageId: 'queryInLoop', message: ['of `queue`'] }],
  },
  {
    name: 'mysql2 execute per element',
    code: `import mysql from 'mysql2/promise';\nexport async function load(ids: number[]) {\n  const conn = await mysql.createConnection({ host: 'db' });\n  for (const id of ids) {\n    await «conn.execute('SELECT * FROM users WHERE id = ?', [id]);\n  }\n}\n`,
    errors: [{ messageId: 'queryInLoop', message: ['IN (?)'] }],
  },
  {
    name: 'better-sqlite3 statement per element (types only: `stmt.get` alone says nothing)',
    only: 'types',
    code: `import Database from 'better-sqlite3';\nconst db = new Database('app.db');\nconst byId = db.prepare('SELECT * FROM users WHERE id = ?');\nexport function load(ids: number[]) {\n  return ids.map((id) => «byId.get(id));\n}\n`,
    errors: [{ messageId: 'queryInLoop' }],
  },
  // --- caches -------------------------------------------------------------------------------------
  {
    name: 'ioredis get per element',
    code: `import Redis from 'ioredis';\nconst redis = new Redis();\nexport async function load(keys: string[]) {\n  for (const key of keys) {\n    await «redis.get(key);\n  }\n}\n`,
    errors: [{ messageId: 'queryInLoop', message: ['mget(...keys)', 'cache round trips'] }],
  },
  {
    name: 'node-redis get per element',
    code: `import { createClient } from 'redis';\nconst redisClient = createClient();\nexport async function load(keys: string[]) {\n  return Promise.all(keys.map((key) => «redisClient.get(key)));\n}\n`,
    errors: [{ messageId: 'queryInLoop', message: ['mGet(keys)'] }],
  },
  // --- HTTP ---------------------------------------------------------------------------------------
  {
    name: 'fetch per element',
    code: `export async function load(ids: string[]) {\n  for (const id of ids) {\n    await «fetch(\`https://users.internal/\${id}\`);\n  }\n}\n`,
    errors: [{ messageId: 'queryInLoop', message: ['HTTP requests', 'batch endpoint'] }],
  },
  {
    name: 'axios.get per element',
    code: `import axios from 'axios';\nexport async function load(ids: string[]) {\n  for (const id of ids) {\n    await «axios.get(\`https://users.internal/\${id}\`);\n  }\n}\n`,
    errors: [{ messageId: 'queryInLoop' }],
  },
  {
    name: 'got(url).json() per element',
    code: `import got from 'got';\nexport async function load(ids: string[]) {\n  for (const id of ids) {\n    await «got(\`https://users.internal/\${id}\`).json();\n  }\n}\n`,
    errors: [{ messageId: 'queryInLoop' }],
  },
  {
    name: 'undici request per element',
    code: `import { request } from 'undici';\nexport async function load(ids: string[]) {\n  for (const id of ids) {\n    await «request(\`https://users.internal/\${id}\`);\n  }\n}\n`,
    errors: [{ messageId: 'queryInLoop' }],
  },
  // --- loops and callbacks ------------------------------------------------------------------------
  {
    name: 'for await over a stream of rows',
    code: `${PG}export async function enrich(rows: AsyncIterable<{ id: string }>) {\n  for await (const row of rows) {\n    await «pool.query('UPDATE users SET seen = true WHERE id = $1', [row.id]);\n  }\n}\n`,
    errors: [{ messageId: 'queryInLoop' }],
  },
  {
    name: 'do…while draining a queue',
    code: `${PG}export async function drain(queue: string[]) {\n  do {\n    await «pool.query('DELETE FROM jobs WHERE id = $1', [queue.pop()]);\n  } while (queue.length);\n}\n`,
    errors: [{ messageId: 'queryInLoop' }],
  },
  {
    name: 'for…in is reported as info: object keys are often a small fixed set',
    code: `${PG}export async function load(byId: Record<string, number>) {\n  for (const id in byId) {\n    await «pool.query('SELECT 1 FROM users WHERE id = $1', [id]);\n  }\n}\n`,
    errors: [{ messageId: 'queryInLoop', severity: 'info', message: ['Reported as info: `for…in`'] }],
  },
  {
    name: 'through a callback given to another function: info, it may not run for every element',
    code: `${PRISMA}declare function cached<T>(key: string, load: () => Promise<T>): Promise<T>;\nexport async function load(ids: string[]) {\n  for (const id of ids) {\n    await cached(id, () => «prisma.user.findUnique({ where: { id } }));\n  }\n}\n`,
    errors: [{ messageId: 'queryInLoop', severity: 'info', message: ['given to `cached`'] }],
  },
  {
    name: 'behind an in-memory lookup in the loop: info, the query runs only on a miss',
    code: `${PRISMA}export async function load(ids: string[], byId: Map<string, unknown>) {\n  for (const id of ids) {\n    const user = byId.get(id) ?? (await «prisma.user.findUnique({ where: { id } }));\n    console.log(user);\n  }\n}\n`,
    errors: [{ messageId: 'queryInLoop', severity: 'info', message: ['in-memory lookup before it misses'] }],
  },
  {
    name: 'through a repository that memoises in a Map: info, it says which function caches',
    code: {
      'src/user.repository.ts': `${PRISMA}export class UserRepository {\n  private readonly cache = new Map<string, unknown>();\n  async findById(id: string) {\n    const hit = this.cache.get(id);\n    if (hit) return hit;\n    const row = await prisma.user.findUnique({ where: { id } });\n    this.cache.set(id, row);\n    return row;\n  }\n}\n`,
      'src/case.ts': `import { UserRepository } from './user.repository';\nexport async function load(users: UserRepository, ids: string[]) {\n  for (const id of ids) await «users.findById(id);\n}\n`,
    },
    errors: [{ messageId: 'queryInLoop', severity: 'info', message: ['`UserRepository.findById` looks in an in-memory cache first'] }],
  },
  {
    name: 'a called function that makes several queries per element: info, a unit of work rather than a lookup',
    code: {
      'src/order.workflow.ts': `${PRISMA}export async function fulfil(id: string) {\n  const order = await prisma.order.findUniqueOrThrow({ where: { id } });\n  await prisma.stock.updateMany({ where: { sku: order.sku }, data: { reserved: { increment: 1 } } });\n  await prisma.order.update({ where: { id }, data: { status: 'fulfilled' } });\n}\n`,
      'src/case.ts': `import { fulfil } from './order.workflow';\nexport async function run(ids: string[]) {\n  for (const id of ids) await «fulfil(id);\n}\n`,
    },
    errors: [{ messageId: 'queryInLoop', severity: 'info', message: ['`fulfil` makes 3 queries per element'] }],
  },
  {
    name: 'a loop body that makes several queries per element: info, a unit of work (BEGIN/COMMIT not counted as queries to batch)',
    code: `${PG}export async function apply(files: Array<{ name: string; sql: string }>) {\n  for (const file of files) {\n    await pool.query('BEGIN');\n    await «pool.query(file.sql);\n    await «pool.query('INSERT INTO applied (name) VALUES ($1)', [file.name]);\n    await «pool.query('UPDATE stats SET files = files + 1');\n    await pool.query('COMMIT');\n  }\n}\n`,
    errors: [{ messageId: 'queryInLoop', severity: 'info', message: ['the loop makes 5 queries per element'] }, { messageId: 'queryInLoop', severity: 'info' }, { messageId: 'queryInLoop', severity: 'info' }],
  },
  {
    name: 'a generated Prisma client: delegates typed `<Model>Delegate` in node_modules/.prisma/client',
    code: {
      'node_modules/.prisma/client/index.d.ts': `export interface UserDelegate { findUnique(args: { where: { id: string } }): Promise<{ id: string } | null> }\nexport declare class PrismaClient { user: UserDelegate }\n`,
      'src/case.ts': `import { PrismaClient } from '../node_modules/.prisma/client/index';\nexport async function load(prisma: PrismaClient, ids: string[]) {\n  for (const id of ids) await «prisma.user.findUnique({ where: { id } });\n}\n`,
    },
    errors: [{ messageId: 'queryInLoop' }],
  },
  {
    name: 'in a transaction callback per element: the transaction always runs it, so a warning',
    code: `${PRISMA}export async function rank(ids: string[]) {\n  for (const id of ids) {\n    await prisma.$transaction(async (tx) => {\n      await «tx.user.update({ where: { id }, data: { rank: 1 } });\n    });\n  }\n}\n`,
    errors: [{ messageId: 'queryInLoop', message: ['`tx.user.update` (Prisma)'] }],
  },
  {
    name: 'nested loops: reported once, for the inner collection',
    code: `${PG}export async function load(groups: string[][]) {\n  for (const group of groups) {\n    for (const id of group) {\n      await «pool.query('SELECT * FROM users WHERE id = $1', [id]);\n    }\n  }\n}\n`,
    errors: [{ messageId: 'queryInLoop', message: ['of `group`'] }],
  },
  {
    name: 'a guard that throws on a missing row still runs the query for every element',
    code: `${PRISMA}export async function load(ids: string[]) {\n  const users = [];\n  for (const id of ids) {\n    const user = await «prisma.user.findUnique({ where: { id } });\n    if (!user) throw new Error('missing ' + id);\n    users.push(user);\n  }\n  return users;\n}\n`,
    errors: [{ messageId: 'queryInLoop' }],
  },
  {
    name: 'a short literal list above the configured limit',
    options: { constantListMax: 1 },
    code: `${PRISMA}export async function counts() {\n  for (const status of ['new', 'paid']) {\n    await «prisma.order.count({ where: { status } });\n  }\n}\n`,
    errors: [{ messageId: 'queryInLoop' }],
  },
  {
    name: 'a query added to the catalog from .plumbline.yml',
    catalog: { 'query-calls': [{ id: 'acme.get', library: 'acme-db', operation: 'read', methods: ['get'], receivers: ['acmeDb'], fix: 'use `acmeDb.getMany(keys)`' }] },
    code: `declare const acmeDb: any;\nexport async function load(ids: string[]) {\n  for (const id of ids) {\n    await «acmeDb.get(id);\n  }\n}\n`,
    errors: [{ messageId: 'queryInLoop', message: ['(acme-db)', 'acmeDb.getMany(keys)'] }],
  },
  // --- chains across files ------------------------------------------------------------------------
  {
    name: 'service → repository → Prisma, across files',
    code: {
      'src/shared/prisma.service.ts': `import { PrismaClient } from '@prisma/client';\nexport class PrismaService extends PrismaClient {}\n`,
      'src/users/user.repository.ts': `import { PrismaService } from '../shared/prisma.service';\nexport class UserRepository {\n  constructor(private readonly prisma: PrismaService) {}\n  async findById(id: string) {\n    return this.prisma.user.findUnique({ where: { id } });\n  }\n}\n`,
      'src/orders/order.service.ts': `import { UserRepository } from '../users/user.repository';\nexport class OrderService {\n  constructor(private readonly users: UserRepository) {}\n  async withCustomers(orders: Array<{ userId: string }>) {\n    const rows = [];\n    for (const order of orders) {\n      rows.push({ ...order, customer: await «this.users.findById(order.userId) });\n    }\n    return rows;\n  }\n}\n`,
    },
    errors: [{ messageId: 'queryInLoop', message: ['`this.users.findById` runs `prisma.user.findUnique` (Prisma) once per element of `orders` (via `UserRepository.findById`)'] }],
  },
  {
    name: 'controller → service → repository → pg, three files deep, with a plain function',
    code: {
      'src/db.ts': `import { Pool } from 'pg';\nexport const pool = new Pool();\n`,
      'src/users/user.repository.ts': `import { pool } from '../db';\nexport async function loadUser(id: string) {\n  const { rows } = await pool.query('SELECT * FROM users WHERE id = $1', [id]);\n  return rows[0];\n}\n`,
      'src/users/user.service.ts': `import { loadUser } from './user.repository';\nexport class UserService {\n  profile(id: string) {\n    return loadUser(id);\n  }\n}\n`,
      'src/users/user.controller.ts': `import { UserService } from './user.service';\nexport class UserController {\n  constructor(private readonly service: UserService) {}\n  profiles(ids: string[]) {\n    return Promise.all(ids.map((id) => «this.service.profile(id)));\n  }\n}\n`,
    },
    errors: [{ messageId: 'queryInLoop', message: ['(via `UserService.profile` → `loadUser`)', '`pool.query` (pg)'] }],
  },
  // --- GraphQL ------------------------------------------------------------------------------------
  {
    name: 'NestJS @ResolveField querying per parent',
    code: `import { Parent, ResolveField, Resolver } from '@nestjs/graphql';\nimport { PrismaClient } from '@prisma/client';\nclass User { id!: string }\n@Resolver(() => User)\nexport class UserResolver {\n  constructor(private readonly prisma: PrismaClient) {}\n  @ResolveField()\n  posts(@Parent() user: User) {\n    return «this.prisma.post.findMany({ where: { authorId: user.id } });\n  }\n}\n`,
    errors: [{ messageId: 'queryPerParent', message: ['Field resolver `User.posts` runs `prisma.post.findMany` (Prisma) once per `User`', 'DataLoader'] }],
  },
  {
    name: 'resolver map field querying per parent (Query fields are not per parent)',
    code: `${PRISMA}export const resolvers = {\n  Query: { users: () => prisma.user.findMany() },\n  User: {\n    posts: (parent: { id: string }) => «prisma.post.findMany({ where: { authorId: parent.id } }),\n  },\n};\n`,
    errors: [{ messageId: 'queryPerParent', message: ['`User.posts`'] }],
  },
];

const valid: Array<ValidCase<typeof nPlusOne>> = [
  { name: 'a short constant list', code: `${PRISMA}export async function counts() {\n  for (const status of ['new', 'paid', 'shipped']) {\n    await prisma.order.count({ where: { status } });\n  }\n}\n` },
  { name: 'a const array declared as such', code: `${PG}const REGIONS = ['eu', 'us'] as const;\nexport async function load() {\n  for (const region of REGIONS) {\n    await pool.query('SELECT count(*) FROM shops WHERE region = $1', [region]);\n  }\n}\n` },
  { name: 'Object.keys of a literal object, and an enum', code: `${PG}const LIMITS = { free: 1, pro: 10 };\nenum Plan { Free, Pro }\nexport async function load() {\n  for (const plan of Object.keys(LIMITS)) await pool.query('SELECT 1 WHERE $1 = $1', [plan]);\n  for (const plan of Object.values(Plan)) await pool.query('SELECT 1 WHERE $1 = $1', [plan]);\n}\n` },
  // Pagination: each query depends on the previous result; there is no collection to batch.
  { name: 'cursor pagination with do…while', code: `${PRISMA}export async function all() {\n  let cursor: string | undefined;\n  do {\n    const page = await prisma.user.findMany({ take: 100, ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}) });\n    cursor = page.length === 100 ? page[page.length - 1].id : undefined;\n  } while (cursor);\n}\n` },
  { name: 'offset pagination with while (hasMore)', code: `${PG}export async function all() {\n  let offset = 0;\n  let hasMore = true;\n  while (hasMore) {\n    const { rowCount } = await pool.query('SELECT * FROM users LIMIT 100 OFFSET $1', [offset]);\n    offset += 100;\n    hasMore = rowCount === 100;\n  }\n}\n` },
  { name: 'page loop with for (;;) and break', code: `${PRISMA}export async function all() {\n  for (let page = 0; ; page++) {\n    const rows = await prisma.user.findMany({ skip: page * 100, take: 100 });\n    if (rows.length === 0) break;\n  }\n}\n` },
  { name: 'while (rows.length) refilled from the query is pagination', code: `${PG}export async function all() {\n  let rows = (await pool.query('SELECT * FROM jobs LIMIT 100')).rows;\n  while (rows.length > 0) {\n    rows = (await pool.query('SELECT * FROM jobs WHERE id > $1 LIMIT 100', [rows[rows.length - 1].id])).rows;\n  }\n}\n` },
  // Chunked batching: each iteration asks for many keys.
  { name: 'Prisma chunks with `in`', code: `${PRISMA}export async function load(chunks: string[][]) {\n  for (const chunk of chunks) {\n    await prisma.user.findMany({ where: { id: { in: chunk } } });\n  }\n}\n` },
  { name: 'pg chunks with = ANY($1)', code: `${PG}export async function load(chunks: string[][]) {\n  for (const chunk of chunks) {\n    await pool.query('SELECT * FROM users WHERE id = ANY($1)', [chunk]);\n  }\n}\n` },
  { name: 'Knex chunks with whereIn', code: `import createKnex from 'knex';\nconst knex = createKnex({ client: 'pg' });\nexport async function load(chunks: number[][]) {\n  for (const chunk of chunks) {\n    await knex('users').whereIn('id', chunk);\n  }\n}\n` },
  { name: 'TypeORM chunks with In()', code: `import { In, Repository } from 'typeorm';\nclass User { id!: string }\nexport async function load(userRepository: Repository<User>, chunks: string[][]) {\n  for (const chunk of chunks) {\n    await userRepository.findBy({ id: In(chunk) });\n  }\n}\n` },
  { name: 'a where object built before the call', code: `${PRISMA}export async function load(chunks: string[][]) {\n  for (const chunk of chunks) {\n    const where = { id: { in: chunk } };\n    await prisma.user.findMany({ where });\n  }\n}\n` },
  { name: 'chunks through a repository method that batches', code: { 'src/repo.ts': `${PG}export async function findByIds(ids: string[]) {\n  return pool.query('SELECT * FROM users WHERE id = ANY($1)', [ids]);\n}\n`, 'src/case.ts': `import { findByIds } from './repo';\nexport async function load(chunks: string[][]) {\n  for (const chunk of chunks) await findByIds(chunk);\n}\n` } },
  // Batches: each pass handles many rows (the fix already applied).
  { name: 'a loop that steps by the batch size and writes a slice with createMany', code: `${PRISMA}const BATCH = 500;\nexport async function seed(rows: Array<{ id: string }>) {\n  for (let i = 0; i < rows.length; i += BATCH) {\n    await prisma.user.createMany({ data: rows.slice(i, i + BATCH) });\n  }\n}\n` },
  { name: 'a loop over chunk(rows, n)', code: `${PG}declare function chunk<T>(xs: T[], n: number): T[][];\nexport async function save(rows: string[]) {\n  for (const batch of chunk(rows, 100)) await pool.query('INSERT INTO t SELECT * FROM unnest($1::text[])', [batch]);\n}\n` },
  // A list written out in code (also imported): its length changes with the code, not the data.
  { name: 'an imported const list of job definitions', code: { 'src/jobs.ts': `export const JOBS = [\n  { name: 'a', cron: '* * * * *' }, { name: 'b', cron: '0 * * * *' }, { name: 'c', cron: '0 0 * * *' },\n  { name: 'd', cron: '0 1 * * *' }, { name: 'e', cron: '0 2 * * *' }, { name: 'f', cron: '0 3 * * *' },\n  { name: 'g', cron: '0 4 * * *' }, { name: 'h', cron: '0 5 * * *' }, { name: 'i', cron: '0 6 * * *' },\n  { name: 'j', cron: '0 7 * * *' }, { name: 'k', cron: '0 8 * * *' }, { name: 'l', cron: '0 9 * * *' },\n] as const;\n`, 'src/case.ts': `${PRISMA}import { JOBS } from './jobs';\nexport async function register() {\n  for (const job of JOBS) await prisma.job.upsert({ where: { name: job.name }, create: { ...job }, update: { cron: job.cron } });\n}\n` } },
  // Without a package.json or an import saying so, `findOne`/`update` on a capitalised receiver are not Sequelize's.
  { name: 'findOne on a capitalised receiver in a project that does not depend on Sequelize', code: { 'package.json': '{ "dependencies": { "lodash": "^4.0.0" } }', 'src/case.ts': `declare const Registry: { findOne(id: string): unknown };\nexport function load(ids: string[]) {\n  return ids.map((id) => Registry.findOne(id));\n}\n` }, only: 'no-types' },
  { name: 'hash.update in a Sequelize project is not a model write', code: { 'package.json': '{ "dependencies": { "sequelize": "^6.0.0" } }', 'src/case.ts': `import { createHash } from 'node:crypto';\nexport function digest(chunks: string[]) {\n  const hash = createHash('sha256');\n  for (const c of chunks) hash.update(c);\n  return hash.digest('hex');\n}\n` }, only: 'no-types' },
  // Statements that name one object each: DDL, transaction control, maintenance (catalog unbatchable-sql).
  { name: 'DDL and ANALYZE per table', code: `${PG}export async function rebuild(tables: string[]) {\n  for (const t of tables) {\n    await pool.query(\`ALTER TABLE \${t} DROP CONSTRAINT \${t}_pkey\`);\n    await pool.query(\`ANALYZE \${t}\`);\n  }\n}\n` },
  // Retry / failover / search: leaves on the first success.
  { name: 'retry loop over attempts', code: `export async function get(url: string) {\n  for (let attempt = 0; attempt < 3; attempt++) {\n    try {\n      return await fetch(url);\n    } catch {\n      await new Promise((r) => setTimeout(r, 100 * attempt));\n    }\n  }\n  throw new Error('unreachable');\n}\n` },
  { name: 'failover over mirrors, returning the first response', code: `export async function get(mirrors: string[]) {\n  for (const url of mirrors) {\n    try {\n      return await fetch(url);\n    } catch {\n      // next mirror\n    }\n  }\n}\n` },
  { name: 'search that leaves when the result is good', code: `export async function firstHealthy(hosts: string[]) {\n  for (const host of hosts) {\n    const res = await fetch(host + '/health');\n    if (res.ok) return host;\n  }\n  return undefined;\n}\n` },
  { name: 'the query only in a branch that returns', code: `${PRISMA}export async function find(users: Array<{ id: string; admin: boolean }>) {\n  for (const user of users) {\n    if (user.admin) {\n      const row = await prisma.user.findUnique({ where: { id: user.id } });\n      return row;\n    }\n  }\n}\n` },
  { name: 'the query only in a branch that breaks', code: `${PG}export async function touchFirst(ids: string[], wanted: string) {\n  for (const id of ids) {\n    if (id === wanted) {\n      await pool.query('UPDATE users SET seen = true WHERE id = $1', [id]);\n      break;\n    }\n  }\n}\n` },
  // In-memory look-alikes: the type says Map / Set / array, whatever the name.
  { name: 'Map.get, Set.has and array.find with database-like names', code: `class User { id!: string }\nexport function load(ids: string[], rows: User[]) {\n  const redis = new Map<string, string>();\n  const pool = new Set<string>();\n  const db = rows;\n  return ids.map((id) => [redis.get(id), pool.has(id), db.find((r) => r.id === id)]);\n}\n` },
  { name: 'rows of a query held in a variable named like a repository are data', code: `${PRISMA}export async function pick(ids: string[]) {\n  const userRepository = await prisma.user.findMany();\n  return ids.map((id) => userRepository.find((u: { id: string }) => u.id === id));\n}\n` },
  { name: 'a project class named like a repository that reads an array', code: `class User { id!: string }\nclass UserRepository {\n  private rows: User[] = [];\n  findOne(id: string) { return this.rows.find((r) => r.id === id); }\n}\nexport function load(userRepository: UserRepository, ids: string[]) {\n  return ids.map((id) => userRepository.findOne(id));\n}\n` },
  { name: 'a non-array `.map` (a local Option type) is not an iteration', code: `${PRISMA}class Option<T> { constructor(private v?: T) {}\n  map<U>(fn: (v: T) => U) { return new Option(this.v === undefined ? undefined : fn(this.v)); } }\nexport function load(id: Option<string>) {\n  return id.map((v) => prisma.user.findUnique({ where: { id: v } }));\n}\n` },
  { name: 'the query in the iterated expression runs once', code: `${PRISMA}export async function names() {\n  const out: string[] = [];\n  for (const user of await prisma.user.findMany()) out.push(String(user));\n  return out;\n}\n` },
  { name: 'a function created per element but not called in the loop', code: `${PRISMA}export function loaders(ids: string[]) {\n  const byId: Record<string, () => Promise<unknown>> = {};\n  for (const id of ids) {\n    byId[id] = () => prisma.user.findUnique({ where: { id } });\n  }\n  return byId;\n}\n` },
  { name: 'a handler registered per element runs on events, not per element', code: `${PG}import { EventEmitter } from 'node:events';\nexport function watch(bus: EventEmitter, topics: string[]) {\n  for (const topic of topics) {\n    bus.on(topic, (id: string) => pool.query('SELECT 1 WHERE $1 = $1', [id]));\n  }\n}\n` },
  { name: 'routes and table-driven tests registered in a loop run later', code: `${PRISMA}declare const app: { get(path: string, h: () => unknown): void };\ndeclare function it(name: string, fn: () => unknown): void;\nexport function register(paths: string[]) {\n  for (const path of paths) app.get(path, () => prisma.page.findMany({ where: { path } }));\n  for (const path of paths) it(path, async () => { await prisma.page.count({ where: { path } }); });\n}\n` },
  { name: 'a DataLoader in a field resolver batches the parents', code: `import DataLoader from 'dataloader';\nimport { Parent, ResolveField, Resolver } from '@nestjs/graphql';\nimport { PrismaClient } from '@prisma/client';\nclass User { id!: string }\n@Resolver(() => User)\nexport class UserResolver {\n  constructor(private readonly prisma: PrismaClient) {}\n  private readonly posts = new DataLoader((ids: readonly string[]) => this.prisma.post.findMany({ where: { authorId: { in: [...ids] } } }));\n  @ResolveField('posts')\n  userPosts(@Parent() user: User) {\n    return this.posts.load(user.id);\n  }\n}\n` },
  { name: 'a supertest request in a loop is not undici', code: `import request from 'supertest';\nexport async function hit(paths: string[], app: unknown) {\n  for (const path of paths) await request(app).get(path);\n}\n` },
  { name: 'a Knex builder that is built but not run in the loop', code: `import createKnex from 'knex';\nconst knex = createKnex({ client: 'pg' });\nexport function union(ids: number[]) {\n  const parts = [];\n  for (const id of ids) parts.push(knex('users').where({ id }));\n  return parts;\n}\n` },
  { name: 'a project interface that happens to end in Delegate is not Prisma', code: `interface EventDelegate { create(e: string): Promise<void> }\nexport async function emit(events: EventDelegate, names: string[]) {\n  for (const name of names) await events.create(name);\n}\n` },
  { name: 'recursion does not loop the summaries', code: `${PG}export async function walk(ids: string[]): Promise<void> {\n  for (const id of ids) await walk([id]);\n}\n` },
  { name: 'graphqlResolvers: false turns resolver findings off', options: { graphqlResolvers: false }, code: `${PRISMA}export const resolvers = {\n  User: { posts: (parent: { id: string }) => prisma.post.findMany({ where: { authorId: parent.id } }) },\n};\n` },
];

checkTester(nPlusOne).run({ valid, invalid });

/** The findings of an invalid case without its marks, without library types. */
const findingsOf = (c: InvalidCase<typeof nPlusOne>) => runCheckOn(nPlusOne, { code: unmark(c.code).files, options: c.options, catalog: c.catalog });

describe('n-plus-one finding', () => {
  it('names the chain as related locations, and says the fix for the library', async () => {
    const chain = invalid.find((c) => c.name.startsWith('service → repository'))!;
    const findings = await findingsOf(chain);
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding.message).toBe(
      '`this.users.findById` runs `prisma.user.findUnique` (Prisma) once per element of `orders` (via `UserRepository.findById`): ' +
        'N queries where one would do — the time grows with the list, and each holds a pooled connection. ' +
        'Fix: load them all at once with `findMany({ where: { <key>: { in: keys } } })`, or `include` the relation in the query that loaded the collection.',
    );
    expect(finding.related).toEqual([
      { path: 'src/orders/order.service.ts', line: 6, column: 5, message: '`for…of` loop over `orders`' },
      { path: 'src/users/user.repository.ts', line: 4, column: 9, message: '`UserRepository.findById` is declared here' },
      { path: 'src/users/user.repository.ts', line: 5, column: 12, message: '`UserRepository.findById` calls `this.prisma.user.findUnique` here' },
    ]);
    expect(finding.suggestion).toBe(
      'Before the loop, collect the keys (`const keys = orders.map((item) => item.<key>)`), make one call for all of them, ' +
        'index the result (`new Map(rows.map((row) => [row.<key>, row]))`) and read from that map inside the loop. ' +
        'Give `UserRepository.findById` a batch variant that takes all the keys.',
    );
    expect(finding.fingerprintKey).toBe('this.users.findById|prisma.user.findUnique');
  });

  it('words a GraphQL field resolver finding with the parent type and the DataLoader fix', async () => {
    const resolver = invalid.find((c) => c.name.startsWith('NestJS @ResolveField'))!;
    const [finding] = await findingsOf(resolver);
    expect(finding.message).toBe(
      'Field resolver `User.posts` runs `prisma.post.findMany` (Prisma) once per `User`: a list of N parents costs N extra queries. ' +
        'Fix: batch it through a DataLoader created per request; in its batch function, load them all at once with `findMany({ where: { <key>: { in: keys } } })`, ' +
        'or `include` the relation in the query that loaded the collection.',
    );
    expect(finding.related?.[0]).toMatchObject({ line: 7, message: 'field resolver `User.posts`, called once per `User`' });
    expect(finding.suggestion).toContain('call `loader.load(user.id)` in the resolver');
  });

  it('rejects a catalog regular expression that does not compile', async () => {
    const catalog = { 'unbatchable-sql': [{ id: 'x', sql: '^(ALTER', why: 'y' }] };
    await expect(runCheckOn(nPlusOne, { code: 'export {};\n', catalog })).rejects.toThrow(/catalog "unbatchable-sql" entry \d+ is invalid/);
  });

  it('rejects an invalid catalog extension with the entry it came from', async () => {
    const catalog = { 'query-calls': [{ id: 'x', library: 'y', methods: ['get'] }] };
    await expect(runCheckOn(nPlusOne, { code: 'export {};\n', catalog })).rejects.toThrow(/catalog "query-calls" entry \d+ is invalid/);
  });
});
