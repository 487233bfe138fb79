import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';

/**
 * The schema of the embedded staging database comes from the repository: the configured files, else
 * Prisma's `prisma/migrations/<name>/migration.sql`, else a `schema.sql` and the `migrations/*.sql` beside it.
 */
export function discoverSchemaFiles(root: string, configured: string[] = []): string[] {
  if (configured.length) return configured.flatMap((p) => expand(path.resolve(root, p)));
  const prisma = path.join(root, 'prisma', 'migrations');
  if (existsSync(prisma)) {
    return readdirSync(prisma).sort().map((d) => path.join(prisma, d, 'migration.sql')).filter((f) => existsSync(f));
  }
  const schema = findFile(root, 'schema.sql', 4);
  if (!schema) return [];
  return [schema, ...expand(path.join(path.dirname(schema), 'migrations'))];
}

/** A directory's .sql files in name order, or the file itself. */
function expand(p: string): string[] {
  if (!existsSync(p)) return [];
  if (!statSync(p).isDirectory()) return [p];
  return readdirSync(p).filter((f) => f.endsWith('.sql')).sort().map((f) => path.join(p, f));
}

function findFile(dir: string, name: string, depth: number): string | undefined {
  if (depth < 0) return undefined;
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch {
    return undefined;
  }
  if (entries.includes(name)) return path.join(dir, name);
  for (const e of entries) {
    if (e.startsWith('.') || e === 'node_modules' || e === 'dist') continue;
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) {
      const found = findFile(p, name, depth - 1);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Applies the files not applied yet (by name and content hash) to the embedded staging database and
 * records them; a changed file that was already applied is reported, not re-run.
 */
export async function applySchemaFiles(client: pg.Client, root: string, files: string[]): Promise<{ applied: string[]; changed: string[] }> {
  return applySchemaTexts(client, files.map((file) => ({ name: path.relative(root, file).split(path.sep).join('/'), sql: readFileSync(file, 'utf8') })));
}

/** The same for schema text that is not a file of the repository (DDL generated from an ORM's schema). */
export async function applySchemaTexts(client: pg.Client, schemas: Array<{ name: string; sql: string }>): Promise<{ applied: string[]; changed: string[] }> {
  await client.query('CREATE TABLE IF NOT EXISTS plumbline_schema_files (name text PRIMARY KEY, sha256 text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
  const done = new Map((await client.query<{ name: string; sha256: string }>('SELECT name, sha256 FROM plumbline_schema_files')).rows.map((r) => [r.name, r.sha256]));
  const applied: string[] = [];
  const changed: string[] = [];
  for (const { name, sql } of schemas) {
    const sha = createHash('sha256').update(sql).digest('hex');
    if (done.has(name)) {
      if (done.get(name) !== sha) changed.push(name);
      continue;
    }
    await client.query('BEGIN');
    try {
      await client.query(sql);
      await client.query('INSERT INTO plumbline_schema_files (name, sha256) VALUES ($1, $2)', [name, sha]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw new Error(`${name}: ${(error as Error).message}`);
    }
    applied.push(name);
  }
  return { applied, changed };
}
