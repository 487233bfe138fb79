import { beforeAll, describe, expect, it } from 'vitest';
import { Project } from 'ts-morph';
import path from 'node:path';
import { TYPED_FIXTURES, compilerOptions } from '../../test/support/check-harness.js';
import { loadCatalog } from '../core/catalog.js';
import { findSqlQueries, loadSqlParser, parametersInStringConstants, parametersOutsideValues } from './sql-text.js';

const catalog = loadCatalog();
let counter = 0;

function queriesOf(files: string | Record<string, string>, types = false) {
  const project = new Project({ useInMemoryFileSystem: !types, compilerOptions, skipAddingFilesFromTsConfig: true });
  const root = path.join(types ? TYPED_FIXTURES : '/repo', 'cases', `sql-text-${process.pid}-${counter++}`);
  const entries = Object.entries(typeof files === 'string' ? { 'case.ts': files } : files);
  const sourceFiles = entries.map(([name, text]) => project.createSourceFile(path.join(root, name), text));
  project.resolveSourceFileDependencies();
  return findSqlQueries(sourceFiles[0], catalog);
}

beforeAll(loadSqlParser);

describe('findSqlQueries', () => {
  it('folds a pg query built from constants and a bound value', () => {
    const [query] = queriesOf(`import { Pool } from 'pg';
const pool = new Pool();
const TABLE = 'orders';
export function byUser(userId: string) {
  return pool.query('SELECT * FROM ' + TABLE + ' WHERE user_id = $1', [userId]);
}`);
    expect(query).toMatchObject({ kind: 'raw-call', library: 'pg', callee: 'pool.query', line: 5, how: 'shape' });
    expect(query.sql).toMatchObject({ text: 'SELECT * FROM orders WHERE user_id = $1', complete: true, placeholderStyle: 'dollar' });
    expect(query.sql.parameters.map((p) => [p.index, p.text])).toEqual([[1, 'userId']]);
  });

  it('turns dynamic pieces of a raw string into the next parameters', () => {
    const [query] = queriesOf(`import { Pool } from 'pg';
declare const pool: Pool;
export function search(name: string, limit: number) {
  let sql = "SELECT id FROM users WHERE status = $1";
  sql += " AND name = '" + name + "'";
  return pool.query(sql + ' LIMIT ' + limit, ['active']);
}`, true);
    expect(query.how).toBe('type');
    expect(query.sql.text).toBe("SELECT id FROM users WHERE status = $1 AND name = '$2' LIMIT $3");
    expect(query.sql.parameters.map((p) => [p.index, p.text])).toEqual([[1, "'active'"], [2, 'name'], [3, 'limit']]);
    expect(parametersInStringConstants(query.sql).map((q) => q.parameter.index)).toEqual([2]);
  });

  it('numbers the interpolations of a tagged template and inlines nested fragments and raw parts', () => {
    const [fragment, query, ...rest] = queriesOf(`import { Prisma, PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export function activity(userId: string, days: number) {
  const recent = Prisma.sql\`AND o.created_at > now() - \${days} * INTERVAL '1 day'\`;
  return prisma.$queryRaw\`SELECT * FROM orders o WHERE o.user_id = \${userId} \${recent} ORDER BY \${Prisma.raw('o.id')} DESC\`;
}`);
    expect(fragment).toMatchObject({ callee: 'Prisma.sql', fragment: true });
    expect(rest.map((q) => q.callee)).toEqual([]);
    expect(query).toMatchObject({ kind: 'tagged-template', library: 'Prisma', callee: 'prisma.$queryRaw' });
    expect(query.sql.text).toBe("SELECT * FROM orders o WHERE o.user_id = $1 AND o.created_at > now() - $2 * INTERVAL '1 day' ORDER BY o.id DESC");
    expect(query.sql.parameters.map((p) => p.text)).toEqual(['userId', 'days']);
  });

  it('converts ? placeholders of mysql2 and knex to $n bound to their values', () => {
    const [query] = queriesOf(`import mysql from 'mysql2/promise';
export async function f(conn: mysql.Connection, id: number, tag: string) {
  return conn.execute("SELECT * FROM t WHERE id = ? AND tag = '?' AND x = ?", [id, tag]);
}`, true);
    expect(query).toMatchObject({ library: "mysql2", how: "shape" });
    expect(query.sql.text).toBe("SELECT * FROM t WHERE id = $1 AND tag = '?' AND x = $2");
    expect(query.sql.parameters.map((p) => p.text)).toEqual(['id', 'tag']);
  });

  it('finds the quoted interpolation of a tagged template with the PostgreSQL scanner', () => {
    const [query] = queriesOf(`import { sql } from 'drizzle-orm';
export const q = (days: number, term: string) => sql\`SELECT * FROM t WHERE created_at > now() - INTERVAL '\${days} days' AND name LIKE '%\${term}%' AND id = \${1}\`;`);
    expect(query.sql.text).toBe("SELECT * FROM t WHERE created_at > now() - INTERVAL '$1 days' AND name LIKE '%$2%' AND id = $3");
    expect(parametersInStringConstants(query.sql).map((q) => [q.parameter.text, q.constant])).toEqual([
      ['days', "'$1 days'"],
      ['term', "'%$2%'"],
    ]);
  });

  it('follows a placeholder list built with map and join', () => {
    const [query] = queriesOf(`import { Pool } from 'pg';
declare const pool: Pool;
export function byIds(ids: string[]) {
  const placeholders = ids.map((_, i) => \`$\${i + 1}\`).join(', ');
  return pool.query(\`SELECT * FROM users WHERE id IN (\${placeholders})\`, ids);
}`);
    expect(query.sql.pieces.every((p) => p.kind === 'constant')).toBe(true);
    expect(query.sql.text).toBe('SELECT * FROM users WHERE id IN ($1)');
    expect(query.sql.complete).toBe(false);
  });

  it('lists the call of a query wrapper with the caller\'s text, not the wrapper\'s own call', () => {
    const queries = queriesOf(`import { Pool } from 'pg';
const pool = new Pool();
function run(sql: string, values: unknown[] = []) { return pool.query(sql, values); }
export const byId = (id: string) => run('SELECT * FROM users WHERE id = $1', [id]);
`);
    expect(queries.map((q) => [q.callee, q.line, q.sql.text])).toEqual([['run', 4, 'SELECT * FROM users WHERE id = $1']]);
  });

  it('finds the example service\'s incident query through an injected PrismaService, without types', () => {
    const [query] = queriesOf({
      'report.repository.ts': `import { Injectable } from '@nestjs/common';
import { PrismaService } from './prisma.service';
@Injectable()
export class ReportRepository {
  constructor(private readonly prisma: PrismaService) {}
  async recentOrders(limit: number) {
    return this.prisma.$queryRaw\`
      SELECT o.id, u.email FROM orders o
      LEFT JOIN users u ON u.id = o.user_id
      ORDER BY o.created_at DESC
      LIMIT \${limit}\`;
  }
}`,
      'prisma.service.ts': `import { PrismaClient } from '@prisma/client';\nexport class PrismaService extends PrismaClient {}\n`,
    });
    expect(query).toMatchObject({ kind: 'tagged-template', fragment: false, library: 'Prisma', callee: 'prisma.$queryRaw', line: 7, how: 'shape' });
    expect(query.sql.text.replace(/\s+/g, ' ').trim()).toBe('SELECT o.id, u.email FROM orders o LEFT JOIN users u ON u.id = o.user_id ORDER BY o.created_at DESC LIMIT $1');
    expect(query.sql).toMatchObject({ complete: true, dynamicText: false });
  });

  it('tells names from values with the PostgreSQL parser', () => {
    const [ddl, sort, value] = queriesOf(`import { Pool } from 'pg';
const pool = new Pool();
export function f(table: string, column: string, name: string) {
  pool.query('ALTER TABLE ' + table + ' DROP CONSTRAINT ' + name);
  pool.query('SELECT * FROM users ORDER BY ' + column + ' DESC');
  return pool.query("SELECT * FROM users WHERE name = " + name);
}`);
    expect(parametersOutsideValues(ddl.sql).map((p) => p.text)).toEqual(['table', 'name']);
    expect(parametersOutsideValues(sort.sql).map((p) => p.text)).toEqual(['column']);
    expect(parametersOutsideValues(value.sql)).toEqual([]);
    expect(value.sql).toMatchObject({ text: 'SELECT * FROM users WHERE name = $1', dynamicText: true });
  });
});
