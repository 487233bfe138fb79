import { describe, expect, it } from 'vitest';
import { Node, Project } from 'ts-morph';
import path from 'node:path';
import { compilerOptions } from '../../test/support/check-harness.js';
import { loadCatalog } from '../core/catalog.js';
import { stringPieces, valueOrigin } from './value-origin.js';

const catalog = loadCatalog();
let counter = 0;

/** The argument of the call `sink(…)` in the first file. */
function sinkArgument(files: string | Record<string, string>): Node {
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions, skipAddingFilesFromTsConfig: true });
  const root = `/repo/value-origin-${counter++}`;
  const entries = Object.entries(typeof files === 'string' ? { 'a.ts': `declare function sink(x: unknown): void;\n${files}` } : files);
  const [first] = entries.map(([name, text]) => project.createSourceFile(path.posix.join(root, name), text));
  const call = first.getDescendants().find((n) => Node.isCallExpression(n) && n.getExpression().getText() === 'sink');
  if (!call || !Node.isCallExpression(call)) throw new Error('no sink() call');
  return call.getArguments()[0];
}

const kindOf = (code: string | Record<string, string>) => valueOrigin(sinkArgument(code), catalog).kind;

describe('valueOrigin: constant', () => {
  it.each([
    ['a literal', `sink('SELECT 1');`],
    ['a template of constants', `const T = 'users';\nsink(\`SELECT * FROM \${T}\`);`],
    ['a += chain of constants', `let s = 'SELECT *';\ns += ' FROM users';\nif (Math.random()) s += ' WHERE active';\nsink(s);`],
    ['a string-literal union parameter', `function f(col: 'name' | 'price') { sink('ORDER BY ' + col); }`],
    ['a key typed keyof typeof a const map', `const COLUMNS = { name: 'u.name', price: 'p.price' } as const;\nfunction f(key: keyof typeof COLUMNS) { sink('ORDER BY ' + COLUMNS[key]); }`],
    ['a value of a const map looked up with any key', `const DIRS = { asc: 'ASC', desc: 'DESC' };\nfunction f(d: string) { sink('ORDER BY id ' + DIRS[d as 'asc']); }`],
    ['placeholder numbers', `function f(params: unknown[]) { params.push(1); sink(\`id = $\${params.length}\`); }`],
    ['a dynamic placeholder list', `function f(ids: string[]) { sink(\`id IN (\${ids.map((_, i) => '$' + (i + 1)).join(', ')})\`); }`],
    ['a joined array of constants with pushes', `const where = ['a = $1'];\nif (Math.random()) where.push('b = $2');\nsink('SELECT 1 WHERE ' + where.join(' AND '));`],
    ['a constant helper function', `function table(kind: 'a' | 'b') { return kind === 'a' ? 'alpha' : 'beta'; }\nsink('SELECT * FROM ' + table('a'));`],
    ['a conditional between constants', `function f(desc: boolean) { sink('ORDER BY id ' + (desc ? 'DESC' : 'ASC')); }`],
    ['an enum member', `enum T { Users = 'users' }\nsink('SELECT * FROM ' + T.Users);`],
    ['a string method on a constant', `sink('select 1'.toUpperCase());`],
    ['a readonly field built from constants', `const SCHEMA = 'shop';\nclass R { private readonly table = \`\${SCHEMA}.orders\`; f() { sink('SELECT * FROM ' + this.table); } }`],
  ])('%s', (_name, code) => {
    expect(kindOf(code)).toBe('constant');
  });

  it('follows constants imported from another file, including properties of a const object', () => {
    const files = {
      'a.ts': `import { TABLE, T } from './tables';\ndeclare function sink(x: unknown): void;\nsink('SELECT * FROM ' + TABLE + ' JOIN ' + T.items);`,
      'tables.ts': `export const TABLE = 'orders';\nexport const T = { items: 'order_items' } as const;`,
    };
    const pieces = stringPieces(sinkArgument(files), catalog);
    expect(pieces.map((p) => p.text).join('')).toBe('SELECT * FROM orders JOIN order_items');
  });
});

