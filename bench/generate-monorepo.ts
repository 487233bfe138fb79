/**
 * Generates a realistic TypeScript monorepo for benchmarks (bench/vs-eslint.ts): npm and pnpm
 * workspaces; shared packages `@acme/core`, `@acme/db` and `@acme/contracts`, a NestJS-style API, a
 * worker and a React frontend, each with its own tsconfig extending a base one with `paths`; imports
 * by workspace package name, by `paths` alias and relative; generic folder names (`src/base`,
 * `src/table`, `src/utils`) in every package. Real patterns for every check: N+1 loops, SQL built from
 * strings, PII in logs, floating promises, empty catches.
 *
 * Git history: `base` (the tag) then two branches off it, `pr-20` and `pr-80`, changing 20 and 80
 * files across the packages (shared code first, as a real refactoring PR does).
 *
 *   npx tsx bench/generate-monorepo.ts <dir> [modules=120]
 *
 * Deterministic: the same arguments always produce the same repository.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { git, write } from './repo-files.js';

export interface MonorepoOptions {
  dir: string;
  /** API modules (controller, service, repository, dto, spec each); the other packages grow with it. */
  modules?: number;
}

export interface GeneratedMonorepo {
  /** Source files written. */
  files: number;
  /** Branch name → the files its commit changes. */
  branches: Record<string, string[]>;
}

const NOUNS = ['user', 'order', 'invoice', 'product', 'payment', 'shipment', 'review', 'coupon', 'account', 'ticket', 'project', 'report', 'table', 'base', 'get'];

