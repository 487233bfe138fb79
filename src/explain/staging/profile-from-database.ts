import path from 'node:path';
import type pg from 'pg';
import { stringify } from 'yaml';
import { loadCatalog, type Catalog } from '../../core/catalog.js';
import type { ColumnSpec, TableProfile } from './profile-schema.js';

/**
 * `plumbline staging profile --from URL`: a scale profile from a production database's statistics —
 * pg_class.reltuples for row counts, pg_stats for null fractions, distinct counts, most common values and
 * histograms. Values of columns that may hold personal data are never copied: their names are matched
 * against the `sensitive-data` catalog (rules/sensitive-data.yml), and free text is never copied at all
 * (only enum-like columns with few distinct values keep their values). The result is the anonymised
 * equivalent of a production dump: sizes and shapes, no rows.
 */
export interface ProfileFromDatabase {
  tables: TableProfile[];
  notes: string[];
}

interface ColumnStats {
  table: string;
  column: string;
  type: string;
  notNull: boolean;
  nullFrac: number | null;
  nDistinct: number | null;
  mcv: string[] | null;
  mcf: number[] | null;
  histogram: string[] | null;
  pk: boolean;
  fk: string | null;
}

const ENUM_MAX_DISTINCT = 20;

export async function profileFromDatabase(client: pg.Client, options: { schema?: string; catalog?: Catalog } = {}): Promise<ProfileFromDatabase> {
  const schema = options.schema ?? 'public';
  const sensitive = sensitiveTerms(options.catalog ?? loadCatalog());
  const tables = await client.query<{ name: string; rows: string }>(
    `SELECT c.relname AS name, greatest(c.reltuples, 0)::bigint AS rows FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname NOT LIKE 'plumbline\\_%' ORDER BY 1`,
    [schema],
  );
  const stats = await client.query<ColumnStats>(
    `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS "notNull",
            s.null_frac AS "nullFrac", s.n_distinct AS "nDistinct",
            s.most_common_vals::text::text[] AS mcv, s.most_common_freqs::float8[] AS mcf, s.histogram_bounds::text::text[] AS histogram,
            EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'p' AND k.conkey = ARRAY[a.attnum]) AS pk,
            (SELECT fc.relname || '.' || fa.attname FROM pg_constraint k JOIN pg_class fc ON fc.oid = k.confrelid
               JOIN pg_attribute fa ON fa.attrelid = k.confrelid AND fa.attnum = k.confkey[1]
              WHERE k.conrelid = c.oid AND k.contype = 'f' AND k.conkey = ARRAY[a.attnum] LIMIT 1) AS fk
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       LEFT JOIN pg_stats s ON s.schemaname = n.nspname AND s.tablename = c.relname AND s.attname = a.attname
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') ORDER BY c.relname, a.attnum`,
    [schema],
  );
  const notes: string[] = [];
  const profiles: TableProfile[] = [];
  for (const t of tables.rows) {
    const rows = Number(t.rows);
    if (rows === 0) notes.push(`${t.name}: no row estimate (never analysed?); written with rows: 0`);
    const columns: Record<string, ColumnSpec> = {};
    for (const c of stats.rows.filter((s) => s.table === t.name)) {
      const spec = columnSpec(c, rows, sensitive);
      if (spec) columns[c.column] = spec;
      else notes.push(`${t.name}.${c.column}: ${c.type} left to its default`);
    }
    profiles.push({ table: t.name, rows, columns });
  }
  return { tables: profiles, notes };
}

function columnSpec(c: ColumnStats, rows: number, sensitive: string[][]): ColumnSpec | undefined {
  const nullFraction = round(c.nullFrac ?? 0);
  const distinct = c.nDistinct === null ? undefined : c.nDistinct < 0 ? Math.max(1, Math.round(-c.nDistinct * rows)) : Math.round(c.nDistinct);
  const numeric = /^(smallint|integer|bigint|numeric|real|double precision)/.test(c.type);
  const integer = /^(smallint|integer|bigint)/.test(c.type);
  if (c.pk && integer) return { kind: 'sequence', start: 1, step: 1, nullFraction: 0 };
  if (c.fk) return { kind: 'foreign-key', references: c.fk, nullFraction };
  const personal = isSensitive(c.column, sensitive);
  if (/^(text|character)/.test(c.type)) {
    if (!personal && c.mcv && distinct !== undefined && distinct <= ENUM_MAX_DISTINCT) {
      return { kind: 'values', values: c.mcv, weights: (c.mcf ?? []).map(round), nullFraction };
    }
    return { kind: 'text', prefix: `${c.column}-`, suffix: '', distinct: distinct && distinct < rows * 0.9 ? distinct : undefined, nullFraction };
  }
  if (personal) return undefined; // not a text column, but named like personal data: no statistics of it leave production
  if (c.type === 'boolean') {
    const t = c.mcv?.indexOf('true') ?? -1;
    return { kind: 'boolean', trueFraction: t >= 0 && c.mcf ? round(c.mcf[t] / Math.max(1e-9, 1 - nullFraction)) : 0.5, nullFraction };
  }
  if (/^timestamp|^date/.test(c.type) && c.histogram?.length) {
    return { kind: 'timestamp', from: c.histogram[0], to: c.histogram[c.histogram.length - 1], nullFraction };
  }
  if (numeric && c.histogram && c.histogram.length >= 2) {
    return { kind: 'histogram', bounds: c.histogram.map(Number), integer, nullFraction };
  }
  if (numeric && c.mcv?.length) {
    return { kind: 'values', values: c.mcv.map(Number), weights: (c.mcf ?? []).map(round), nullFraction };
  }
  return undefined;
}

/** Terms of the sensitive-data catalog as word lists: "access token" → [access, token]. */
function sensitiveTerms(catalog: Catalog): string[][] {
  const entries = (catalog['sensitive-data'] ?? []) as Array<{ names?: string[] }>;
  return entries.flatMap((e) => e.names ?? []).map((n) => n.toLowerCase().split(/\s+/));
}

function isSensitive(column: string, terms: string[][]): boolean {
  const words = column.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  return terms.some((term) => words.some((_, i) => term.every((w, j) => words[i + j] === w || (j === term.length - 1 && words[i + j] === `${w}s`))));
}

function round(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}

export async function writeProfileFiles(dir: string, tables: TableProfile[], write: (file: string, text: string) => Promise<void>): Promise<string[]> {
  const { mkdir } = await import('node:fs/promises');
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  for (const t of tables) {
    const file = path.join(dir, `${t.table}.yml`);
    const header = `# Written by \`plumbline staging profile\` from production statistics (no row values of personal data).\n`;
    await write(file, header + stringify(t, { lineWidth: 0 }));
    files.push(file);
  }
  return files;
}
