import { constArg, objectArg, Untranslatable, type Arg } from './call-arguments.js';
import { q } from './prisma-ddl.js';
import type { PrismaField, PrismaModel } from './prisma-schema.js';
import { relationOf, scalarField, scalarFields, type Relation } from './relations.js';
import { col, literal, Statement, table } from './sql-context.js';
import { whereSql } from './where-sql.js';
import { lateralJoins } from './join-sql.js';

export interface BuiltStatement {
  sql: string;
  parameterNames: string[];
}

/** What a find call reads: its scalar fields, the relations it loads, the relations it counts. */
interface Selection {
  fields: PrismaField[];
  relations: Array<{ name: string; relation: Relation; args: Map<string, Arg> }>;
  counts: Array<{ name: string; relation: Relation }>;
}

/**
 * findMany / findFirst / findUnique as Prisma's default relation load strategy (`query`) sends them: one
 * statement for the model, then one per included relation and level, each with `WHERE <key> IN (…)` the
 * keys the previous statement returned (one `$n` here; Prisma binds one per parent row). A nested
 * `take`/`skip` is applied by Prisma in memory, so it is not in the SQL.
 */
export function findStatements(schema: Statement['schema'], model: PrismaModel, method: string, args: Map<string, Arg>, join: boolean): BuiltStatement[] {
  const statements: BuiltStatement[] = [];
  const unique = method.startsWith('findUnique');
  const first = method.startsWith('findFirst');
  const take = unique || first ? { kind: 'const' as const, value: 1 } : args.get('take');
  const root = rootStatement(schema, model, args, { take, unique, join });
  statements.push(root.built);
  if (!join) loadRelations(schema, model, root.selection, 1, statements);
  return statements;
}

function loadRelations(schema: Statement['schema'], model: PrismaModel, selection: Selection, parentIndex: number, out: BuiltStatement[]): void {
  for (const { name, relation, args } of selection.relations) {
    if (relation.fromColumns.length !== 1) throw new Untranslatable(`\`${name}\` is a relation over a composite key`);
    for (const key of args.keys()) if (!['select', 'include', 'where', 'orderBy', 'take', 'skip', 'omit'].includes(key)) throw new Untranslatable(`\`${name}.${key}\` is not translated`);
    const statement = new Statement(schema);
    const child = relation.to;
    const childSelection = selectionOf(statement, child, args);
    const ref = table(child);
    const filter = whereSql(statement, child, ref, args.get('where'), `${name}.where`);
    const key = `${col(ref, relation.toColumns[0])} IN (${statement.parameter(`${lowerFirst(model.name)}.${relation.fromColumns[0]} of the rows of statement ${parentIndex}`)})`;
    const where = filter ? `(${filter} AND ${key})` : key;
    const order = orderBySql(child, ref, args.get('orderBy'), false, false);
    const columns = childColumns(child, childSelection, [...relation.toColumns, ...childSelection.relations.flatMap((r) => r.relation.fromColumns)]);
    out.push({ sql: `SELECT ${columns.map((c) => col(ref, c)).join(', ')} FROM ${ref}${joinsOf(statement)} WHERE ${where}${order} OFFSET 0`, parameterNames: statement.parameterNames });
    if (childSelection.counts.length > 0) throw new Untranslatable(`\`_count\` inside the included \`${name}\` is not translated`);
    loadRelations(schema, child, childSelection, out.length, out);
  }
}