export function generateMonorepo({ dir, modules = 120 }: MonorepoOptions): GeneratedMonorepo {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = new Map<string, string>();
  const put = (rel: string, text: string) => files.set(rel, text);

  put('package.json', json({ name: 'acme', private: true, workspaces: ['packages/*', 'apps/*'] }));
  put('pnpm-workspace.yaml', "packages:\n  - 'packages/*'\n  - 'apps/*'\n");
  put('.gitignore', 'node_modules\ndist\n');
  put('tsconfig.base.json', json({
    compilerOptions: {
      target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true,
      experimentalDecorators: true, emitDecoratorMetadata: true, baseUrl: '.',
      paths: { '@acme/core': ['packages/core/src/index.ts'], '@acme/core/*': ['packages/core/src/*'], '@acme/db': ['packages/db/src/index.ts'], '@acme/contracts': ['packages/contracts/src/index.ts'] },
    },
  }));
  for (const [name, dir2] of [['core', 'packages/core'], ['db', 'packages/db'], ['contracts', 'packages/contracts'], ['api', 'apps/api'], ['worker', 'apps/worker'], ['web', 'apps/web']]) {
    put(`${dir2}/package.json`, json({ name: `@acme/${name}`, version: '1.0.0', type: 'module', main: 'src/index.ts', dependencies: depsOf(name) }));
  }
  for (const pkg of ['packages/core', 'packages/db', 'packages/contracts', 'apps/worker']) {
    put(`${pkg}/tsconfig.json`, json({ extends: '../../tsconfig.base.json', compilerOptions: { outDir: 'dist', rootDir: 'src' }, include: ['src/**/*.ts'] }));
  }
  put('apps/api/tsconfig.json', json({
    extends: '../../tsconfig.base.json',
    compilerOptions: { outDir: 'dist', baseUrl: '.', paths: { '@api/*': ['src/*'], '@acme/core': ['../../packages/core/src/index.ts'], '@acme/core/*': ['../../packages/core/src/*'], '@acme/db': ['../../packages/db/src/index.ts'], '@acme/contracts': ['../../packages/contracts/src/index.ts'] } },
    include: ['src/**/*.ts'],
  }));
  put('apps/web/tsconfig.json', json({
    extends: '../../tsconfig.base.json',
    compilerOptions: { jsx: 'react-jsx', lib: ['ES2022', 'DOM'], module: 'ESNext', moduleResolution: 'Bundler', baseUrl: '.', paths: { '@web/*': ['src/*'], '@acme/contracts': ['../../packages/contracts/src/index.ts'] } },
    include: ['src/**/*.ts', 'src/**/*.tsx'],
  }));

  // packages/core: generic folders, re-exported through index files.
  put('packages/core/src/base/base.entity.ts', BASE_ENTITY);
  put('packages/core/src/base/base.service.ts', BASE_SERVICE);
  put('packages/core/src/base/index.ts', "export * from './base.entity.js';\nexport * from './base.service.js';\n");
  put('packages/core/src/table/column.ts', COLUMN);
  put('packages/core/src/table/table.ts', TABLE);
  put('packages/core/src/table/index.ts', "export * from './column.js';\nexport * from './table.js';\n");
  put('packages/core/src/logger/logger.ts', LOGGER);
  put('packages/core/src/logger/index.ts', "export * from './logger.js';\n");
  const utils = Math.max(4, Math.round(modules / 6));
  for (let i = 0; i < utils; i++) put(`packages/core/src/utils/util-${i}.ts`, coreUtil(i));
  put('packages/core/src/utils/index.ts', range(utils).map((i) => `export * from './util-${i}.js';\n`).join(''));
  put('packages/core/src/index.ts', "export * from './base/index.js';\nexport * from './table/index.js';\nexport * from './logger/index.js';\nexport * from './utils/index.js';\n");

  // packages/contracts: DTOs shared by the API and the frontend.
  for (let i = 0; i < modules; i++) put(`packages/contracts/src/${mod(i).name}.dto.ts`, contract(i));
  put('packages/contracts/src/index.ts', range(modules).map((i) => `export * from './${mod(i).name}.dto.js';\n`).join(''));

  // packages/db: the pool, a base repository, one table repository per entity.
  put('packages/db/src/base/pool.ts', POOL);
  put('packages/db/src/base/base.repository.ts', BASE_REPOSITORY);
  put('packages/db/src/base/index.ts', "export * from './pool.js';\nexport * from './base.repository.js';\n");
  for (let i = 0; i < modules; i++) put(`packages/db/src/table/${mod(i).name}.table.ts`, dbTable(i));
  put('packages/db/src/table/index.ts', range(modules).map((i) => `export * from './${mod(i).name}.table.js';\n`).join(''));
  put('packages/db/src/index.ts', "export * from './base/index.js';\nexport * from './table/index.js';\n");

  // apps/api: modules importing each other by `@api/*`, the shared packages by name.
  put('apps/api/src/base/base.controller.ts', BASE_CONTROLLER);
  put('apps/api/src/base/index.ts', "export * from './base.controller.js';\n");
  for (let i = 0; i < modules; i++) {
    const m = mod(i);
    for (const kind of ['controller', 'service', 'repository'] as const) put(`apps/api/src/modules/${m.name}/${m.name}.${kind}.ts`, apiFile(i, kind));
    put(`apps/api/src/modules/${m.name}/index.ts`, `export * from './${m.name}.service.js';\nexport * from './${m.name}.repository.js';\n`);
  }

  // apps/worker: jobs over the db package.
  const jobs = Math.max(4, Math.round(modules / 3));
  for (let i = 0; i < jobs; i++) put(`apps/worker/src/jobs/${mod(i).name}.job.ts`, job(i));
  put('apps/worker/src/base/index.ts', "export const WORKER_CONCURRENCY = 4;\n");

  // apps/web: React components in generic folders, pages per entity.
  put('apps/web/src/base/Button.tsx', BUTTON);
  put('apps/web/src/base/index.ts', "export * from './Button.js';\n");
  put('apps/web/src/table/Table.tsx', WEB_TABLE);
  put('apps/web/src/table/index.ts', "export * from './Table.js';\n");
  put('apps/web/src/api/client.ts', WEB_CLIENT);
  for (let i = 0; i < modules; i++) put(`apps/web/src/pages/${mod(i).name}/${mod(i).pascal}Page.tsx`, page(i));

  for (const [rel, text] of files) write(dir, rel, text);
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'Initial monorepo');
  git(dir, 'tag', 'base');

  const branches: Record<string, string[]> = {};
  for (const size of [20, 80]) {
    const name = `pr-${size}`;
    git(dir, 'checkout', '-q', '-b', name, 'base');
    const changed = pickChanges([...files.keys()], size);
    changed.forEach((rel, i) => writeFileSync(path.join(dir, rel), changeOf(readFileSync(path.join(dir, rel), 'utf8'), rel, i)));
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', `Change ${size} files`);
    branches[name] = changed;
  }
  git(dir, 'checkout', '-q', 'main');
  return { files: [...files.keys()].filter((f) => /\.tsx?$/.test(f)).length, branches };
}

