import { describe, expect, it } from 'vitest';
import { fixCase } from '../../../test/support/check-fixes.js';
import stringBuiltSql from './index.js';

const PG = { 'node_modules/pg/index.d.ts': 'export class Pool { query(text: string, values?: unknown[]): Promise<unknown> }\n' };
const MYSQL = { 'node_modules/mysql2/promise.d.ts': 'export interface Connection { execute(sql: string, values?: unknown[]): Promise<unknown> }\ndeclare const mysql: { createConnection(o: object): Promise<Connection> };\nexport default mysql;\n' };
const pg = (body: string) => `import { Pool } from 'pg';\nconst pool = new Pool();\n${body}`;

describe('string-built-sql fix: values as parameters', () => {
  it('pg: a value pasted into a quoted literal becomes $1 and a values array; not safe; still type-checks', async () => {
    const code = pg("export function byEmail(email: string) {\n  return pool.query(\"SELECT * FROM users WHERE email = '\" + email + \"'\");\n}\n");
    const { findings, output, diagnostics } = await fixCase(stringBuiltSql, code, PG);
    expect(findings[0].fix).toMatchObject({ safe: false, description: 'Send the value as parameters of `pool.query` instead of SQL text.' });
    expect(output).toBe(pg("export function byEmail(email: string) {\n  return pool.query('SELECT * FROM users WHERE email = $1', [email]);\n}\n"));
    expect(diagnostics).toEqual([]);
  });

  it('pg: a template literal with two values, a LIKE pattern bound whole', async () => {
    const code = pg('export function search(name: string, city: string) {\n  return pool.query(`SELECT * FROM users WHERE name LIKE \'%${name}%\' AND city = \'${city}\'`);\n}\n');
    const { output, diagnostics } = await fixCase(stringBuiltSql, code, PG);
    expect(output).toContain("return pool.query('SELECT * FROM users WHERE name LIKE $1 AND city = $2', ['%' + name + '%', city]);");
    expect(diagnostics).toEqual([]);
  });

  it('mysql2: ? placeholders', async () => {
    const code = "import mysql from 'mysql2/promise';\nexport async function f(id: string) {\n  const conn = await mysql.createConnection({});\n  return conn.execute(`SELECT * FROM users WHERE id = '${id}'`);\n}\n";
    const { output, diagnostics } = await fixCase(stringBuiltSql, code, MYSQL);
    expect(output).toContain("return conn.execute('SELECT * FROM users WHERE id = ?', [id]);");
    expect(diagnostics).toEqual([]);
  });

  it('no fix for a name (ORDER BY), for SQL built in a variable, or when a values array follows', async () => {
    const cases = [
      pg('export function list(sort: string) {\n  return pool.query(`SELECT * FROM users ORDER BY ${sort}`);\n}\n'),
      pg("export function byEmail(email: string) {\n  const sql = \"SELECT * FROM users WHERE email = '\" + email + \"'\";\n  return pool.query(sql);\n}\n"),
      pg("export function f(email: string, id: string) {\n  return pool.query(\"SELECT * FROM users WHERE id = $1 AND email = '\" + email + \"'\", [id]);\n}\n"),
    ];
    for (const code of cases) {
      const { findings } = await fixCase(stringBuiltSql, code, PG);
      expect(findings.length, code).toBeGreaterThan(0);
      expect(findings.map((f) => f.fix), code).toEqual(findings.map(() => undefined));
    }
  });
});

describe('string-built-sql fix: only where the driver takes the values after the SQL', () => {
  it('no fix for better-sqlite3 prepare(), which binds values on the statement later', async () => {
    const code = "import Database from 'better-sqlite3';\nconst db = new Database('x.db');\nexport function byEmail(email: string) {\n  return db.prepare(\"SELECT * FROM users WHERE email = '\" + email + \"'\");\n}\n";
    const { findings } = await fixCase(stringBuiltSql, code, { 'node_modules/better-sqlite3/index.d.ts': 'declare class Database { constructor(f: string); prepare(sql: string): unknown }\nexport default Database;\n' });
    expect(findings.map((f) => [f.messageId, f.fix])).toEqual([['builtFromStrings', undefined]]);
  });
});

describe('string-built-sql fix: a quoted interpolation in a parameterizing template', () => {
  const PRISMA = { 'node_modules/@prisma/client/index.d.ts': 'export class PrismaClient { $queryRaw(strings: TemplateStringsArray, ...values: unknown[]): Promise<unknown> }\n' };

  it('binds the value where it was pasted into a quoted literal (a LIKE pattern whole); not safe; INTERVAL gets none', async () => {
    const code = "import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nexport function search(days: number, term: string, id: string) {\n  return prisma.$queryRaw`SELECT * FROM orders WHERE created_at > now() - INTERVAL '${days} days' AND note LIKE '%${term}%' AND id = '${id}'`;\n}\n";
    const { findings, output, diagnostics } = await fixCase(stringBuiltSql, code, PRISMA);
    expect(findings.map((f) => [f.messageId, f.fix?.safe])).toEqual([['quotedInterpolation', undefined], ['quotedInterpolation', false], ['quotedInterpolation', false]]);
    expect(output).toContain("prisma.$queryRaw`SELECT * FROM orders WHERE created_at > now() - INTERVAL '${days} days' AND note LIKE ${'%' + term + '%'} AND id = ${id}`;");
    expect(diagnostics).toEqual([]);
  });
});
