/**
 * A pull request in a small monorepo (npm workspaces, a tsconfig per package, `paths`, generic
 * folders `src/base` and `src/table`, a React app next to the API) that exercises every way a finding
 * reaches a review: in a changed file (silent failure, rethrow without cause, SQL built from strings),
 * from an unchanged importer into a changed line (an N+1 whose query the PR edited, a caller passing a
 * password to the logging wrapper the PR edited), and in unchanged files only (never reported).
 */
const tsconfig = (extra: object = {}) => JSON.stringify({ extends: '../../tsconfig.base.json', compilerOptions: { outDir: 'dist', ...extra }, include: ['src'] });

export const BASE_FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'acme', private: true, workspaces: ['packages/*', 'apps/*'] }),
  'tsconfig.base.json': JSON.stringify({
    compilerOptions: { strict: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', baseUrl: '.', paths: { '@acme/db': ['packages/db/src/index.ts'], '@acme/core': ['packages/core/src/index.ts'] } },
  }),
  'packages/core/package.json': JSON.stringify({ name: '@acme/core', main: 'src/index.ts', dependencies: { pino: '^9.0.0' } }),
  'packages/core/tsconfig.json': tsconfig({ rootDir: 'src' }),
  'packages/core/src/index.ts': "export * from './base/audit.js';\n",
  'packages/core/src/base/audit.ts': [
    "import pino from 'pino';",
    'const logger = pino();',
    'export function audit(message: string, details: object) {',
    '  logger.info({ message });',
    '}',
    '',
  ].join('\n'),
  'packages/db/package.json': JSON.stringify({ name: '@acme/db', main: 'src/index.ts', dependencies: { pg: '^8.0.0' } }),
  'packages/db/tsconfig.json': tsconfig({ rootDir: 'src' }),
  'packages/db/src/index.ts': "export * from './base/index.js';\nexport * from './table/index.js';\n",
  'packages/db/src/base/index.ts': "export * from './pool.js';\n",
  'packages/db/src/base/pool.ts': "import { Pool } from 'pg';\nexport const pool = new Pool();\n",
  'packages/db/src/table/index.ts': "export * from './user.table.js';\n",
  'packages/db/src/table/user.table.ts': [
    "import { pool } from '../base/index.js';",
    'const cache = new Map<string, { id: string; email: string }>();',
    'export async function findUser(id: string) {',
    '  return cache.get(id);',
    '}',
    'export async function findUsers(ids: string[]) {',
    "  const { rows } = await pool.query('SELECT * FROM users WHERE id = ANY($1)', [ids]);",
    '  return rows;',
    '}',
    '',
  ].join('\n'),
  'apps/api/package.json': JSON.stringify({ name: '@acme/api', dependencies: { '@acme/db': 'workspace:*', '@acme/core': 'workspace:*' } }),
  'apps/api/tsconfig.json': tsconfig({ baseUrl: '.', paths: { '@api/*': ['src/*'], '@acme/db': ['../../packages/db/src/index.ts'], '@acme/core': ['../../packages/core/src/index.ts'] } }),
  'apps/api/src/base/controller.ts': 'export abstract class BaseController {\n  ok<T>(body: T) {\n    return { status: 200, body };\n  }\n}\n',
  'apps/api/src/users/user.service.ts': [
    "import { findUser } from '@acme/db';",
    "import { audit } from '@acme/core';",
    'export async function loadOwners(ids: string[]) {',
    '  const owners = [];',
    '  for (const id of ids) {',
    '    owners.push(await findUser(id));',
    '  }',
    '  return owners;',
    '}',
    'export function login(email: string, password: string) {',
    "  audit('login', { email, password });",
    '  loadOwners([email]);',
    '}',
    '',
  ].join('\n'),
  'apps/api/src/users/user.controller.ts': [
    "import { BaseController } from '@api/base/controller.js';",
    "import { loadOwners } from './user.service.js';",
    'export class UserController extends BaseController {',
    '  async list(ids: string[]) {',
    '    return this.ok(await loadOwners(ids));',
    '  }',
    '}',
    '',
  ].join('\n'),
  'apps/worker/package.json': JSON.stringify({ name: '@acme/worker', dependencies: { '@acme/db': 'workspace:*' } }),
  'apps/worker/tsconfig.json': tsconfig({ rootDir: 'src' }),
  'apps/worker/src/table/sync.ts': [
    "import { findUser } from '@acme/db';",
    'export async function sync(ids: string[]) {',
    '  for (const id of ids) await findUser(id);',
    '}',
    '',
  ].join('\n'),
  'apps/web/package.json': JSON.stringify({ name: '@acme/web', dependencies: { react: '^18.0.0' } }),
  'apps/web/tsconfig.json': tsconfig({ jsx: 'react-jsx', module: 'ESNext', moduleResolution: 'Bundler' }),
  'apps/web/src/table/Table.tsx': 'export function Table({ rows }: { rows: string[] }) {\n  return <ul>{rows.map((r) => <li key={r}>{r}</li>)}</ul>;\n}\n',
  'apps/web/src/base/get.ts': "export async function get(path: string) {\n  return (await fetch('/api' + path)).json();\n}\n",
};

export const HEAD_FILES: Record<string, string> = {
  ...BASE_FILES,
  // The wrapper now logs what its callers pass: the unchanged login() passes a password.
  'packages/core/src/base/audit.ts': BASE_FILES['packages/core/src/base/audit.ts'].replace('logger.info({ message });', 'logger.info({ message, details });'),
  // The cached lookup becomes a query: the unchanged loops in the API and the worker are now N+1.
  'packages/db/src/table/user.table.ts': BASE_FILES['packages/db/src/table/user.table.ts']
    .replace('  return cache.get(id);', "  const { rows } = await pool.query('SELECT * FROM users WHERE id = $1', [id]);\n  return rows[0] ?? cache.get(id);")
    .replace(
      'export async function findUsers',
      "export async function findByEmail(email: string) {\n  const { rows } = await pool.query(\"SELECT * FROM users WHERE email = '\" + email + \"'\");\n  return rows;\n}\nexport async function findUsers",
    ),
  'apps/api/src/users/user.controller.ts': [
    "import { BaseController } from '@api/base/controller.js';",
    "import { loadOwners } from './user.service.js';",
    'export class UserController extends BaseController {',
    '  async list(ids: string[]) {',
    '    return this.ok(await loadOwners(ids));',
    '  }',
    '  refresh(ids: string[]) {',
    '    loadOwners(ids);',
    '    try {',
    '      return this.ok(ids.length);',
    '    } catch (error) {',
    "      throw new Error('refresh failed');",
    '    }',
    '  }',
    '}',
    '',
  ].join('\n'),
  'apps/web/src/table/Table.tsx': BASE_FILES['apps/web/src/table/Table.tsx'].replace('<ul>', '<ul className="table">'),
};