function rootStatement(
  schema: Statement['schema'],
  model: PrismaModel,
  args: Map<string, Arg>,
  options: { take: Arg | undefined; unique: boolean; join: boolean },
): { built: BuiltStatement; selection: Selection } {
  for (const key of args.keys()) {
    if (!['select', 'include', 'omit', 'where', 'orderBy', 'take', 'skip', 'cursor', 'relationLoadStrategy'].includes(key)) throw new Untranslatable(`\`${key}\` is not translated`);
  }
  const statement = new Statement(schema, options.join ? 1 : 0);
  const ref = options.join ? q('t0') : table(model);
  const from = options.join ? `${table(model)} AS ${ref}` : ref;
  const selection = selectionOf(statement, model, args);
  const conditions = [whereSql(statement, model, ref, args.get('where'))];
  if (options.unique) conditions.push('1=1');
  if (args.has('cursor')) conditions.push(cursorSql(statement, model, ref, args));
  const present = conditions.filter((c): c is string => !!c);
  const where = present.length === 0 ? '' : ` WHERE ${present.length === 1 ? present[0] : `(${present.join(' AND ')})`}`;
  // findFirst's implicit `take: 1` does not make Prisma order by the primary key; an explicit take/skip/cursor does.
  const paginated = args.has('take') || args.has('skip') || args.has('cursor');
  const order = orderBySql(model, ref, args.get('orderBy'), paginated && !options.unique, true);
  const lateral = options.join ? lateralJoins(statement, model, ref, selection, selectionOf, (m, r, o) => orderBySql(m, r, o, false, false)) : { columns: [], joins: [] };
  const counts = options.join ? [] : selection.counts.map((c, i) => countJoin(model, ref, c.name, c.relation, i));
  const columns = childColumns(model, selection, selection.relations.flatMap((r) => r.relation.fromColumns)).map((c) => {
    const field = model.fields.find((f) => f.column === c);
    return options.join && field && field.name !== c ? `${col(ref, c)} AS ${q(field.name)}` : col(ref, c);
  });
  const select = [...columns, ...lateral.columns, ...counts.map((c) => c.column)].join(', ');
  const limit = options.take === undefined ? '' : ` LIMIT ${statement.value(options.take)}`;
  const skip = args.get('skip');
  const offset = skip ? ` OFFSET ${statement.value(skip)}` : options.join ? '' : ' OFFSET 0';
  const sql = `SELECT ${select} FROM ${from}${counts.map((c) => c.join).join('')}${joinsOf(statement)}${lateral.joins.map((j) => ` ${j}`).join('')}${where}${order}${limit}${offset}`;
  return { built: { sql, parameterNames: statement.parameterNames }, selection };
}

/** `_count: { select: { orders: true } }` as Prisma's grouped LEFT JOIN. */
function countJoin(model: PrismaModel, ref: string, name: string, relation: Relation, index: number): { column: string; join: string } {
  if (!relation.toMany || relation.fromColumns.length !== 1) throw new Untranslatable(`\`_count\` of \`${name}\` is not translated`);
  const alias = q(`aggr_selection_${index}_${relation.to.name}`);
  const countAlias = q(`_aggr_count_${name}`);
  const child = table(relation.to);
  const fk = col(child, relation.toColumns[0]);
  return {
    column: `COALESCE(${alias}.${countAlias}, 0) AS ${countAlias}`,
    join: ` LEFT JOIN (SELECT ${fk}, COUNT(*) AS ${countAlias} FROM ${child} GROUP BY ${fk}) AS ${alias} ON (${col(ref, relation.fromColumns[0])} = ${alias}.${q(relation.toColumns[0])})`,
  };
}

function selectionOf(statement: Statement, model: PrismaModel, args: Map<string, Arg>): Selection {
  const schema = statement.schema;
  const select = args.get('select');
  const selection: Selection = { fields: [], relations: [], counts: [] };
  if (select && args.has('include')) throw new Untranslatable('`select` and `include` together');
  const entries = select ? objectArg(select, 'select') : objectArg(args.get('include'), 'include');
  if (!select) selection.fields = scalarFields(model, schema);
  const omit = objectArg(args.get('omit'), 'omit');
  for (const [name, value] of entries) {
    if (value.kind === 'const' && value.value === false) continue;
    if (name === '_count') {
      const inner = value.kind === 'object' ? objectArg(objectArg(value, '_count').get('select'), '_count.select') : new Map<string, Arg>();
      for (const [counted, on] of inner) {
        const relation = relationOf(schema, model, counted);
        if (!relation) throw new Untranslatable(`\`_count.${counted}\` is not a relation of ${model.name}`);
        if (on.kind !== 'const' || on.value !== true) throw new Untranslatable(`a filtered \`_count.${counted}\` is not translated`);
        selection.counts.push({ name: counted, relation });
      }
      continue;
    }
    const field = scalarField(model, name, schema);
    if (field) {
      if (constArg(value, `select.${name}`) === true) selection.fields.push(field);
      continue;
    }
    const relation = relationOf(schema, model, name);
    if (!relation) throw new Untranslatable(`\`${name}\` is not a field of model ${model.name} (or a relation Prisma keeps in a hidden join table)`);
    selection.relations.push({ name, relation, args: value.kind === 'const' ? new Map() : objectArg(value, name) });
  }
  if (select) selection.fields = scalarFields(model, schema).filter((f) => selection.fields.includes(f));
  selection.fields = selection.fields.filter((f) => constArg(omit.get(f.name), `omit.${f.name}`) !== true);
  return selection;
}

