/**
 * Generates a realistic TypeScript service repository for benchmarks: NestJS-style modules
 * (controller → service → repository) over Prisma, TypeORM and pg, a tsconfig, imports between
 * modules, a sprinkling of real N+1 patterns (and their batched look-alikes), and a git history
 * whose last commit changes `changedFiles` files.
 *
 *   npx tsx bench/generate-repo.ts <dir> <files> <changed>
 *
 * Deterministic: the same arguments always produce the same repository.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { git, write } from './repo-files.js';

export interface GenerateRepoOptions {
  /** Directory to create (emptied first if it exists). */
  dir: string;
  /** Number of TypeScript source files under src/. */
  files: number;
  /** Number of source files the last commit changes (added lines in each). */
  changedFiles: number;
}

type Orm = 'prisma' | 'typeorm' | 'pg';
type Kind = 'repository' | 'service' | 'controller' | 'dto';

interface FileSpec {
  path: string;
  text: string;
  kind: Kind | 'shared';
  module?: ModuleSpec;
}

interface ModuleSpec {
  index: number;
  name: string; // kebab-case, e.g. "invoice-7"
  entity: string; // PascalCase, e.g. "Invoice7"
  model: string; // camelCase Prisma model, e.g. "invoice7"
  orm: Orm;
  /** Another module this one reads from (service → other repository). */
  peer?: ModuleSpec;
}

const NOUNS = ['user', 'order', 'invoice', 'product', 'payment', 'shipment', 'review', 'coupon', 'account', 'ticket', 'project', 'report'];
const ORMS: Orm[] = ['prisma', 'prisma', 'typeorm', 'pg'];

export async function generateRepo({ dir, files, changedFiles }: GenerateRepoOptions): Promise<void> {
  if (!Number.isInteger(files) || files < 4) throw new Error(`files must be an integer >= 4, got ${files}`);
  if (!Number.isInteger(changedFiles) || changedFiles < 0 || changedFiles > files) {
    throw new Error(`changedFiles must be an integer between 0 and ${files}, got ${changedFiles}`);
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });

  const specs = sourceFiles(files);
  write(dir, 'package.json', JSON.stringify({ name: 'generated-service', private: true, type: 'module' }, null, 2) + '\n');
  write(dir, 'tsconfig.json', TSCONFIG);
  for (const spec of specs) write(dir, spec.path, spec.text);

  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'Initial service');
  if (changedFiles === 0) return;

  // Spread the changes over the repository, services and repositories first (where N+1 lives).
  const layers = specs.filter((s) => s.kind === 'service' || s.kind === 'repository');
  const editable = changedFiles <= layers.length ? layers : specs;
  const step = editable.length / changedFiles;
  for (let i = 0; i < changedFiles; i++) {
    const spec = editable[Math.floor(i * step)];
    const file = path.join(dir, spec.path);
    writeFileSync(file, appendChange(readFileSync(file, 'utf8'), spec, i));
  }
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', `Change ${changedFiles} files`);
}

function sourceFiles(count: number): FileSpec[] {
  const specs: FileSpec[] = [
    { path: 'src/shared/prisma.service.ts', kind: 'shared', text: PRISMA_SERVICE },
    { path: 'src/shared/redis.service.ts', kind: 'shared', text: REDIS_SERVICE },
    { path: 'src/shared/database.ts', kind: 'shared', text: PG_DATABASE },
  ];
  const modules: ModuleSpec[] = [];
  for (let i = 0; specs.length < count; i++) {
    const noun = NOUNS[i % NOUNS.length];
    const entity = `${pascal(noun)}${i}`;
    const mod: ModuleSpec = { index: i, name: `${noun}-${i}`, entity, model: `${noun}${i}`, orm: ORMS[i % ORMS.length] };
    // Services read from an earlier module: cross-file, cross-module imports like a real monolith.
    if (i > 0) mod.peer = modules[Math.floor(((i * 0.6180339887) % 1) * i)];
    modules.push(mod);
    for (const kind of ['repository', 'service', 'controller', 'dto'] as const) {
      if (specs.length >= count) break;
      specs.push({ path: `src/modules/${mod.name}/${mod.name}.${kind}.ts`, kind, module: mod, text: moduleFile(mod, kind) });
    }
  }
  return specs;
}

