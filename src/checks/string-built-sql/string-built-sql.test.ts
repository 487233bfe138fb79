import { describe, expect, it } from 'vitest';
import { runCheckOn, summarize } from '../../../test/support/check-harness.js';
import { checkTester, type InvalidCase, type ValidCase } from '../../../test/support/check-tester.js';
import stringBuiltSql from './index.js';


const valid: Array<ValidCase<typeof stringBuiltSql>> = [
  // pg
  { name: 'pg: constant text and a values array', code: `import { Pool } from 'pg';\nconst pool = new Pool();\nexport const f = (id: string) => pool.query('SELECT * FROM users WHERE id = $1', [id]);\n` },
  { name: 'pg: a table name from a const in another file', code: { 'src/case.ts': `import { Pool } from 'pg';\nimport { USERS } from './tables';\nconst pool = new Pool();\nexport const f = (id: string) => pool.query('SELECT * FROM ' + USERS + ' WHERE id = $1', [id]);\n`, 'src/tables.ts': `export const USERS = 'users';\n` } },
  { name: 'pg: a column from a literal-union parameter', code: `import { Pool } from 'pg';\nconst pool = new Pool();\nexport function list(sort: 'name' | 'created_at') {\n  return pool.query(\`SELECT * FROM users ORDER BY \${sort}\`);\n}\n` },
  { name: 'pg: a column from a const map by keyof typeof', code: `import { Pool } from 'pg';\nconst pool = new Pool();\nconst SORTS = { newest: 'created_at DESC', name: 'name ASC' } as const;\nexport function list(sort: keyof typeof SORTS) {\n  return pool.query('SELECT * FROM users ORDER BY ' + SORTS[sort]);\n}\n` },
  { name: 'pg: a dynamic placeholder list', code: `import { Pool } from 'pg';\nconst pool = new Pool();\nexport function byIds(ids: string[]) {\n  const list = ids.map((_, i) => \`$\${i + 1}\`).join(', ');\n  return pool.query(\`SELECT * FROM users WHERE id IN (\${list})\`, ids);\n}\n` },
  { name: 'pg: a += chain of constants with placeholder numbers', code: `import { Pool } from 'pg';\nconst pool = new Pool();\nexport function search(name?: string, city?: string) {\n  const values: string[] = [];\n  let sql = 'SELECT * FROM users WHERE true';\n  if (name) { values.push(name); sql += \` AND name = $\${values.length}\`; }\n  if (city) { values.push(city); sql += ' AND city = $' + values.length; }\n  return pool.query(sql, values);\n}\n` },
  { name: 'pg: a query config object with constant text', code: `import { Pool } from 'pg';\nconst pool = new Pool();\nexport const f = (id: string) => pool.query({ text: 'SELECT * FROM users WHERE id = $1', values: [id] });\n` },
  // Libraries added from the corpus review: their parameterized forms.
  { name: 'pg-promise: db.one with $1 and values', code: `import pgPromise from 'pg-promise';\nconst db = pgPromise()('postgres://localhost/app');\nexport const f = (id: string) => db.one('SELECT * FROM users WHERE id = $1', [id]);\n`, only: 'no-types' },
  { name: 'mssql: input() and @name', code: `import sql from 'mssql';\nexport const f = (pool: sql.ConnectionPool, id: number) => pool.request().input('id', id).query('SELECT * FROM users WHERE id = @id');\n`, only: 'no-types' },
  { name: 'AWS RDS Data API: :name with parameters', code: `import { ExecuteStatementCommand } from '@aws-sdk/client-rds-data';\nexport const f = (id: string) => new ExecuteStatementCommand({ resourceArn: 'a', secretArn: 's', sql: 'SELECT * FROM users WHERE id = :id', parameters: [{ name: 'id', value: { stringValue: id } }] });\n`, only: 'no-types' },
  // Without the dependency (package.json says), \`db.all\` is not node-sqlite3.
  { name: 'db.all in a project that does not depend on sqlite3', code: { 'package.json': '{ "dependencies": { "lodash": "^4.0.0" } }', 'src/case.ts': `declare const db: { all(q: string): void };\nexport const f = (name: string) => db.all('rows of ' + name);\n` }, only: 'no-types' },
  // A project's placeholder-binding helper: `{{name}}` pieces become `$n` parameters; its callers are checked.
  { name: 'pg: a helper that rewrites {{name}} placeholders of its sql parameter', code: `import { Pool } from 'pg';\nconst pool = new Pool();\nexport function rawQuery(sql: string, data: Record<string, unknown>) {\n  const params: unknown[] = [];\n  const query = sql.replaceAll(/\\{\\{(\\w+)\\}\\}/g, (_m: string, name: string) => { params.push(data[name]); return '$' + params.length; });\n  return pool.query(query, params);\n}\nexport const byId = (id: string) => rawQuery('SELECT * FROM users WHERE id = {{id}}', { id });\n` },
  // Prisma
  { name: 'Prisma: $queryRaw with a bound interpolation', code: `import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nexport const f = (id: string) => prisma.$queryRaw\`SELECT * FROM users WHERE id = \${id}\`;\n` },
  { name: 'Prisma: $queryRawUnsafe with $1 and a value', code: `import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nexport const f = (id: string) => prisma.$queryRawUnsafe('SELECT * FROM users WHERE id = $1', id);\n` },
  { name: 'Prisma: Prisma.raw with a constant', code: `import { Prisma, PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nexport const f = (id: string) => prisma.$queryRaw\`SELECT * FROM \${Prisma.raw('users')} WHERE id = \${id}\`;\n` },
  // Knex
  { name: 'Knex: whereRaw with bindings', code: `import knex from 'knex';\nconst db = knex({});\nexport const f = (name: string) => db('users').whereRaw('lower(name) = ?', [name]);\n` },
  { name: 'Knex: where(column, value) is not SQL text', code: `import knex from 'knex';\nconst db = knex({});\nexport const f = (col: string, v: string) => db('users').where(col, v);\n` },
  // TypeORM
  { name: 'TypeORM: query builder with named parameters', code: `import { DataSource } from 'typeorm';\nconst ds = new DataSource({ type: 'postgres' });\nexport const f = (name: string) => ds.createQueryBuilder().select('u').from('users', 'u').where('u.name = :name', { name }).getMany();\n` },
  { name: 'TypeORM: where with an object is not SQL text', code: `import { DataSource } from 'typeorm';\nconst ds = new DataSource({ type: 'postgres' });\nexport const f = (name: string) => ds.createQueryBuilder().select('u').from('users', 'u').where({ name }).getMany();\n` },
  // Drizzle, Kysely, slonik, postgres
  { name: 'Drizzle: sql template with bound values', code: `import { sql } from 'drizzle-orm';\nexport const f = (term: string) => sql\`SELECT * FROM users WHERE name ILIKE \${'%' + term + '%'}\`;\n` },
  { name: 'Kysely: sql.id with a constant identifier', code: `import { sql } from 'kysely';\nexport const f = () => sql\`SELECT \${sql.id('name')} FROM users\`;\n` },
  // Kysely sql.id with a parameter that is not request input: allowed (identifiers cannot be bound).
  { name: 'Kysely: sql.ref with a non-request parameter', code: `import { sql } from 'kysely';\nexport const f = (column: string) => sql\`SELECT \${sql.ref(column)} FROM users\`;\n` },
  { name: 'slonik: sql.unsafe template', code: `import { sql } from 'slonik';\nexport const f = (id: number) => sql.unsafe\`SELECT * FROM users WHERE id = \${id}\`;\n` },
  { name: 'postgres: sql template', code: `import postgres from 'postgres';\nconst sql = postgres();\nexport const f = (days: number) => sql\`SELECT * FROM t WHERE created_at > now() - make_interval(days => \${days})\`;\n` },
  // mysql2, better-sqlite3, MikroORM, Sequelize
  { name: 'mysql2: execute with ? and values', code: `import mysql from 'mysql2/promise';\nexport async function f(id: number) {\n  const conn = await mysql.createConnection({});\n  return conn.execute('SELECT * FROM users WHERE id = ?', [id]);\n}\n` },
  { name: 'better-sqlite3: prepare constant text', code: `import Database from 'better-sqlite3';\nconst db = new Database(':memory:');\nexport const f = (id: number) => db.prepare('SELECT * FROM users WHERE id = ?').get(id);\n` },
  { name: 'MikroORM: em.execute with params', code: `import { EntityManager } from '@mikro-orm/core';\nexport const f = (em: EntityManager, id: number) => em.execute('SELECT * FROM users WHERE id = ?', [id]);\n` },
  { name: 'Sequelize: query with replacements', code: `import { Sequelize } from 'sequelize';\nconst sequelize = new Sequelize('postgres://');\nexport const f = (name: string) => sequelize.query('SELECT * FROM users WHERE name = :name', { replacements: { name } });\n` },
  { name: 'TypeORM: manager.query with parameters', code: `import { DataSource } from 'typeorm';\nconst dataSource = new DataSource({ type: 'postgres' });\nexport const f = (id: string) => dataSource.manager.query('SELECT * FROM users WHERE id = $1', [id]);\n` },
  { name: 'Drizzle: sql.raw with a constant', code: `import { sql } from 'drizzle-orm';\nexport const f = () => sql\`SELECT * FROM users ORDER BY \${sql.raw('created_at DESC')}\`;\n` },
  { name: 'Kysely: sql.raw with a constant built from constants', code: `import { sql } from 'kysely';\nconst TABLE = 'users';\nexport const f = () => sql.raw(\`SELECT count(*) FROM \${TABLE}\`);\n` },
  { name: 'postgres: sql.unsafe with $1 and values', code: `import postgres from 'postgres';\nconst sql = postgres();\nexport const f = (id: string) => sql.unsafe('SELECT * FROM users WHERE id = $1', [id]);\n` },
  { name: 'MikroORM: raw() with bindings', code: `import { raw } from '@mikro-orm/core';\nexport const f = (name: string) => raw('lower(name) = ?', [name]);\n` },
  { name: 'Sequelize: literal with a constant', code: `import { Sequelize } from 'sequelize';\nexport const f = () => Sequelize.literal('(SELECT count(*) FROM orders)');\n` },
  // Escaped values (sql-escapers) cannot change the query's structure.
  { name: 'pg: identifiers and literals escaped by the client', code: `import { Client } from 'pg';\nexport async function f(client: Client, table: string, note: string) {\n  return client.query(\`COMMENT ON TABLE \${client.escapeIdentifier(table)} IS \${client.escapeLiteral(note)}\`);\n}\n` },
  { name: 'pg-format and a project quoteIdent helper', code: `import format from 'pg-format';\nimport { Pool } from 'pg';\nconst pool = new Pool();\nfunction quoteIdent(name: string) { return '"' + name.replace(/"/g, '""') + '"'; }\nexport const f = (t: string) => pool.query(format('TRUNCATE %I', t));\nexport const g = (t: string) => pool.query('ANALYZE ' + quoteIdent(t));\n` },
  // A wrapper that passes its parameter through builds nothing: its callers are checked.
  { name: 'a query wrapper of the project', code: `import { Pool } from 'pg';\nconst pool = new Pool();\nexport function run(sql: string, values: unknown[] = []) {\n  return pool.query(sql, values);\n}\nexport const byId = (id: string) => run('SELECT * FROM users WHERE id = $1', [id]);\n` },
  // Nothing is concatenated: the whole text is one value (a .sql file read at start-up).
  { name: 'pg: the contents of a SQL file', code: `import { readFileSync } from 'node:fs';\nimport { Pool } from 'pg';\nconst pool = new Pool();\nexport const migrate = (file: string) => pool.query(readFileSync(file, 'utf8'));\n` },
  // Fixed false positives of the corpus review (test/corpus/verdicts.yml): values that cannot carry outside input.
  { name: 'pg: a schema name from DATABASE_URL, quoted as an identifier', code: `import { Pool } from 'pg';\nconst pool = new Pool();\nfunction schemaOf() { return new URL(process.env.DATABASE_URL!).searchParams.get('schema'); }\nexport async function setPath() {\n  const schema = schemaOf();\n  if (schema) await pool.query(\`SET search_path TO "\${schema}"\`);\n}\n` },
  { name: 'Sequelize: a working-table name the task generates in a private field', code: `import { randomBytes } from 'node:crypto';\nimport { Sequelize } from 'sequelize';\nconst sequelize = new Sequelize('postgres://');\nexport class Task {\n  private table = '';\n  async run() {\n    const stamp = new Date().toISOString().slice(0, 19).replace(/[-:T]/g, '');\n    this.table = \`work_\${stamp}_\${randomBytes(4).toString('hex')}\`;\n    await sequelize.query(\`CREATE UNLOGGED TABLE \${this.table} (id uuid)\`);\n  }\n}\n` },
  { name: 'Sequelize: literal of a duration checked by a validator that throws', code: `import { Sequelize } from 'sequelize';\ndeclare function isISO8601Duration(s: string): boolean;\nexport function since(duration: string) {\n  if (!isISO8601Duration(duration)) throw new Error('not a duration');\n  return Sequelize.literal(\`now() - interval '\${duration}'\`);\n}\n` },
  { name: 'pg: a sort column from request input checked against an allow-list', code: `import { Pool } from 'pg';\nconst pool = new Pool();\nconst SORTS = ['name', 'created_at'];\nexport function list(req: any) {\n  const sort = String(req.query.sort);\n  if (!SORTS.includes(sort)) throw new Error('bad sort');\n  return pool.query('SELECT * FROM users ORDER BY ' + sort);\n}\n` },
  { name: 'Knex: a compiled sub-query embedded with knex.raw', code: `import knex from 'knex';\nconst db = knex({});\nexport function versions() {\n  const sub = db('orders').select('version').where({ id: 1 }).toQuery();\n  return db.raw(\`(\${sub})\`);\n}\n` },
  { name: 'pg: a helper whose every caller passes a constant', code: `import { Pool } from 'pg';\nconst pool = new Pool();\nasync function truncate(table: string) { await pool.query('TRUNCATE ' + table); }\nexport const reset = () => Promise.all([truncate('sessions'), truncate('jobs')]);\n` },
  { name: 'pg: schemas of a constant list quoted in an IN list', code: `import { Pool } from 'pg';\nconst pool = new Pool();\nconst SCHEMAS = ['cloud', 'public'];\nconst list = \`(\${SCHEMAS.map((s) => \`'\${s}'\`).join(', ')})\`;\nexport const tables = () => pool.query('SELECT * FROM information_schema.tables WHERE table_schema IN ' + list);\n` },
  // Not a database: a method called query on a local class.
  { name: 'a local class with a query method', code: `class Search { query(text: string) { return text; } }\nconst search = new Search();\nexport const f = (q: string) => search.query('title:' + q);\n`, only: 'types' },
];

