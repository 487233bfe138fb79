import { is, SQL } from 'drizzle-orm';
import { getTableConfig, PgDialect, type PgColumn } from 'drizzle-orm/pg-core';
import type { DrizzleSchema } from './drizzle-tables.js';

/**
 * CREATE statements for the embedded staging database from the rebuilt Drizzle tables: enums, tables with
 * their column types, NOT NULL, defaults and primary keys, then indexes, then foreign keys (the loader
 * drops and re-adds those among profile tables).
 */
export function drizzleDdl(schema: DrizzleSchema): string {
  const dialect = new PgDialect();
  const out: string[] = [];
  for (const e of schema.enums) out.push(`CREATE TYPE ${q(e.enumName)} AS ENUM (${e.enumValues.map(literal).join(', ')});`);
  const later: string[] = [];
  for (const table of schema.tables.values()) {
    const config = getTableConfig(table);
    const lines = config.columns.map((c) => columnDefinition(c, dialect));
    for (const pk of config.primaryKeys) lines.push(`PRIMARY KEY (${pk.columns.map((c) => q(c.name)).join(', ')})`);
    for (const u of config.uniqueConstraints) lines.push(`UNIQUE (${u.columns.map((c) => q(c.name)).join(', ')})`);
    out.push(`CREATE TABLE ${q(config.name)} (\n  ${lines.join(',\n  ')}\n);`);
    for (const index of config.indexes) {
      const columns = index.config.columns.map((c) => (is(c, SQL) ? `(${dialect.sqlToQuery(c).sql})` : q((c as { name: string }).name)));
      const name = index.config.name ? `${q(index.config.name)} ` : '';
      out.push(`CREATE ${index.config.unique ? 'UNIQUE ' : ''}INDEX ${name}ON ${q(config.name)} USING ${index.config.method ?? 'btree'} (${columns.join(', ')});`);
    }
    for (const fk of config.foreignKeys) {
      const ref = fk.reference();
      later.push(`ALTER TABLE ${q(config.name)} ADD FOREIGN KEY (${ref.columns.map((c) => q(c.name)).join(', ')}) REFERENCES ${q(getTableConfig(ref.foreignTable).name)} (${ref.foreignColumns.map((c) => q(c.name)).join(', ')});`);
    }
  }
  return [...out, ...later].join('\n') + '\n';
}

function columnDefinition(column: PgColumn, dialect: PgDialect): string {
  let text = `${q(column.name)} ${column.getSQLType()}`;
  if (column.primary) text += ' PRIMARY KEY';
  else if (column.notNull) text += ' NOT NULL';
  if (column.isUnique && !column.primary) text += ' UNIQUE';
  if (column.default !== undefined) {
    const value = is(column.default, SQL) ? dialect.sqlToQuery(column.default).sql : literal(column.default);
    if (value !== undefined) text += ` DEFAULT ${value}`;
  }
  return text;
}

function literal(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'NULL';
  return `'${String(value).replace(/'/g, "''")}'`;
}

function q(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
