import { Untranslatable, type Arg } from './call-arguments.js';
import { q } from './prisma-ddl.js';
import type { PrismaField, PrismaModel } from './prisma-schema.js';
import type { Relation } from './relations.js';
import { col, table, type Statement } from './sql-context.js';
import { whereSql } from './where-sql.js';

/** What read-sql.ts hands over: the selection of one level (fields, loaded relations, counted relations). */
export interface JoinSelection {
  fields: PrismaField[];
  relations: Array<{ name: string; relation: Relation; args: Map<string, Arg> }>;
  counts: Array<{ name: string; relation: Relation }>;
}

type SelectionOf = (statement: Statement, model: PrismaModel, args: Map<string, Arg>) => JoinSelection;
type OrderBy = (model: PrismaModel, ref: string, orderBy: Arg | undefined) => string;

/**
 * `relationLoadStrategy: 'join'` (Prisma's default with the `relationJoins` preview feature): every
 * included relation is a LEFT JOIN LATERAL that builds the related rows as JSON in the same statement —
 * a to-one relation `LIMIT 1`, a to-many relation aggregated with JSONB_AGG over Prisma's three nested
 * selects (the related rows by key, their JSON, then the include's where/orderBy/take/skip), `_count` a
 * lateral COUNT(*). The shapes are those the Prisma 7 query compiler sends (test/explain/prisma-sql.test.ts).
 */
export function lateralJoins(statement: Statement, model: PrismaModel, ref: string, selection: JoinSelection, selectionOf: SelectionOf, orderBy: OrderBy): { columns: string[]; joins: string[] } {
  const columns: string[] = [];
  const joins: string[] = [];
  for (const { name, relation, args } of selection.relations) {
    if (relation.fromColumns.length !== 1) throw new Untranslatable(`\`${name}\` is a relation over a composite key`);
    const dataAlias = q(`${model.name}_${name}`);
    columns.push(`${dataAlias}.${q('__prisma_data__')} AS ${q(name)}`);
    joins.push(`LEFT JOIN LATERAL (${relationSubquery(statement, ref, relation, args, selectionOf, orderBy, name)}) AS ${dataAlias} ON true`);
  }
  if (selection.counts.length > 0) {
    const parts: string[] = [];
    for (const { name, relation } of selection.counts) {
      if (!relation.toMany || relation.fromColumns.length !== 1) throw new Untranslatable(`\`_count\` of \`${name}\` is not translated`);
      const alias = statement.nextAlias('t');
      const inner = statement.nextAlias('t');
      const countAlias = q(`_aggr_count_${name}`);
      parts.push(`'${name}', COALESCE(${alias}.${countAlias}, 0)`);
      joins.push(`LEFT JOIN LATERAL (SELECT COUNT(*) AS ${countAlias} FROM ${table(relation.to)} AS ${inner} WHERE ${col(ref, relation.fromColumns[0])} = ${col(inner, relation.toColumns[0])}) AS ${alias} ON true`);
    }
    columns.push(`JSONB_BUILD_OBJECT(${parts.join(', ')}) AS ${q('_count')}`);
  }
  return { columns, joins };
}

function relationSubquery(statement: Statement, parent: string, relation: Relation, args: Map<string, Arg>, selectionOf: SelectionOf, orderBy: OrderBy, name: string): string {
  for (const key of args.keys()) if (!['select', 'include', 'where', 'orderBy', 'take', 'skip', 'omit'].includes(key)) throw new Untranslatable(`\`${name}.${key}\` is not translated`);
  const child = relation.to;
  const selection = selectionOf(statement, child, args);
  if (selection.counts.length > 0) throw new Untranslatable(`\`_count\` inside the included \`${name}\` is not translated`);
  const link = (alias: string) => `${col(parent, relation.fromColumns[0])} = ${col(alias, relation.toColumns[0])}`;
  if (!relation.toMany) {
    if (['where', 'orderBy', 'take', 'skip'].some((k) => args.has(k)) || selection.relations.length > 0) throw new Untranslatable(`a nested include or filter under the to-one \`${name}\` with relationLoadStrategy 'join' is not translated`);
    const alias = statement.nextAlias('t');
    return `SELECT JSONB_BUILD_OBJECT(${json(selection.fields, alias, [])}) AS ${q('__prisma_data__')} FROM ${table(child)} AS ${alias} WHERE ${link(alias)} LIMIT 1`;
  }
  const [root, inner, middle, outer] = [statement.nextAlias('t'), statement.nextAlias('t'), statement.nextAlias('t'), statement.nextAlias('t')];
  const nested = lateralJoins(statement, child, inner, { ...selection, counts: [] }, selectionOf, orderBy);
  const nestedData = selection.relations.map((r, i) => `'${r.name}', ${nested.columns[i].replace(/ AS "[^"]*"$/, '')}`);
  const joinsBefore = statement.joins.length;
  const where = whereSql(statement, child, middle, args.get('where'), `${name}.where`);
  if (statement.joins.length > joinsBefore) throw new Untranslatable(`a relation filter inside the included \`${name}\` with relationLoadStrategy 'join' is not translated`);
  const order = orderBy(child, middle, args.get('orderBy'));
  const used = [...order.matchAll(/"([^"]+)" (?:ASC|DESC)/g), ...(where ?? '').matchAll(new RegExp(`${escape(middle)}\\."([^"]+)"`, 'g'))].map((m) => m[1]);
  const keys = selection.relations.map((r) => r.relation.fromColumns[0]);
  const extras = [...new Set([...used, ...keys])].map((c) => col(inner, c));
  const take = args.get('take');
  const skip = args.get('skip');
  const page = `${take ? ` LIMIT ${statement.value(take)}` : ''}${skip ? ` OFFSET ${statement.value(skip)}` : ''}`;
  const jsonColumns = [`JSONB_BUILD_OBJECT(${json(selection.fields, inner, nestedData)}) AS ${q('__prisma_data__')}`, ...extras].join(', ');
  const rows = `SELECT ${root}.* FROM ${table(child)} AS ${root} WHERE ${link(root)} /* root select */`;
  const built = `SELECT ${jsonColumns} FROM (${rows}) AS ${inner}${nested.joins.map((j) => ` ${j}`).join('')} /* inner select */`;
  const picked = `SELECT ${middle}.${q('__prisma_data__')} FROM (${built}) AS ${middle}${where ? ` WHERE ${where}` : ''}${order}${page} /* middle select */`;
  return `SELECT COALESCE(JSONB_AGG(${q('__prisma_data__')}), '[]') AS ${q('__prisma_data__')} FROM (${picked}) AS ${outer} /* outer select */`;
}

/** `'field', "t"."column"` pairs; BigInt and Decimal travel as text in Prisma's JSON. */
function json(fields: PrismaField[], alias: string, extra: string[]): string {
  return [...fields.map((f) => `'${f.name}', ${col(alias, f.column)}${f.type === 'BigInt' || f.type === 'Decimal' ? '::text' : ''}`), ...extra].join(', ');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\"]/g, '\\$&');
}