const invalid: Array<InvalidCase<typeof stringBuiltSql>> = [
  // pg
  // Libraries added from the corpus review (test/corpus/verdicts.yml).
  { name: 'pg-promise: db.any with request input', code: `import pgPromise from 'pg-promise';\nconst db = pgPromise()('postgres://localhost/app');\nexport const f = (req: any) => db.any("SELECT * FROM users WHERE name = '" + req.query.name + "'");\n`, only: 'no-types', errors: [{ line: 3, column: 39, messageId: 'injection' }] },
  { name: 'mssql: request().query with a template', code: `import sql from 'mssql';\nexport const f = (pool: sql.ConnectionPool, req: any) => pool.request().query(\`SELECT * FROM users WHERE id = \${req.params.id}\`);\n`, only: 'no-types', errors: [{ line: 2, column: 79, messageId: 'injection' }] },
  { name: 'node-sqlite3: db.all with a template', code: `import sqlite3 from 'sqlite3';\nconst db = new sqlite3.Database(':memory:');\nexport const f = (req: any) => db.all(\`SELECT * FROM users WHERE name = '\${req.body.name}'\`, () => {});\n`, only: 'no-types', errors: [{ line: 3, column: 39, messageId: 'injection' }] },
  { name: 'SAP HANA: conn.exec with concatenation', code: `import hana from '@sap/hana-client';\nconst conn = hana.createConnection();\nexport const f = (req: any) => conn.exec('SELECT * FROM USERS WHERE NAME = ' + req.query.name);\n`, only: 'no-types', errors: [{ line: 3, column: 42, messageId: 'injection' }] },
  { name: 'AWS RDS Data API: the sql property of ExecuteStatementCommand', code: `import { ExecuteStatementCommand } from '@aws-sdk/client-rds-data';\nexport const f = (req: any) => new ExecuteStatementCommand({ resourceArn: 'a', secretArn: 's', sql: \`SELECT * FROM users WHERE id = '\${req.query.id}'\` });\n`, only: 'no-types', errors: [{ line: 2, column: 101, messageId: 'injection' }] },
  { name: 'AWS Athena v2: the QueryString of startQueryExecution', code: `import { Athena } from 'aws-sdk';\nconst athena = new Athena();\nexport const f = (req: any) => athena.startQueryExecution({ QueryString: 'SELECT * FROM logs WHERE day = ' + req.query.day });\n`, only: 'no-types', errors: [{ line: 3, column: 74, messageId: 'injection' }] },
  { name: 'pg: Express req.query concatenated', code: `import { Pool } from 'pg';\nconst pool = new Pool();\nexport function handler(req: any) {\n  return pool.query("SELECT * FROM users WHERE name = '" + req.query.name + "'");\n}\n`, errors: [{ line: 4, column: 21, messageId: 'injection', severity: 'error' }] },
  { name: 'pg: a += chain with request input', code: `import { Pool } from 'pg';\nimport type { Request } from 'express';\nconst pool = new Pool();\nexport function handler(req: Request) {\n  let sql = 'SELECT * FROM users';\n  sql += ' WHERE city = ';\n  sql += \`'\${req.body.city}'\`;\n  return pool.query(sql);\n}\n`, errors: [{ line: 8, column: 21, messageId: 'injection', severity: 'error' }] },
  { name: 'pg: a parameter built into the text', code: `import { Pool } from 'pg';\nconst pool = new Pool();\nexport function byName(name: string) {\n  return pool.query(\`SELECT * FROM users WHERE name = '\${name}'\`);\n}\n`, errors: [{ line: 4, column: 21, messageId: 'builtFromStrings', severity: 'warning' }] },
  { name: 'pg: a number pasted into the text', code: `import { Pool } from 'pg';\nconst pool = new Pool();\nexport function page(limit: number) {\n  return pool.query('SELECT * FROM users LIMIT ' + limit);\n}\n`, errors: [{ line: 4, column: 21, messageId: 'numberInSql', severity: 'info' }] },
  { name: 'pg: joined conditions with a dynamic element', code: `import { Pool } from 'pg';\nconst pool = new Pool();\nexport function find(column: string) {\n  const where = ['active'];\n  where.push(column + ' IS NOT NULL');\n  return pool.query('SELECT * FROM users WHERE ' + where.join(' AND '));\n}\n`, errors: [{ line: 6, column: 21, messageId: 'builtFromStrings', severity: 'warning' }] },
  // What the trusted shapes do not cover is still reported.
  { name: 'pg: request input checked by a guard that does not exit', code: `import { Pool } from 'pg';\nconst pool = new Pool();\nconst SORTS = ['name'];\nexport function list(req: any) {\n  if (!SORTS.includes(req.query.sort)) console.warn('unknown sort');\n  return pool.query('SELECT * FROM users ORDER BY ' + req.query.sort);\n}\n`, errors: [{ line: 6, column: 21, messageId: 'injection', severity: 'error' }] },
  { name: 'pg: a helper one caller passes request input to', code: `import { Pool } from 'pg';\nconst pool = new Pool();\nasync function truncate(table: string) { await pool.query('TRUNCATE ' + table); }\nexport const reset = (req: any) => Promise.all([truncate('sessions'), truncate(req.body.table)]);\n`, errors: [{ line: 3, column: 59, messageId: 'injection', severity: 'error' }] },
  { name: 'pg: a public field set from a parameter', code: `import { Pool } from 'pg';\nconst pool = new Pool();\nexport class Task {\n  table = 'work';\n  drop() { return pool.query('DROP TABLE ' + this.table); }\n}\n`, errors: [{ line: 5, column: 30, messageId: 'identifierFromStrings', severity: 'warning' }] },
  // Prisma
  { name: 'Prisma: $queryRawUnsafe with a NestJS @Query parameter through a repository', code: {
    'src/report.repository.ts': `import { PrismaClient } from '@prisma/client';\nexport class ReportRepository {\n  constructor(private readonly prisma: PrismaClient) {}\n  searchCustomers(term: string) {\n    return this.prisma.$queryRawUnsafe(\n      \`SELECT id, name FROM users WHERE name ILIKE '%\${term}%' ORDER BY name LIMIT 20\`,\n    );\n  }\n}\n`,
    'src/report.controller.ts': `import { Controller, Get, Query } from '@nestjs/common';\nimport { ReportRepository } from './report.repository';\n@Controller('reports')\nexport class ReportController {\n  constructor(private readonly reports: ReportRepository) {}\n  @Get('search')\n  search(@Query('q') q: string) {\n    return this.reports.searchCustomers(q);\n  }\n}\n`,
  }, errors: [{ line: 6, column: 7, messageId: 'injection', severity: 'error' }] },
  { name: 'Prisma: Prisma.raw with a built string', code: `import { Prisma, PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nexport const f = (column: string) => prisma.$queryRaw\`SELECT * FROM users \${Prisma.raw('ORDER BY ' + column)}\`;\n`, errors: [{ line: 3, column: 88, messageId: 'builtFromStrings', severity: 'warning' }] },
  // `orderBy(column)` passes its parameter to Prisma.raw as it is: a wrapper, checked where it is called.
  { name: 'Prisma: a caller of a Prisma.raw wrapper with request input', code: `import { Prisma } from '@prisma/client';\nconst orderBy = (column: string) => Prisma.raw(column);\nexport const f = (req: any) => Prisma.sql\`SELECT * FROM users ORDER BY \${orderBy(req.query.sort)}\`;\n`, errors: [{ line: 3, column: 82, messageId: 'injection' }] },
  // Knex
  { name: 'Knex: knex.raw with a template', code: `import knex from 'knex';\nconst db = knex({});\nexport const f = (req: any) => db.raw(\`SELECT * FROM users WHERE id = \${req.params.id}\`);\n`, errors: [{ line: 3, column: 39, messageId: 'injection' }] },
  { name: 'Knex: whereRaw on a builder chain', code: `import knex from 'knex';\nconst db = knex({});\nexport const f = (name: string) => db('users').whereRaw("name = '" + name + "'");\n`, errors: [{ line: 3, column: 57, messageId: 'builtFromStrings', severity: 'warning' }] },
  // TypeORM
  { name: 'TypeORM: dataSource.query with request input', code: `import { DataSource } from 'typeorm';\nconst dataSource = new DataSource({ type: 'postgres' });\nexport const f = (req: any) => dataSource.query('SELECT * FROM users WHERE id = ' + req.params.id);\n`, errors: [{ line: 3, column: 49, messageId: 'injection' }] },
  { name: 'TypeORM: query builder where with a template', code: `import { DataSource } from 'typeorm';\nconst ds = new DataSource({ type: 'postgres' });\nexport const f = (name: string) => ds.createQueryBuilder().select('u').from('users', 'u').where(\`u.name = '\${name}'\`).getMany();\n`, errors: [{ line: 3, column: 97, messageId: 'builtFromStrings', severity: 'warning' }] },
  { name: 'TypeORM: orderBy from the request', code: `import { DataSource } from 'typeorm';\nconst ds = new DataSource({ type: 'postgres' });\nexport const f = (req: any) => ds.createQueryBuilder().select('u').from('users', 'u').orderBy(req.query.sort).getMany();\n`, errors: [{ line: 3, column: 95, messageId: 'injection' }] },
  // Drizzle, Kysely, postgres
  { name: 'Drizzle: sql.raw with a template', code: `import { sql } from 'drizzle-orm';\nexport const f = (order: string) => sql\`SELECT * FROM users \${sql.raw(\`ORDER BY \${order}\`)}\`;\n`, errors: [{ line: 2, column: 71, messageId: 'builtFromStrings', severity: 'warning' }] },
  { name: 'Kysely: sql.raw with request input', code: `import { sql } from 'kysely';\nexport const f = (req: any) => sql.raw('SELECT * FROM ' + req.query.table);\n`, errors: [{ line: 2, column: 40, messageId: 'injection' }] },
  { name: 'Kysely: sql.id with request input', code: `import { sql } from 'kysely';\nexport const f = (req: any) => sql\`SELECT \${sql.id(req.query.column)} FROM users\`;\n`, errors: [{ line: 2, column: 52, messageId: 'identifierInjection' }] },
  { name: 'postgres: sql.unsafe with a template', code: `import postgres from 'postgres';\nconst sql = postgres();\nexport const f = (table: string) => sql.unsafe(\`SELECT * FROM \${table}\`);\n`, errors: [{ line: 3, column: 48, messageId: 'identifierFromStrings', severity: 'warning' }] },
  // Names, not values (PostgreSQL's parser rejects `$1` there, or it would sort by a constant).
  { name: 'pg: a table name and a sort column pasted into the text', code: `import { Pool } from 'pg';\nconst pool = new Pool();\nexport function f(table: string, column: string) {\n  pool.query('TRUNCATE ' + table);\n  return pool.query(\`SELECT * FROM users ORDER BY \${column} DESC\`);\n}\n`, errors: [{ line: 4, column: 14, messageId: 'identifierFromStrings', severity: 'warning' }, { line: 5, column: 21, messageId: 'identifierFromStrings', severity: 'warning' }] },
  // mysql2, better-sqlite3, MikroORM, Sequelize
  { name: 'mysql2: query with a template', code: `import mysql from 'mysql2/promise';\nexport async function f(id: string) {\n  const conn = await mysql.createConnection({});\n  return conn.query(\`SELECT * FROM users WHERE id = \${id}\`);\n}\n`, errors: [{ line: 4, column: 21, messageId: 'builtFromStrings', severity: 'warning' }] },
  { name: 'better-sqlite3: exec with a concatenation', code: `import Database from 'better-sqlite3';\nconst db = new Database(':memory:');\nexport const f = (req: any) => db.exec('DELETE FROM users WHERE id = ' + req.body.id);\n`, errors: [{ line: 3, column: 40, messageId: 'injection' }] },
  { name: 'MikroORM: em.execute with a template', code: `import { EntityManager } from '@mikro-orm/core';\nexport const f = (em: EntityManager, name: string) => em.execute(\`SELECT * FROM users WHERE name = '\${name}'\`);\n`, errors: [{ line: 2, column: 66, messageId: 'builtFromStrings', severity: 'warning' }] },
  { name: 'Sequelize: query and literal with concatenations', code: `import { Sequelize } from 'sequelize';\nconst sequelize = new Sequelize('postgres://');\nexport function f(req: any) {\n  sequelize.query('SELECT * FROM users WHERE name = ' + req.body.name);\n  return Sequelize.literal('(SELECT count(*) FROM orders WHERE user_id = ' + req.params.id + ')');\n}\n`, errors: [{ line: 4, column: 19, messageId: 'injection' }, { line: 5, column: 28, messageId: 'injection' }] },
  { name: 'a caller of a query wrapper in another file', code: {
    'src/case.ts': `import { Db } from './db';\nexport class Users {\n  constructor(private readonly db: Db) {}\n  byName(req: any) {\n    return this.db.run("SELECT * FROM users WHERE name = '" + req.body.name + "'");\n  }\n}\n`,
    'src/db.ts': `import { Pool } from 'pg';\nexport class Db {\n  private pool = new Pool();\n  run(sql: string, values: unknown[] = []) { return this.pool.query(sql, values); }\n}\n`,
  }, errors: [{ line: 5, column: 24, messageId: 'injection' }] },
  { name: 'MikroORM: raw() with a template', code: `import { raw } from '@mikro-orm/core';\nexport const f = (req: any) => raw(\`lower(name) = '\${req.query.name}'\`);\n`, errors: [{ line: 2, column: 36, messageId: 'injection' }] },
  { name: 'Koa: ctx.request.body into knex.raw', code: `import knex from 'knex';\nconst db = knex({});\nexport async function list(ctx: any) {\n  ctx.body = await db.raw('SELECT * FROM users ORDER BY ' + ctx.request.body.sort);\n}\n`, errors: [{ line: 4, column: 27, messageId: 'injection' }] },
  { name: 'Fastify: request.query by type into pool.query', code: `import { Pool } from 'pg';\nimport type { FastifyRequest } from 'fastify';\nconst pool = new Pool();\nexport function list(request: FastifyRequest<{ Querystring: { q: string } }>) {\n  return pool.query(\`SELECT * FROM users WHERE name = '\${request.query.q}'\`);\n}\n`, errors: [{ line: 5, column: 21, messageId: 'injection' }] },
  { name: 'GraphQL: an @Args value into TypeORM query', code: `import { DataSource } from 'typeorm';\nexport class UsersResolver {\n  constructor(private readonly dataSource: DataSource) {}\n  users(@Args('city') city: string) {\n    return this.dataSource.query(\`SELECT * FROM users WHERE city = '\${city}'\`);\n  }\n}\n`, errors: [{ line: 5, column: 34, messageId: 'injection' }] },
  // Quoted interpolations inside parameterizing templates: a correctness error.
  { name: 'Prisma: INTERVAL and LIKE with quoted interpolations', code: `import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nexport function recent(days: number, term: string) {\n  return prisma.$queryRaw\`\n    SELECT * FROM orders\n    WHERE created_at > now() - INTERVAL '\${days} days' AND note LIKE '%\${term}%'\`;\n}\n`, errors: [{ line: 6, column: 44, messageId: 'quotedInterpolation', severity: 'error' }, { line: 6, column: 74, messageId: 'quotedInterpolation', severity: 'error' }] },
  { name: 'Kysely, slonik and postgres: quoted interpolations', code: `import { sql as k } from 'kysely';\nimport { sql as s } from 'slonik';\nimport postgres from 'postgres';\nconst sql = postgres();\nexport const a = (d: number) => k\`SELECT now() - INTERVAL '\${d} hours'\`;\nexport const b = (t: string) => s.unsafe\`SELECT * FROM t WHERE name LIKE '\${t}%'\`;\nexport const c = (id: string) => sql\`SELECT * FROM t WHERE id = '\${id}'\`;\n`, errors: [{ line: 5, column: 62, messageId: 'quotedInterpolation' }, { line: 6, column: 77, messageId: 'quotedInterpolation' }, { line: 7, column: 68, messageId: 'quotedInterpolation' }] },
  { name: 'Drizzle: a quoted value', code: `import { sql } from 'drizzle-orm';\nexport const f = (id: string) => sql\`SELECT * FROM users WHERE id = '\${id}'\`;\n`, errors: [{ line: 2, column: 72, messageId: 'quotedInterpolation' }] },
];