/** The selected columns plus the keys the relations need, in the model's order. */
function childColumns(model: PrismaModel, selection: Selection, keyColumns: string[]): string[] {
  const wanted = new Set([...selection.fields.map((f) => f.column), ...keyColumns]);
  return model.fields.filter((f) => wanted.has(f.column)).map((f) => f.column);
}

function orderBySql(model: PrismaModel, ref: string, orderBy: Arg | undefined, stable: boolean, root: boolean): string {
  const items = orderBy === undefined ? [] : orderBy.kind === 'array' ? orderBy.items : [orderBy];
  const parts: string[] = [];
  for (const item of items) {
    for (const [name, direction] of objectArg(item, 'orderBy')) {
      const field = model.fields.find((f) => f.name === name && !f.list);
      if (!field || (direction.kind === 'object' && !direction.entries.has('sort'))) throw new Untranslatable(`ordering by \`${name}\` (a relation or aggregate) is not translated`);
      const sort = direction.kind === 'object' ? direction.entries.get('sort') : direction;
      const nulls = direction.kind === 'object' ? constArg(direction.entries.get('nulls'), `orderBy.${name}.nulls`) : undefined;
      const value = String(constArg(sort, `orderBy.${name}`)).toUpperCase();
      if (value !== 'ASC' && value !== 'DESC') throw new Untranslatable(`\`orderBy.${name}\` is ${literal(value)}`);
      parts.push(`${col(ref, field.column)} ${value}${nulls ? ` NULLS ${String(nulls).toUpperCase()}` : ''}`);
    }
  }
  // With take/skip/cursor and no ordering, Prisma orders by the primary key to make pages stable.
  if (parts.length === 0 && stable && root) parts.push(...model.primaryKey.map((f) => `${col(ref, model.fields.find((x) => x.name === f)?.column ?? f)} ASC`));
  return parts.length ? ` ORDER BY ${parts.join(', ')}` : '';
}

/** `cursor: { id }` ordered by that same field: Prisma's `id >= (SELECT id … WHERE id = cursor)`. */
function cursorSql(statement: Statement, model: PrismaModel, ref: string, args: Map<string, Arg>): string {
  const cursor = [...objectArg(args.get('cursor'), 'cursor')];
  const orderBy = args.get('orderBy');
  const items = orderBy === undefined ? [] : orderBy.kind === 'array' ? orderBy.items : [orderBy];
  const orders = items.flatMap((item) => [...objectArg(item, 'orderBy')]);
  const [name, value] = cursor[0] ?? [];
  const field = name ? scalarField(model, name, statement.schema) : undefined;
  const ordered = orders.length === 0 ? model.primaryKey.length === 1 && model.primaryKey[0] === name && 'asc' : orders.length === 1 && orders[0][0] === name && constArg(orders[0][1], 'orderBy');
  if (cursor.length !== 1 || !field || !ordered) throw new Untranslatable('a `cursor` on other fields than the single `orderBy` field is not translated');
  const column = col(ref, field.column);
  return `${column} ${ordered === 'desc' ? '<=' : '>='} (SELECT ${col(table(model), field.column)} FROM ${table(model)} WHERE (${col(table(model), field.column)}) = (${statement.value(value)}))`;
}

function joinsOf(statement: Statement): string {
  return statement.joins.map((j) => ` ${j}`).join('');
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}