function moduleFile(mod: ModuleSpec, kind: Kind): string {
  switch (kind) {
    case 'repository':
      return repository(mod);
    case 'service':
      return service(mod);
    case 'controller':
      return controller(mod);
    case 'dto':
      return dto(mod);
  }
}

function repository(mod: ModuleSpec): string {
  const { entity, model } = mod;
  if (mod.orm === 'prisma') {
    return `import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../shared/prisma.service.js';
import type { Create${entity}Dto } from './${mod.name}.dto.js';

@Injectable()
export class ${entity}Repository {
  constructor(private readonly prisma: PrismaService) {}

  async findById(id: string) {
    return this.prisma.${model}.findUnique({ where: { id } });
  }

  async findByIds(ids: string[]) {
    return this.prisma.${model}.findMany({ where: { id: { in: ids } } });
  }

  async list(take = 50, cursor?: string) {
    return this.prisma.${model}.findMany({ take, ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}), orderBy: { id: 'asc' } });
  }

  async create(dto: Create${entity}Dto) {
    return this.prisma.${model}.create({ data: dto });
  }
}
`;
  }
  if (mod.orm === 'typeorm') {
    return `import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { ${entity} } from './${mod.name}.dto.js';

@Injectable()
export class ${entity}Repository {
  constructor(@InjectRepository(${entity}) private readonly ${model}Repository: Repository<${entity}>) {}

  async findById(id: string) {
    return this.${model}Repository.findOneBy({ id });
  }

  async findByIds(ids: string[]) {
    return this.${model}Repository.findBy({ id: In(ids) });
  }

  async list(take = 50, skip = 0) {
    return this.${model}Repository.find({ take, skip, order: { id: 'ASC' } });
  }

  async create(row: Partial<${entity}>) {
    return this.${model}Repository.save(row);
  }
}
`;
  }
  return `import { Injectable } from '@nestjs/common';
import { pool } from '../../shared/database.js';
import type { ${entity} } from './${mod.name}.dto.js';

@Injectable()
export class ${entity}Repository {
  async findById(id: string): Promise<${entity} | undefined> {
    const { rows } = await pool.query('SELECT * FROM ${model} WHERE id = $1', [id]);
    return rows[0];
  }

  async findByIds(ids: string[]): Promise<${entity}[]> {
    const { rows } = await pool.query('SELECT * FROM ${model} WHERE id = ANY($1)', [ids]);
    return rows;
  }

  async list(limit = 50, after = ''): Promise<${entity}[]> {
    const { rows } = await pool.query('SELECT * FROM ${model} WHERE id > $1 ORDER BY id LIMIT $2', [after, limit]);
    return rows;
  }

  async create(row: ${entity}): Promise<void> {
    await pool.query('INSERT INTO ${model} (id, owner_id, name) VALUES ($1, $2, $3)', [row.id, row.ownerId, row.name]);
  }
}
`;
}

function service(mod: ModuleSpec): string {
  const { entity, peer } = mod;
  const peerImport = peer ? `import { ${peer.entity}Repository } from '../${peer.name}/${peer.name}.repository.js';\n` : '';
  const peerParam = peer ? `,\n    private readonly owners: ${peer.entity}Repository` : '';
  // Every fifth service hides an N+1 through the peer's repository; the others batch correctly.
  const withOwners = !peer
    ? `    return this.${lowerFirst(entity)}s.list(take);`
    : mod.index % 5 === 0
      ? `    const rows = await this.${lowerFirst(entity)}s.list(take);
    const result = [];
    for (const row of rows) {
      const owner = await this.owners.findById(row.ownerId);
      result.push({ ...row, owner });
    }
    return result;`
      : `    const rows = await this.${lowerFirst(entity)}s.list(take);
    const owners = await this.owners.findByIds(rows.map((r) => r.ownerId));
    const byId = new Map(owners.map((o) => [o?.id, o]));
    return rows.map((row) => ({ ...row, owner: byId.get(row.ownerId) }));`;
  return `import { Injectable, Logger } from '@nestjs/common';
import { ${entity}Repository } from './${mod.name}.repository.js';
${peerImport}import type { Create${entity}Dto } from './${mod.name}.dto.js';

@Injectable()
export class ${entity}Service {
  private readonly logger = new Logger(${entity}Service.name);

  constructor(
    private readonly ${lowerFirst(entity)}s: ${entity}Repository${peerParam},
  ) {}

  async get(id: string) {
    const found = await this.${lowerFirst(entity)}s.findById(id);
    if (!found) throw new Error('${entity} ' + id + ' not found');
    return found;
  }

  async listWithOwners(take = 50) {
${withOwners}
  }

  async create(dto: Create${entity}Dto) {
    const created = await this.${lowerFirst(entity)}s.create(dto as never);
    this.logger.log({ msg: '${mod.model} created' });
    return created;
  }
}
`;
}

