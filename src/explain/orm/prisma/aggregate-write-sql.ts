import { constArg, objectArg, Untranslatable, type Arg } from './call-arguments.js';
import { q } from './prisma-ddl.js';
import type { PrismaModel } from './prisma-schema.js';
import { scalarField, scalarFields } from './relations.js';
import { col, Statement, table } from './sql-context.js';
import type { BuiltStatement } from './read-sql.js';
import { whereSql } from './where-sql.js';

const AGGREGATES: Record<string, string> = { _count: 'COUNT', _avg: 'AVG', _sum: 'SUM', _min: 'MIN', _max: 'MAX' };

function only(args: Map<string, Arg>, allowed: string[], method: string): void {
  for (const key of args.keys()) if (!allowed.includes(key)) throw new Untranslatable(`\`${key}\` in \`${method}\` is not translated`);
}

function whereClause(statement: Statement, model: PrismaModel, ref: string, args: Map<string, Arg>, unique = false): string {
  const where = whereSql(statement, model, ref, args.get('where'));
  if (unique) return ` WHERE (${where ?? '1=1'} AND 1=1)`;
  return where ? ` WHERE ${where}` : '';
}

function pkColumns(model: PrismaModel): string[] {
  return model.primaryKey.map((f) => model.fields.find((x) => x.name === f)?.column ?? f);
}

/** `count` as Prisma sends it: COUNT(*) over a subquery of the matching keys. */
export function countStatement(schema: Statement['schema'], model: PrismaModel, args: Map<string, Arg>): BuiltStatement {
  only(args, ['where', 'take', 'skip'], 'count');
  const statement = new Statement(schema);
  const ref = table(model);
  const where = whereClause(statement, model, ref, args);
  const take = args.get('take');
  const page = take ? ` ORDER BY ${pkColumns(model).map((c) => `${col(ref, c)} ASC`).join(', ')} LIMIT ${statement.value(take)}` : '';
  const skip = args.get('skip');
  const inner = `SELECT ${pkColumns(model).map((c) => col(ref, c)).join(', ')} FROM ${ref}${statement.joins.map((j) => ` ${j}`).join('')}${where}${page} OFFSET ${skip ? statement.value(skip) : 0}`;
  return { sql: `SELECT COUNT(*) AS "_count$_all" FROM (${inner}) AS "sub"`, parameterNames: statement.parameterNames };
}

/** The aggregate expressions of `_count`/`_sum`/… and the columns they read. */
function aggregates(model: PrismaModel, args: Map<string, Arg>, schema: Statement['schema'], alias: (c: string) => string): { select: string[]; columns: string[] } {
  const select: string[] = [];
  const columns: string[] = [];
  // In the order the call writes them, as Prisma does.
  for (const [key, value] of args) {
    const fn = AGGREGATES[key];
    if (!fn) continue;
    const entries = value.kind === 'const' && key === '_count' ? new Map<string, Arg>([['_all', value]]) : objectArg(value, key);
    for (const [name, on] of entries) {
      if (constArg(on, `${key}.${name}`) !== true) continue;
      if (name === '_all' && key === '_count') {
        select.push(`COUNT(*) AS ${q('_count$_all')}`);
        continue;
      }
      const field = scalarField(model, name, schema);
      if (!field) throw new Untranslatable(`\`${key}.${name}\` is not a field of ${model.name}`);
      select.push(`${fn}(${alias(field.column)}) AS ${q(`${key}$${field.column}`)}`);
      if (!columns.includes(field.column)) columns.push(field.column);
    }
  }
  return { select, columns };
}

export function aggregateStatement(schema: Statement['schema'], model: PrismaModel, args: Map<string, Arg>): BuiltStatement {
  only(args, ['where', ...Object.keys(AGGREGATES)], 'aggregate');
  const statement = new Statement(schema);
  const ref = table(model);
  const { select, columns } = aggregates(model, args, schema, (c) => q(c));
  if (select.length === 0) throw new Untranslatable('an `aggregate` without `_count`/`_sum`/`_avg`/`_min`/`_max`');
  for (const c of pkColumns(model)) if (!columns.includes(c) && args.has('_count')) columns.push(c);
  const where = whereClause(statement, model, ref, args);
  const inner = `SELECT ${columns.map((c) => col(ref, c)).join(', ')} FROM ${ref}${statement.joins.map((j) => ` ${j}`).join('')}${where} OFFSET 0`;
  return { sql: `SELECT ${select.join(', ')} FROM (${inner}) AS "sub"`, parameterNames: statement.parameterNames };
}

export function groupByStatement(schema: Statement['schema'], model: PrismaModel, args: Map<string, Arg>): BuiltStatement {
  only(args, ['by', 'where', ...Object.keys(AGGREGATES)], 'groupBy');
  const statement = new Statement(schema);
  const ref = table(model);
  const by = args.get('by');
  const names = by?.kind === 'array' ? by.items.map((i) => constArg(i, 'by')) : [constArg(by, 'by')];
  const columns = names.map((name) => {
    const field = typeof name === 'string' ? scalarField(model, name, schema) : undefined;
    if (!field) throw new Untranslatable(`\`by\` names \`${String(name)}\`, not a field of ${model.name}`);
    return col(ref, field.column);
  });
  const { select } = aggregates(model, args, schema, (c) => col(ref, c));
  const where = whereClause(statement, model, ref, args);
  return { sql: `SELECT ${[...select, ...columns].join(', ')} FROM ${ref}${statement.joins.map((j) => ` ${j}`).join('')}${where} GROUP BY ${columns.join(', ')} OFFSET 0`, parameterNames: statement.parameterNames };
}

/** update/updateMany/delete/deleteMany: one statement; the single-row forms return every column. */
export function writeStatement(schema: Statement['schema'], model: PrismaModel, method: string, args: Map<string, Arg>): BuiltStatement {
  const update = method.startsWith('update');
  const single = method === 'update' || method === 'delete';
  only(args, update ? ['where', 'data'] : ['where'], method);
  const statement = new Statement(schema);
  const ref = table(model);
  let set = '';
  if (update) {
    const assignments: string[] = [];
    for (const [name, value] of objectArg(args.get('data'), 'data')) {
      const field = scalarField(model, name, schema);
      if (!field) throw new Untranslatable(`\`data.${name}\` writes a relation (a nested write) and is not translated`);
      const operand = value.kind === 'object' ? value.entries.get('set') : value;
      if (!operand || (value.kind === 'object' && value.entries.size !== 1)) throw new Untranslatable(`\`data.${name}\` (an atomic operation) is not translated`);
      assignments.push(`${q(field.column)} = ${statement.value(operand)}`);
    }
    if (assignments.length === 0) throw new Untranslatable('`data` is empty');
    set = ` SET ${assignments.join(', ')}`;
  }
  const where = whereClause(statement, model, ref, args, single);
  const returning = single ? ` RETURNING ${scalarFields(model, schema).map((f) => col(ref, f.column)).join(', ')}` : '';
  const head = update ? `UPDATE ${ref}${set}` : `DELETE FROM ${ref}`;
  if (statement.joins.length > 0) throw new Untranslatable(`a relation filter in \`${method}\` is not translated`);
  return { sql: `${head}${where}${returning}`, parameterNames: statement.parameterNames };
}
