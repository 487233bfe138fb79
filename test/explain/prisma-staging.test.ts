import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORM_SCHEMA_SOURCES, repositoryContext } from '../../src/explain/orm/index.js';
import { applySchemaTexts } from '../../src/explain/staging/schema-files.js';
import { startPostgres, type TestPostgres } from '../support/postgres.js';

// `plumbline staging up` on a Prisma project without SQL schema: the DDL from schema.prisma (the registered
// ORM schema source) loads into a real PostgreSQL with its tables, keys, indexes, foreign keys and enum.
const project = fileURLToPath(new URL('./fixtures/prisma-only/', import.meta.url));
let server: TestPostgres;

beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => server?.stop());

describe('staging schema from schema.prisma', () => {
  it('is found by the ORM schema sources and applied like a schema file', async () => {
    const source = ORM_SCHEMA_SOURCES.find((s) => s.orm === 'prisma')!;
    const ddl = await source.ddl(repositoryContext(project));
    expect(ddl?.name).toBe('prisma/schema.prisma');
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    try {
      expect(await applySchemaTexts(client, [ddl!])).toEqual({ applied: ['prisma/schema.prisma'], changed: [] });
      const columns = await client.query(`SELECT table_schema || '.' || table_name || '.' || column_name || ' ' || data_type || COALESCE('(' || character_maximum_length || ')', '') || ' ' || is_nullable || ' ' || COALESCE(column_default, '-') AS c
        FROM information_schema.columns WHERE table_schema IN ('public', 'billing') AND table_name <> 'plumbline_schema_files' ORDER BY table_schema, table_name, ordinal_position`);
      expect(columns.rows.map((r) => r.c)).toEqual([
        'billing.invoices.number integer NO -',
        'billing.invoices.year integer NO -',
        'billing.invoices.account_id uuid NO -',
        "billing.invoices.note text YES 'none'::text",
        'billing.invoices.lines jsonb YES -',
        'public.Tag.id integer NO nextval(\'"Tag_id_seq"\'::regclass)',
        'public.Tag.label text NO -',
        'public.accounts.id uuid NO -',
        'public.accounts.email character varying(320) NO -',
        "public.accounts.role USER-DEFINED NO 'admin'::role",
        'public.accounts.score numeric NO 0',
        'public.accounts.active boolean NO true',
        'public.accounts.created_at timestamp without time zone NO CURRENT_TIMESTAMP',
      ]);
      const indexes = await client.query(`SELECT indexdef FROM pg_indexes WHERE schemaname IN ('public', 'billing') AND tablename <> 'plumbline_schema_files' ORDER BY indexname`);
      expect(indexes.rows.map((r) => r.indexdef)).toEqual([
        'CREATE UNIQUE INDEX "Tag_pkey" ON public."Tag" USING btree (id)',
        'CREATE UNIQUE INDEX accounts_email_key ON public.accounts USING btree (email)',
        'CREATE UNIQUE INDEX accounts_pkey ON public.accounts USING btree (id)',
        'CREATE UNIQUE INDEX invoice_account_number ON billing.invoices USING btree (account_id, number)',
        'CREATE INDEX invoices_account_id_year_idx ON billing.invoices USING btree (account_id, year DESC)',
        'CREATE UNIQUE INDEX invoices_pkey ON billing.invoices USING btree (year, number)',
      ]);
      const keys = await client.query(`SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE contype = 'f'`);
      expect(keys.rows).toEqual([{ conname: 'invoices_account_id_fkey', def: 'FOREIGN KEY (account_id) REFERENCES accounts(id)' }]);
      const labels = await client.query(`SELECT enumlabel FROM pg_enum ORDER BY enumsortorder`);
      expect(labels.rows.map((r) => r.enumlabel)).toEqual(['MEMBER', 'admin']);
    } finally {
      await client.end();
    }
  });

  it('is absent for a repository without schema.prisma', async () => {
    const source = ORM_SCHEMA_SOURCES.find((s) => s.orm === 'prisma')!;
    expect(await source.ddl(repositoryContext(path.dirname(project)))).toBeUndefined();
  });
});