checkTester(stringBuiltSql).run({ valid, invalid });

describe('string-built-sql messages', () => {
  it('names the source, the sink and the variable, points at each step and rewrites the call', async () => {
    const code = `import { Pool } from 'pg';
const pool = new Pool();
export function search(req: any) {
  const where = "name = '" + req.query.q + "'";
  const sql = 'SELECT * FROM users WHERE ' + where;
  return pool.query(sql);
}
`;
    const [finding] = await runCheckOn(stringBuiltSql, { code });
    expect(finding.message).toBe(
      'SQL injection: `req.query.q` (request input) reaches `pool.query` through `sql` on line 5 as SQL text, so a client can rewrite the query (pg sends this string unescaped). Fix: put `$1`, `$2`… in the text and pass the values as the second argument: `pool.query(\'… WHERE name = $1\', [name])`.',
    );
    expect(finding.suggestion).toBe("pool.query('SELECT * FROM users WHERE name = $1', [req.query.q])");
    expect(finding.related?.map((r) => [r.line, r.message])).toEqual([
      [4, '`req.query.q` (request input) comes from here'],
      [4, '`where` is built here'],
      [5, '`sql` is built here'],
    ]);
  });

  it('follows a NestJS @Query parameter into a repository and binds the local name in the rewrite', async () => {
    const code = {
      'src/repo.ts': `export class Repo {\n  constructor(private readonly prisma: any) {}\n  search(term: string) {\n    return this.prisma.$queryRawUnsafe(\`SELECT id FROM users WHERE name ILIKE '%\${term}%'\`);\n  }\n}\n`,
      'src/controller.ts': `import { Repo } from './repo';\nexport class Controller {\n  constructor(private readonly repo: Repo) {}\n  search(@Query('q') q: string) {\n    return this.repo.search(q);\n  }\n}\n`,
    };
    const [finding] = await runCheckOn(stringBuiltSql, { code });
    expect(finding.message).toContain('SQL injection: `q` (request input) reaches `prisma.$queryRawUnsafe`');
    expect(finding.suggestion).toBe("prisma.$queryRawUnsafe('SELECT id FROM users WHERE name ILIKE $1', '%' + term + '%')");
    expect(finding.related).toEqual([
      { path: 'src/controller.ts', line: 4, column: 10, message: '`q` (request input) comes from here' },
      { path: 'src/controller.ts', line: 5, column: 12, message: '`q` is passed as `term` here' },
    ]);
  });

  it('gives make_interval and a bound LIKE pattern for quoted interpolations', async () => {
    const code = `import { sql } from 'drizzle-orm';
export const f = (days: number, term: string) =>
  sql\`SELECT * FROM orders WHERE created_at > now() - INTERVAL '\${days} days' AND note ILIKE '%\${term}%'\`;
`;
    const findings = await runCheckOn(stringBuiltSql, { code });
    expect(findings.map((f) => f.message)).toEqual([
      "`${days}` sits inside the quoted SQL literal `'$1 days'` of `sql`: Drizzle sends that text as it is (a string, not a parameter), so the query fails or matches nothing. Fix: write `make_interval(days => ${days})` (or `${days} * INTERVAL '1 day'`) instead of `INTERVAL '$1 days'`.",
      "`${term}` sits inside the quoted SQL literal `'%$2%'` of `sql`: Drizzle sends that text as it is (a string, not a parameter), so the query fails or matches nothing. Fix: bind the whole pattern: `ILIKE ${'%' + term + '%'}`.",
    ]);
    expect(findings.map((f) => f.suggestion)).toEqual(['make_interval(days => ${days})', "${'%' + term + '%'}"]);
  });

  it('rewrites a joined IN list as one array parameter for the library', async () => {
    const pg = `import { Pool } from 'pg';\nconst pool = new Pool();\nexport const f = (ids: string[]) => pool.query('SELECT * FROM users WHERE id IN (' + ids.join(',') + ')');\n`;
    const [finding] = await runCheckOn(stringBuiltSql, { code: pg });
    expect(finding.message).toContain("Fix: pass the array as one parameter: `pool.query('… WHERE id = ANY($1)', [ids])`.");
    expect(finding.suggestion).toBe("pool.query('SELECT * FROM users WHERE id = ANY($1)', [ids])");
    const knex = `import knex from 'knex';\nconst db = knex({});\nexport const f = (ids: number[]) => db('users').whereRaw(\`id IN (\${ids.join(', ')})\`);\n`;
    const [knexFinding] = await runCheckOn(stringBuiltSql, { code: knex });
    expect(knexFinding.message).toContain("Fix: use `.whereIn('id', ids)` instead of a raw IN list.");
  });

  it('names the value inside a quoted literal before a name pasted next to it', async () => {
    const code = `import knex from 'knex';\nconst db = knex({});\nexport function f(alias: string, filter: object) {\n  return db('t').whereRaw(\`\${alias}.data @> '\${JSON.stringify(filter)}'::jsonb\`);\n}\n`;
    const [finding] = await runCheckOn(stringBuiltSql, { code });
    expect(finding.message).toContain('SQL built from strings: `JSON.stringify(filter)` (a run-time value) is pasted into the SQL text of `db(\'t\').whereRaw`');
  });

  it('reports other dynamic values as warnings that can be turned off', async () => {
    const code = `import { Pool } from 'pg';\nconst pool = new Pool();\nexport const f = (name: string) => pool.query("SELECT 1 WHERE n = '" + name + "'");\n`;
    expect(summarize(await runCheckOn(stringBuiltSql, { code }))).toEqual([{ line: 3, column: 47, messageId: 'builtFromStrings', severity: 'warning' }]);
    expect(await runCheckOn(stringBuiltSql, { code, options: { dynamicSeverity: 'off' } })).toEqual([]);
  });

  it('takes sinks added in .plumbline.yml', async () => {
    const code = `export const f = (db: any, name: string) => db.rawSql("SELECT 1 WHERE n = '" + name + "'");\n`;
    expect(await runCheckOn(stringBuiltSql, { code })).toEqual([]);
    const catalog = { 'sql-sinks': [{ id: 'acme.raw', library: 'acme-db', methods: ['rawSql'], receivers: ['db'], placeholder: 'dollar', rewrite: 'use db.sql`…`' }] };
    expect(summarize(await runCheckOn(stringBuiltSql, { code, catalog }))).toEqual([{ line: 1, column: 55, messageId: 'builtFromStrings', severity: 'warning' }]);
  });
});
