import type { PrismaField, PrismaModel, PrismaSchema } from './prisma-schema.js';
import { column, findModel } from './relations.js';

/**
 * The DDL `prisma migrate` would write for the schema (PostgreSQL): enum types, tables with primary keys,
 * unique and `@@index` indexes, foreign keys. Names follow Prisma's conventions (`users_pkey`,
 * `orders_user_id_idx`, `orders_user_id_fkey`) so plans read the same as on the real database. Like
 * Prisma, no index is created for a foreign key unless the schema has an `@@index` for it.
 */
export function prismaDdl(schema: PrismaSchema): string {
  const statements: string[] = [];
  const schemas = new Set([...schema.models.map((m) => m.schema), ...schema.enums.map((e) => e.schema)].filter((s) => s !== 'public'));
  for (const name of schemas) statements.push(`CREATE SCHEMA IF NOT EXISTS ${q(name)};`);
  for (const e of schema.enums) statements.push(`CREATE TYPE ${qualified(e.schema, e.dbName)} AS ENUM (${e.values.map(literal).join(', ')});`);
  for (const model of schema.models) statements.push(createTable(schema, model));
  for (const model of schema.models) {
    for (const index of model.indexes) {
      const columns = index.fields.map((f) => column(model, f.name));
      const name = index.name ?? `${model.table}_${columns.join('_')}_${index.unique ? 'key' : 'idx'}`;
      const list = index.fields.map((f, i) => q(columns[i]) + (f.desc ? ' DESC' : '')).join(', ');
      statements.push(`CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${q(name)} ON ${qualified(model.schema, model.table)}(${list});`);
    }
  }
  for (const model of schema.models) {
    for (const field of model.fields) {
      const target = field.relation && findModel(schema, field.type);
      if (!field.relation || !target) continue;
      const columns = field.relation.fields.map((f) => column(model, f));
      const references = field.relation.references.map((f) => column(target, f));
      statements.push(
        `ALTER TABLE ${qualified(model.schema, model.table)} ADD CONSTRAINT ${q(`${model.table}_${columns.join('_')}_fkey`)} ` +
          `FOREIGN KEY (${columns.map(q).join(', ')}) REFERENCES ${qualified(target.schema, target.table)}(${references.map(q).join(', ')});`,
      );
    }
  }
  return statements.join('\n') + '\n';
}

function createTable(schema: PrismaSchema, model: PrismaModel): string {
  const lines = model.fields.filter((f) => !findModel(schema, f.type)).map((f) => `  ${q(f.column)} ${columnType(schema, f)}${f.optional ? '' : ' NOT NULL'}${defaultClause(schema, f)}`);
  if (model.primaryKey.length > 0) lines.push(`  CONSTRAINT ${q(`${model.table}_pkey`)} PRIMARY KEY (${model.primaryKey.map((f) => q(column(model, f))).join(', ')})`);
  return `CREATE TABLE ${qualified(model.schema, model.table)} (\n${lines.join(',\n')}\n);`;
}

const SCALAR_TYPES: Record<string, string> = {
  String: 'TEXT', Int: 'INTEGER', BigInt: 'BIGINT', Float: 'DOUBLE PRECISION', Decimal: 'DECIMAL(65,30)',
  Boolean: 'BOOLEAN', DateTime: 'TIMESTAMP(3)', Json: 'JSONB', Bytes: 'BYTEA',
};

const NATIVE_TYPES: Record<string, string> = {
  DoublePrecision: 'DOUBLE PRECISION', SmallInt: 'SMALLINT', Integer: 'INTEGER', BigInt: 'BIGINT', VarChar: 'VARCHAR', Char: 'CHAR',
  Text: 'TEXT', Uuid: 'UUID', Timestamptz: 'TIMESTAMPTZ', Timestamp: 'TIMESTAMP', Date: 'DATE', Time: 'TIME', Timetz: 'TIMETZ',
  Decimal: 'DECIMAL', Real: 'REAL', Boolean: 'BOOLEAN', Json: 'JSON', JsonB: 'JSONB', ByteA: 'BYTEA', Inet: 'INET', Money: 'MONEY',
  Xml: 'XML', Bit: 'BIT', VarBit: 'VARBIT', Oid: 'OID', Citext: 'CITEXT',
};

function columnType(schema: PrismaSchema, field: PrismaField): string {
  const serial = /^autoincrement\(\)$/.test(field.default ?? '');
  if (serial && !field.nativeType) return field.type === 'BigInt' ? 'BIGSERIAL' : field.type === 'Int' ? 'SERIAL' : 'INTEGER';
  const enumType = schema.enums.find((e) => e.name === field.type);
  let type = enumType ? qualified(enumType.schema, enumType.dbName) : (SCALAR_TYPES[field.type] ?? 'TEXT');
  if (field.nativeType) {
    const native = /^(\w+)(\(.*\))?$/.exec(field.nativeType);
    if (native) type = (NATIVE_TYPES[native[1]] ?? native[1].toUpperCase()) + (native[2] ?? '');
  }
  return type + (field.list ? '[]' : '');
}

function defaultClause(schema: PrismaSchema, field: PrismaField): string {
  const value = field.default;
  if (!value || /^autoincrement\(\)$/.test(value)) return '';
  if (value === 'now()') return ' DEFAULT CURRENT_TIMESTAMP';
  const generated = /^dbgenerated\("(.*)"\)$/.exec(value);
  if (generated) return ` DEFAULT ${generated[1].replace(/\\"/g, '"')}`;
  if (/^".*"$/.test(value)) return ` DEFAULT ${literal(value.slice(1, -1))}`;
  if (/^(true|false|-?\d+(\.\d+)?)$/.test(value)) return ` DEFAULT ${value}`;
  const enumType = schema.enums.find((e) => e.name === field.type);
  const label = enumType?.values[enumType.names.indexOf(value)];
  if (label !== undefined) return ` DEFAULT ${literal(label)}`;
  return ''; // uuid(), cuid(), nanoid(): generated by the client, not the database
}

export function q(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

export function qualified(schemaName: string, name: string): string {
  return `${q(schemaName)}.${q(name)}`;
}

function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
