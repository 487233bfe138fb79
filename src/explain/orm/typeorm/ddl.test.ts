import 'reflect-metadata';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { ts } from 'ts-morph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from '../../../../test/support/postgres.js';
import { applySchemaTexts } from '../../staging/schema-files.js';
import { repositoryContext } from '../index.js';
import { typeormSchemaSource } from './ddl.js';

// The staging schema from entities must be the schema TypeORM's own `synchronize` creates: both are
// built on one real PostgreSQL and their catalogs (columns with types and nullability, primary keys,
// foreign keys, indexes) compared. Constraint and index names differ on purpose (TypeORM hashes them).
const ENTITIES = new URL('./fixtures/entities.ts', import.meta.url);

const CATALOG = `
SELECT 'column' AS kind, table_name || '.' || column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '') || ' ' || is_nullable AS what
  FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'plumbline_schema_files'
UNION ALL
SELECT c.contype::text, c.conrelid::regclass || ' ' || pg_get_constraintdef(c.oid)
  FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public' AND c.contype IN ('p', 'f', 'u') AND c.conrelid::regclass::text <> 'plumbline_schema_files'
UNION ALL
SELECT 'index', i.indrelid::regclass || ' ' || regexp_replace(pg_get_indexdef(i.indexrelid), '^.* USING ', '')
  FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
  WHERE n.nspname = 'public' AND NOT i.indisprimary AND NOT i.indisunique AND t.relname <> 'plumbline_schema_files'
ORDER BY 1, 2`;

describe('TypeORM entities as the staging schema (real PostgreSQL)', () => {
  let server: TestPostgres;
  let repo: string;
  beforeAll(async () => {
    server = await startPostgres();
    repo = mkdtempSync(path.join(process.cwd(), 'node_modules', '.typeorm-ddl-'));
    mkdirSync(path.join(repo, 'src'));
    copyFileSync(ENTITIES, path.join(repo, 'src', 'entities.ts'));
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(repo, { recursive: true, force: true });
  });

  it('creates the tables, keys and indexes TypeORM synchronize creates', async () => {
    const options = { experimentalDecorators: true, emitDecoratorMetadata: true, module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 };
    writeFileSync(path.join(repo, 'entities.js'), ts.transpileModule(readFileSync(ENTITIES, 'utf8'), { compilerOptions: options }).outputText);
    writeFileSync(path.join(repo, 'package.json'), '{"type":"module"}');
    const entities = await import(path.join(repo, 'entities.js'));
    const { DataSource } = await import('typeorm');
    await server.query('CREATE DATABASE theirs');
    await server.query('CREATE DATABASE ours');
    const ds = new DataSource({ type: 'postgres', url: server.url.replace(/\/postgres$/, '/theirs'), entities: Object.values(entities) as Array<new () => object>, synchronize: true });
    await ds.initialize();
    await ds.destroy();

    const source = await typeormSchemaSource.ddl(repositoryContext(repo));
    expect(source?.name).toBe('typeorm entities');
    const client = new pg.Client({ connectionString: server.url.replace(/\/postgres$/, '/ours') });
    await client.connect();
    try {
      expect(await applySchemaTexts(client, [source!])).toEqual({ applied: ['typeorm entities'], changed: [] });
    } finally {
      await client.end();
    }
    const catalog = async (db: string) => (await server.query(CATALOG, [], db)).rows.map((r) => `${r.kind} ${r.what}`);
    const theirs = await catalog('theirs');
    expect(theirs).toContain('f order_item FOREIGN KEY ("orderId") REFERENCES orders(id)');
    expect(await catalog('ours')).toEqual(theirs);
  });

  it('answers nothing for a repository without entities', async () => {
    const empty = mkdtempSync(path.join(process.cwd(), 'node_modules', '.typeorm-none-'));
    try {
      expect(await typeormSchemaSource.ddl(repositoryContext(empty))).toBeUndefined();
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