describe('valueOrigin: request input', () => {
  it('Express: req.query through a += chain', () => {
    const origin = valueOrigin(sinkArgument(`app.get('/', (req: any) => {
  let sql = 'SELECT * FROM users';
  sql += " WHERE name = '" + req.query.name + "'";
  sink(sql);
});`), catalog);
    expect(origin.kind).toBe('request-input');
    expect(origin.piece.description).toBe('`req.query.name` (request input)');
    expect(origin.piece.steps.map((s) => [s.node.getStartLineNumber(), s.message])).toEqual([[4, '`sql` is extended here']]);
  });

  it('NestJS: a @Query parameter passed to a repository in another file', () => {
    const files = {
      'repo.ts': `declare function sink(x: unknown): void;
export class Repo {
  search(term: string) {
    const where = \`name ILIKE '%\${term}%'\`;
    return sink('SELECT * FROM users WHERE ' + where);
  }
}`,
      'controller.ts': `import { Repo } from './repo';
export class Controller {
  constructor(private readonly repo: Repo) {}
  search(@Query('q') q: string) { return this.repo.search(q); }
}`,
    };
    const origin = valueOrigin(sinkArgument(files), catalog);
    expect(origin.kind).toBe('request-input');
    expect(origin.piece.description).toBe('`q` (request input)');
    expect(origin.piece.steps.map((s) => s.message)).toEqual(['`q` is passed as `term` here', '`where` is built here']);
  });

  it('through a helper function and destructuring', () => {
    const code = `function filter(column: string, value: string) { return column + " = '" + value + "'"; }
function handler(req: any) { const { id } = req.params; sink('SELECT 1 WHERE ' + filter('id', id)); }`;
    const origin = valueOrigin(sinkArgument(code), catalog);
    expect(origin.kind).toBe('request-input');
    expect(origin.piece.description).toBe('`req.params.id` (request input)');
  });

  it('a cast does not make request input constant', () => {
    expect(kindOf(`function h(req: any) { const col = req.query.sort as 'name' | 'price'; sink('ORDER BY ' + col); }`)).toBe('request-input');
  });
});

describe('valueOrigin: other dynamic', () => {
  it.each([
    ['a string parameter nobody passes request input to', `function f(name: string) { sink("name = '" + name + "'"); }`],
    ['a number that is not a placeholder number', `function f(limit: number) { sink('LIMIT ' + limit); }`],
    ['an array joined from parameters', `function f(cols: string[]) { sink('SELECT ' + cols.join(', ')); }`],
    ['a field that is not readonly', `class R { table = 'orders'; f() { sink('SELECT * FROM ' + this.table); } }`],
    ['a conditional with a dynamic branch', `function f(a: boolean, s: string) { sink('x ' + (a ? s : 'b')); }`],
  ])('%s', (_name, code) => {
    expect(kindOf(code)).toBe('dynamic');
  });
});