/** Shared code first (generic base/table files everything imports), then a spread over every package. */
function pickChanges(all: string[], count: number): string[] {
  const sources = all.filter((f) => /\.tsx?$/.test(f) && !f.endsWith('index.ts'));
  const first = ['packages/core/src/base/base.service.ts', 'packages/core/src/table/table.ts', 'packages/db/src/base/base.repository.ts', 'apps/web/src/table/Table.tsx'];
  const rest = sources.filter((f) => !first.includes(f));
  const step = rest.length / (count - first.length);
  return [...first, ...range(count - first.length).map((i) => rest[Math.floor(i * step)])];
}

/** The PR's edit: a new function with the patterns the checks look for, in every other file. */
function changeOf(text: string, rel: string, i: number): string {
  if (rel.endsWith('.service.ts') && i % 2 === 0) {
    const end = text.lastIndexOf('}');
    return `${text.slice(0, end)}
  async touchAll(ids: string[]) {
    for (const id of ids) {
      await this.repository.findById(id);
    }
    this.logger.info('touched', { ids, email: this.currentEmail });
  }
${text.slice(end)}`;
  }
  if (rel.endsWith('.repository.ts') || rel.endsWith('.table.ts')) {
    const end = text.lastIndexOf('}');
    return `${text.slice(0, end)}
  async findByName(name: string) {
    const { rows } = await this.pool.query("SELECT * FROM " + this.tableName + " WHERE name = '" + name + "'");
    return rows;
  }
${text.slice(end)}`;
  }
  return `${text}\n// changed by the pull request (${i})\nexport const revision${i} = ${i};\n`;
}

interface Mod {
  index: number;
  name: string;
  pascal: string;
  camel: string;
}

function mod(i: number): Mod {
  const noun = NOUNS[i % NOUNS.length];
  return { index: i, name: `${noun}-${i}`, pascal: `${noun[0].toUpperCase()}${noun.slice(1)}${i}`, camel: `${noun}${i}` };
}

function depsOf(name: string): Record<string, string> {
  const internal: Record<string, string[]> = { db: ['core'], api: ['core', 'db', 'contracts'], worker: ['core', 'db'], web: ['contracts'] };
  const external: Record<string, Record<string, string>> = { db: { pg: '^8.0.0' }, api: { '@nestjs/common': '^10.0.0' }, web: { react: '^18.0.0' }, core: { pino: '^9.0.0' } };
  return { ...Object.fromEntries((internal[name] ?? []).map((d) => [`@acme/${d}`, 'workspace:*'])), ...(external[name] ?? {}) };
}

function coreUtil(i: number): string {
  return `import { BaseEntity } from '../base/index.js';

/** Helpers used across the services (${i}). */
export function groupBy${i}<T extends BaseEntity>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k) ?? [];
    list.push(row);
    groups.set(k, list);
  }
  return groups;
}

export function chunk${i}<T>(items: T[], size = ${10 + i}): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

export async function retry${i}<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  let last: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      return await work();
    } catch (error) {
      last = error;
      await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 100));
    }
  }
  throw last;
}
`;
}

function contract(i: number): string {
  const m = mod(i);
  return `export interface ${m.pascal}Dto {
  id: string;
  ownerId: string;
  name: string;
  email?: string;
  createdAt: string;
}

export interface Create${m.pascal}Request {
  ownerId: string;
  name: string;
  email?: string;
}

export type ${m.pascal}List = { items: ${m.pascal}Dto[]; next?: string };
`;
}

function dbTable(i: number): string {
  const m = mod(i);
  return `import { BaseRepository } from '../base/index.js';
import type { BaseEntity } from '@acme/core';

export interface ${m.pascal}Row extends BaseEntity {
  ownerId: string;
  name: string;
  email: string | null;
}

export class ${m.pascal}Table extends BaseRepository<${m.pascal}Row> {
  readonly tableName = '${m.camel}';

  async findByOwner(ownerId: string): Promise<${m.pascal}Row[]> {
    const { rows } = await this.pool.query('SELECT * FROM ${m.camel} WHERE owner_id = $1', [ownerId]);
    return rows;
  }

  async findByIds(ids: string[]): Promise<${m.pascal}Row[]> {
    const { rows } = await this.pool.query('SELECT * FROM ${m.camel} WHERE id = ANY($1)', [ids]);
    return rows;
  }
}
`;
}