function controller(mod: ModuleSpec): string {
  const { entity } = mod;
  return `import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ${entity}Service } from './${mod.name}.service.js';
import type { Create${entity}Dto } from './${mod.name}.dto.js';

@Controller('${mod.name}')
export class ${entity}Controller {
  constructor(private readonly service: ${entity}Service) {}

  @Get(':id')
  get(@Param('id') id: string) {
    return this.service.get(id);
  }

  @Get()
  list(@Query('take') take?: string) {
    return this.service.listWithOwners(take ? Number(take) : 50);
  }

  @Post()
  create(@Body() dto: Create${entity}Dto) {
    return this.service.create(dto);
  }
}
`;
}

function dto(mod: ModuleSpec): string {
  const { entity } = mod;
  return `export class ${entity} {
  id!: string;
  ownerId!: string;
  name!: string;
  createdAt!: Date;
}

export interface Create${entity}Dto {
  ownerId: string;
  name: string;
}
`;
}

/** The last commit's edit: a new method, an N+1 in every other changed service. */
function appendChange(text: string, spec: FileSpec, i: number): string {
  const end = text.lastIndexOf('}');
  const mod = spec.module;
  let method: string;
  if (spec.kind === 'service' && mod) {
    const repo = `this.${lowerFirst(mod.entity)}s`;
    method =
      i % 2 === 0
        ? `\n  async touchAll(ids: string[]) {\n    for (const id of ids) {\n      await ${repo}.findById(id);\n    }\n  }\n`
        : `\n  async touchAll(ids: string[]) {\n    return ${repo}.findByIds(ids);\n  }\n`;
  } else if (spec.kind === 'repository' && mod) {
    method = `\n  async exists(id: string) {\n    return (await this.findById(id)) !== undefined;\n  }\n`;
  } else {
    return `${text}\n// changed in the last commit (${i})\nexport const revision${i} = ${i};\n`;
  }
  return `${text.slice(0, end)}${method}${text.slice(end)}`;
}

const TSCONFIG = `{
  "compilerOptions": {
    "target": "ES2022",
    "module": "NodeNext",
    "moduleResolution": "NodeNext",
    "strict": true,
    "experimentalDecorators": true,
    "emitDecoratorMetadata": true,
    "skipLibCheck": true,
    "outDir": "dist"
  },
  "include": ["src/**/*.ts"]
}
`;

const PRISMA_SERVICE = `import { Injectable, OnModuleInit } from '@nestjs/common';
import { PrismaClient } from '@prisma/client';

@Injectable()
export class PrismaService extends PrismaClient implements OnModuleInit {
  async onModuleInit() {
    await this.$connect();
  }
}
`;

const REDIS_SERVICE = `import { Injectable } from '@nestjs/common';
import Redis from 'ioredis';

@Injectable()
export class RedisService {
  readonly client = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');

  async cached(key: string): Promise<string | null> {
    return this.client.get(key);
  }
}
`;

const PG_DATABASE = `import { Pool } from 'pg';

export const pool = new Pool({ connectionString: process.env.DATABASE_URL });
`;

function pascal(word: string): string {
  return word[0].toUpperCase() + word.slice(1);
}

function lowerFirst(word: string): string {
  return word[0].toLowerCase() + word.slice(1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, files, changed] = process.argv.slice(2);
  if (!dir || !files) {
    console.error('usage: npx tsx bench/generate-repo.ts <dir> <files> [changed=10]');
    process.exit(2);
  }
  const options = { dir: path.resolve(dir), files: Number(files), changedFiles: Number(changed ?? 10) };
  await generateRepo(options);
  console.log(`generated ${options.files} files in ${options.dir}; the last commit changes ${options.changedFiles}`);
}
