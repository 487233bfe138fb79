import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { Sequelize } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from '../../../../test/support/postgres.js';
import { applySchemaTexts } from '../../staging/schema-files.js';
import { repositoryContext } from '../index.js';
import { sequelizeSchemaSource } from './ddl.js';
import { loadModels } from './fixtures/load-models.js';

// The staging schema from Sequelize models must be what the application's own `sequelize.sync()` creates:
// the fixture models run for real against one database, our DDL is applied to another, and their catalogs
// (columns with types and nullability, keys, foreign keys, indexes, enum types) must be equal.
const MODELS = readFileSync(new URL('./fixtures/models.ts', import.meta.url), 'utf8').replace(
  "export const Tag = sequelize.define('Tag', { name: DataTypes.STRING }, { timestamps: false });",
  "export const Tag = sequelize.define('Tag', { name: DataTypes.STRING, kind: DataTypes.ENUM('topic', 'promo') }, { timestamps: false, indexes: [{ fields: ['kind', 'name'] }] });",
);

const CATALOG = `
SELECT 'column' AS kind, table_name || '.' || column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '') || ' ' || is_nullable || ' ' || coalesce(column_default, '') AS what
  FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'plumbline_schema_files'
UNION ALL
SELECT c.contype::text, c.conrelid::regclass || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid)
  FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public' AND c.contype IN ('p', 'f', 'u') AND c.conrelid::regclass::text <> 'plumbline_schema_files'
UNION ALL
SELECT 'index', pg_get_indexdef(i.indexrelid)
  FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
  WHERE n.nspname = 'public' AND t.relname <> 'plumbline_schema_files'
UNION ALL
SELECT 'enum', t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname
ORDER BY 1, 2`;

describe('Sequelize models as the staging schema (real PostgreSQL)', () => {
  let server: TestPostgres;
  let repo: string;
  beforeAll(async () => {
    server = await startPostgres();
    repo = mkdtempSync(path.join(process.cwd(), 'node_modules', '.sequelize-ddl-'));
    mkdirSync(path.join(repo, 'src'));
    writeFileSync(path.join(repo, 'src', 'models.ts'), MODELS);
    writeFileSync(path.join(repo, 'package.json'), JSON.stringify({ dependencies: { sequelize: '^6.37.0' } }));
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(repo, { recursive: true, force: true });
  });

  it('creates the tables, keys, indexes and enum types sequelize.sync() creates', async () => {
    await server.query('CREATE DATABASE theirs');
    await server.query('CREATE DATABASE ours');
    const real = new Sequelize(server.url.replace(/\/postgres$/, '/theirs'), { logging: false });
    try {
      loadModels(MODELS, real);
      await real.sync();
    } finally {
      await real.close();
    }
    const source = await sequelizeSchemaSource.ddl(repositoryContext(repo));
    expect(source?.name).toBe('sequelize models');
    const client = new pg.Client({ connectionString: server.url.replace(/\/postgres$/, '/ours') });
    await client.connect();
    try {
      expect(await applySchemaTexts(client, [source!])).toEqual({ applied: ['sequelize models'], changed: [] });
    } finally {
      await client.end();
    }
    const catalog = async (db: string) => (await server.query(CATALOG, [], db)).rows.map((r) => `${r.kind} ${r.what}`);
    const theirs = await catalog('theirs');
    expect(theirs).toContain('f orders orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id) ON UPDATE CASCADE ON DELETE CASCADE');
    expect(theirs).toContain('index CREATE INDEX tags_kind_name ON public."Tags" USING btree (kind, name)');
    expect(theirs).toContain('enum enum_Tags_kind topic,promo');
    expect(await catalog('ours')).toEqual(theirs);
  }, 60_000);

  it('answers nothing for a repository without Sequelize', async () => {
    const empty = mkdtempSync(path.join(process.cwd(), 'node_modules', '.sequelize-none-'));
    try {
      expect(await sequelizeSchemaSource.ddl(repositoryContext(empty))).toBeUndefined();
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