function apiFile(i: number, kind: 'controller' | 'service' | 'repository'): string {
  const m = mod(i);
  const peer = i > 0 ? mod(Math.floor(((i * 0.6180339887) % 1) * i)) : undefined;
  if (kind === 'repository') {
    return `import { ${m.pascal}Table, pool } from '@acme/db';
import type { ${m.pascal}Row } from '@acme/db';

export class ${m.pascal}Repository extends ${m.pascal}Table {
  constructor() {
    super(pool);
  }

  async findById(id: string): Promise<${m.pascal}Row | undefined> {
    const { rows } = await this.pool.query('SELECT * FROM ${m.camel} WHERE id = $1', [id]);
    return rows[0];
  }

  async list(limit = 50, after = ''): Promise<${m.pascal}Row[]> {
    const { rows } = await this.pool.query('SELECT * FROM ${m.camel} WHERE id > $1 ORDER BY id LIMIT $2', [after, limit]);
    return rows;
  }
}
`;
  }
  if (kind === 'service') {
    const peerImport = peer ? `import { ${peer.pascal}Repository } from '@api/modules/${peer.name}/index.js';\n` : '';
    const listing = peer && i % 5 === 0
      ? `    const rows = await this.repository.list(take);
    const result = [];
    for (const row of rows) {
      const owner = await this.owners.findById(row.ownerId);
      result.push({ ...row, owner });
    }
    return result;`
      : `    const rows = await this.repository.list(take);
    return rows.map((row) => ({ ...row }));`;
    const audit = i % 7 === 3 ? `\n    this.logger.info('created', { email: request.email, name: request.name });` : `\n    this.logger.info('created', { id: created?.id });`;
    const floating = i % 9 === 4 ? `\n    this.repository.findById(request.ownerId);` : '';
    return `import { BaseService, createLogger, retry${i % 4} } from '@acme/core';
import type { Create${m.pascal}Request, ${m.pascal}Dto } from '@acme/contracts';
import { ${m.pascal}Repository } from './${m.name}.repository.js';
${peerImport}
export class ${m.pascal}Service extends BaseService {
  private readonly logger = createLogger('${m.name}');
  private readonly currentEmail = '';

  constructor(
    private readonly repository: ${m.pascal}Repository = new ${m.pascal}Repository(),${peer ? `\n    private readonly owners: ${peer.pascal}Repository = new ${peer.pascal}Repository(),` : ''}
  ) {
    super('${m.name}');
  }

  async get(id: string): Promise<${m.pascal}Dto> {
    const found = await retry${i % 4}(() => this.repository.findById(id));
    if (!found) throw new Error('${m.pascal} ' + id + ' not found');
    return { id: found.id, ownerId: found.ownerId, name: found.name, createdAt: found.createdAt.toISOString() };
  }

  async listWithOwners(take = 50) {
${listing}
  }

  async create(request: Create${m.pascal}Request) {
    const created = await this.repository.findById(request.ownerId);${audit}${floating}
    return created;
  }
}
`;
  }
  return `import { BaseController } from '@api/base/index.js';
import type { Create${m.pascal}Request } from '@acme/contracts';
import { ${m.pascal}Service } from './${m.name}.service.js';

export class ${m.pascal}Controller extends BaseController {
  constructor(private readonly service = new ${m.pascal}Service()) {
    super('/${m.name}');
  }

  async get(id: string) {
    return this.ok(await this.service.get(id));
  }

  async list(take?: string) {
    return this.ok(await this.service.listWithOwners(take ? Number(take) : 50));
  }

  async create(body: Create${m.pascal}Request) {
    try {
      return this.ok(await this.service.create(body));
    } catch {${i % 6 === 2 ? '' : `\n      return this.fail(400, 'invalid ${m.name}');`}
    }
  }
}
`;
}

function job(i: number): string {
  const m = mod(i);
  return `import { ${m.pascal}Table, pool } from '@acme/db';
import { chunk${i % 4}, createLogger } from '@acme/core';

const logger = createLogger('${m.name}.job');
const table = new ${m.pascal}Table(pool);

export async function run${m.pascal}Job(ownerIds: string[]): Promise<number> {
  let total = 0;
  for (const batch of chunk${i % 4}(ownerIds)) {
    const rows = await table.findByIds(batch);
    total += rows.length;
  }${i % 4 === 1 ? `\n  for (const ownerId of ownerIds) {\n    const rows = await table.findByOwner(ownerId);\n    total += rows.length;\n  }` : ''}
  logger.info('job done', { total });
  return total;
}
`;
}