describe('valueOrigin: trusted (known at run time, cannot carry outside input)', () => {
  const trustOf = (code: string | Record<string, string>) => {
    const origin = valueOrigin(sinkArgument(code), catalog);
    return [origin.kind, origin.piece.trust];
  };
  it.each([
    // Operator configuration: the environment, the command line, a config service.
    ['config', 'process.env', `sink(\`SET search_path TO "\${process.env.DB_SCHEMA}"\`);`],
    ['config', 'a value derived from process.env through a helper', `function getSchema() { const url = new URL(process.env.DATABASE_URL!); return url.searchParams.get('schema'); }\nconst schema = getSchema();\nsink(\`SET search_path TO "\${schema}"\`);`],
    ['config', 'process.argv', `const [, , database] = process.argv;\nsink('CREATE DATABASE "' + process.argv[2] + '"');`],
    ['config', 'a NestJS ConfigService value', `class R { constructor(private readonly configService: any) {} f() { sink('SET search_path TO ' + this.configService.get('DB_SCHEMA')); } }`],
    // Values the code generates.
    ['generated', 'a random suffix and a timestamp', `import { randomBytes } from 'node:crypto';\nconst id = randomBytes(4).toString('hex');\nconst day = new Date().toISOString().slice(0, 10).replace(/-/g, '');\nsink(\`CREATE TABLE work_\${day}_\${id} (id int)\`);`],
    ['generated', 'a private field set only from generated values', `import { randomUUID } from 'node:crypto';\nclass Task { private table = ''; run() { this.table = \`work_\${randomUUID().replace(/-/g, '')}\`; sink('DROP TABLE ' + this.table); } }`],
    // SQL compiled by a query builder: its values are bound or escaped by the builder.
    ['compiled', 'a compiled sub-query', `function f(manager: any) { const sub = manager.qb('Order').select('version').getKnexQuery().toString(); sink(\`(\${sub})\`); }`],
    // Checked before use on every path.
    ['validated', 'a validator that throws', `declare function isISO8601Duration(s: string): boolean;\nexport function since(duration: string) {\n  if (!isISO8601Duration(duration)) throw new Error('bad');\n  const magnitude = duration.startsWith('-') ? duration.slice(1) : duration;\n  sink(\`now() - interval '\${magnitude}'\`);\n}`],
    ['validated', 'an allow-list includes with return', `const SORTS = ['name', 'price'];\nexport function list(req: any) {\n  const sort = req.query.sort;\n  if (!SORTS.includes(sort)) return;\n  sink('ORDER BY ' + sort);\n}`],
    ['validated', 'a regex test guarding the branch', `export function drop(name: string) { if (/^[a-z_]+$/.test(name)) { sink('DROP TABLE ' + name); } }`],
    ['validated', 'an assertion function', `declare function assertIdentifier(s: string): void;\nexport function drop(name: string) { assertIdentifier(name); sink('DROP TABLE ' + name); }`],
    // Names of existing objects read from PostgreSQL's catalog.
    ['catalog', 'a table name destructured from pg_tables rows', `async function f(db: any) {\n  const tables = await db.query("SELECT tablename FROM pg_tables WHERE tablename LIKE 'work_%'");\n  for (const { tablename } of tables) sink(\`DROP TABLE IF EXISTS "\${tablename}"\`);\n}`],
    ['catalog', 'information_schema columns of a row', `function f(rows: any[]) { rows.map((row) => sink(\`SELECT * FROM \${row.table_schema}.\${row.table_name}\`)); }`],
    // A parameter every caller passes a constant or trusted value to.
    ['callers', 'a parameter whose callers pass constants and configuration', `function drop(table: string) { sink('DROP TABLE ' + table); }\ndrop('a');\ndrop(process.env.TABLE!);`],
  ])('%s: %s', (trust, _name, code) => {
    expect(trustOf(code)).toEqual(['trusted', trust]);
  });

  it.each([
    ['the element of a constant list iterated with map', `const SCHEMAS = ['cloud', 'public'];\nsink(\`IN (\${SCHEMAS.map((s) => \`'\${s}'\`).join(', ')})\`);`],
    ['the variable of a for-of over a constant list', `const TABLES = ['a', 'b'];\nfor (const t of TABLES) sink('TRUNCATE ' + t);`],
  ])('constant: %s', (_name, code) => {
    expect(kindOf(code)).toBe('constant');
  });

  it.each([
    // A check on another value, or a branch that does not exit, validates nothing.
    ['a guard on another value', `declare function isValid(s: string): boolean;\nexport function f(a: string, b: string) { if (!isValid(a)) throw new Error(); sink('x ' + b); }`],
    ['a guard whose branch does not exit', `declare function isValid(s: string): boolean;\nexport function f(a: string) { if (!isValid(a)) console.log('bad'); sink('x ' + a); }`],
    ['the other branch of a check', `export function f(a: string) { if (/^\\w+$/.test(a)) return; sink('x ' + a); }`],
    ['a public field (anyone may set it)', `import { randomUUID } from 'node:crypto';\nclass T { table = ''; run() { this.table = randomUUID(); sink('DROP TABLE ' + this.table); } }`],
    ['a private field also set from a parameter', `class T { private table = ''; set(t: string) { this.table = t; } run() { sink('DROP TABLE ' + this.table); } }`],
    ['a parameter one caller passes a parameter to', `function drop(table: string) { sink('DROP TABLE ' + table); }\ndrop('a');\nexport const g = (t: string) => drop(t);`],
    ['a library call on an unknown value', `export function f(u: string) { sink('x ' + new URL(u).searchParams.get('q')); }`],
  ])('dynamic: %s', (_name, code) => {
    expect(kindOf(code)).toBe('dynamic');
  });

  it('request input stays request input when one caller passes it', () => {
    expect(kindOf(`function drop(table: string) { sink('DROP TABLE ' + table); }\ndrop('a');\nexport const h = (req: any) => drop(req.body.t);`)).toBe('request-input');
  });

  it('a catalog column name on request input is request input', () => {
    expect(kindOf(`function h(req: any) { sink('DROP TABLE ' + req.body.table_name); }`)).toBe('request-input');
    expect(kindOf(`function h(req: any) { const { tablename } = req.query; sink('DROP TABLE ' + tablename); }`)).toBe('request-input');
  });

  it('a private field set from request input is request input', () => {
    expect(kindOf(`class T { private table = ''; set(req: any) { this.table = req.query.t; } run() { sink('DROP TABLE ' + this.table); } }`)).toBe('request-input');
  });
});