function page(i: number): string {
  const m = mod(i);
  return `import { useEffect, useState } from 'react';
import type { ${m.pascal}Dto, ${m.pascal}List } from '@acme/contracts';
import { Button } from '@web/base/index.js';
import { Table } from '@web/table/index.js';
import { get } from '../../api/client.js';

export function ${m.pascal}Page({ id }: { id?: string }) {
  const [items, setItems] = useState<${m.pascal}Dto[]>([]);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    setLoading(true);
    get<${m.pascal}List>('/${m.name}' + (id ? '?after=' + id : ''))
      .then((list) => setItems(list.items))
      .finally(() => setLoading(false));
  }, [id]);

  return (
    <section>
      <h1>${m.pascal}</h1>
      <Table rows={items} columns={['id', 'name', 'createdAt']} />
      <Button disabled={loading} onClick={() => setItems([])}>Clear</Button>
    </section>
  );
}
`;
}

const BASE_ENTITY = `export interface BaseEntity {
  id: string;
  createdAt: Date;
  updatedAt?: Date;
}

export function isEntity(value: unknown): value is BaseEntity {
  return typeof value === 'object' && value !== null && 'id' in value;
}
`;

const BASE_SERVICE = `export abstract class BaseService {
  protected constructor(readonly name: string) {}

  protected describe(id: string): string {
    return this.name + ':' + id;
  }
}
`;

const COLUMN = `export interface Column<T> {
  key: keyof T & string;
  title: string;
  width?: number;
}
`;

const TABLE = `import type { Column } from './column.js';

export function columnsOf<T extends object>(sample: T): Column<T>[] {
  return Object.keys(sample).map((key) => ({ key: key as keyof T & string, title: key }));
}
`;

const LOGGER = `import pino from 'pino';

export const rootLogger = pino({ level: process.env.LOG_LEVEL ?? 'info' });

export function createLogger(name: string) {
  return rootLogger.child({ name });
}
`;

const POOL = `import { Pool } from 'pg';

export const pool = new Pool({ connectionString: process.env.DATABASE_URL });
`;

const BASE_REPOSITORY = `import type { Pool } from 'pg';
import type { BaseEntity } from '@acme/core';

export abstract class BaseRepository<T extends BaseEntity> {
  abstract readonly tableName: string;

  constructor(protected readonly pool: Pool) {}

  async count(): Promise<number> {
    const { rows } = await this.pool.query('SELECT count(*) AS n FROM ' + this.tableName);
    return Number(rows[0].n);
  }

  async all(): Promise<T[]> {
    const { rows } = await this.pool.query('SELECT * FROM ' + this.tableName + ' LIMIT 1000');
    return rows;
  }
}
`;

const BASE_CONTROLLER = `export abstract class BaseController {
  protected constructor(readonly path: string) {}

  protected ok<T>(body: T) {
    return { status: 200, body };
  }

  protected fail(status: number, message: string) {
    return { status, body: { message } };
  }
}
`;

const BUTTON = `import type { ReactNode } from 'react';

export function Button({ children, disabled, onClick }: { children: ReactNode; disabled?: boolean; onClick: () => void }) {
  return <button disabled={disabled} onClick={onClick}>{children}</button>;
}
`;

const WEB_TABLE = `export function Table<T extends object>({ rows, columns }: { rows: T[]; columns: string[] }) {
  return (
    <table>
      <thead><tr>{columns.map((c) => <th key={c}>{c}</th>)}</tr></thead>
      <tbody>{rows.map((row, i) => <tr key={i}>{columns.map((c) => <td key={c}>{String((row as Record<string, unknown>)[c])}</td>)}</tr>)}</tbody>
    </table>
  );
}
`;

const WEB_CLIENT = `export async function get<T>(path: string): Promise<T> {
  const response = await fetch('/api' + path);
  if (!response.ok) throw new Error('GET ' + path + ' failed: ' + response.status);
  return (await response.json()) as T;
}
`;

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function json(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, modules] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: npx tsx bench/generate-monorepo.ts <dir> [modules=120]');
    process.exit(2);
  }
  const generated = generateMonorepo({ dir: path.resolve(dir), modules: Number(modules ?? 120) });
  console.log(`generated ${generated.files} source files in ${path.resolve(dir)}; branches ${Object.keys(generated.branches).join(', ')} off tag base`);
}
