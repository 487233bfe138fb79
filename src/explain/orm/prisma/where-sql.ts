import { constArg, objectArg, Untranslatable, type Arg } from './call-arguments.js';
import type { PrismaModel } from './prisma-schema.js';
import { relationOf, scalarField } from './relations.js';
import { col, table, type Statement } from './sql-context.js';

const COMPARISONS: Record<string, string> = { lt: '<', lte: '<=', gt: '>', gte: '>=' };

/**
 * A `where` object as the condition Prisma's query compiler writes (Prisma 7, PostgreSQL): scalar filters,
 * `AND`/`OR`/`NOT`, to-many `some`/`every`/`none` as (NOT) EXISTS, to-one `is` (or a bare nested filter)
 * as a LEFT JOIN. Undefined when the filter is empty.
 */
export function whereSql(statement: Statement, model: PrismaModel, ref: string, where: Arg | undefined, what = 'where'): string | undefined {
  const parts: string[] = [];
  for (const [key, value] of objectArg(where, what)) {
    const part = key === 'AND' || key === 'OR' || key === 'NOT' ? logical(statement, model, ref, key, value) : fieldFilter(statement, model, ref, key, value);
    if (part) parts.push(part);
  }
  return conjunction(parts);
}

function conjunction(parts: string[], operator = 'AND'): string | undefined {
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : `(${parts.join(` ${operator} `)})`;
}

function logical(statement: Statement, model: PrismaModel, ref: string, key: 'AND' | 'OR' | 'NOT', value: Arg): string | undefined {
  const items = value.kind === 'array' ? value.items : [value];
  const parts = items.map((item) => whereSql(statement, model, ref, item, key)).filter((p): p is string => !!p);
  if (key === 'NOT') return conjunction(parts.map((p) => `(NOT ${p})`));
  if (key === 'OR' && parts.length === 0) return '1=0';
  return conjunction(parts, key === 'OR' ? 'OR' : 'AND');
}

function fieldFilter(statement: Statement, model: PrismaModel, ref: string, key: string, value: Arg): string | undefined {
  const field = scalarField(model, key, statement.schema);
  if (field) return scalarFilter(statement, col(ref, field.column), key, value, field.type === 'String');
  const relation = relationOf(statement.schema, model, key);
  if (!relation) throw new Untranslatable(`\`${key}\` is not a field of model ${model.name} (or a relation Prisma keeps in a hidden join table)`);
  if (relation.fromColumns.length !== 1) throw new Untranslatable(`the filter on \`${key}\` uses a composite key`);
  const filter = objectArg(value, key);
  const [fromColumn, toColumn] = [relation.fromColumns[0], relation.toColumns[0]];
  if (relation.toMany) {
    const parts: string[] = [];
    for (const [op, inner] of filter) {
      if (op !== 'some' && op !== 'every' && op !== 'none') throw new Untranslatable(`\`${key}.${op}\` is not a to-many relation filter`);
      const alias = statement.nextAlias('t');
      const condition = whereSql(statement, relation.to, alias, inner, `${key}.${op}`) ?? '1=1';
      const inside = [op === 'every' && condition ? `(NOT ${condition})` : condition, `(${col(ref, fromColumn)}) = (${col(alias, toColumn)})`, `${col(alias, toColumn)} IS NOT NULL`].filter(Boolean);
      const exists = `EXISTS(SELECT ${col(alias, toColumn)} FROM ${table(relation.to)} AS ${alias} WHERE (${inside.join(' AND ')}))`;
      parts.push(op === 'some' ? exists : `NOT ${exists}`);
    }
    return conjunction(parts);
  }
  const unknown = [...filter.keys()].find((op) => op === 'isNot');
  if (unknown) throw new Untranslatable(`\`${key}.isNot\` is not translated`);
  const inner = filter.has('is') ? filter.get('is') : value;
  if (inner?.kind === 'const' && inner.value === null) return `${col(ref, fromColumn)} IS NULL`;
  const alias = statement.nextAlias('j');
  statement.joins.push(`LEFT JOIN ${table(relation.to)} AS ${alias} ON (${col(alias, toColumn)}) = (${col(ref, fromColumn)})`);
  const condition = whereSql(statement, relation.to, alias, inner, `${key}.is`);
  return `(${[condition, `(${col(alias, toColumn)} IS NOT NULL)`].filter(Boolean).join(' AND ')})`;
}

function scalarFilter(statement: Statement, column: string, key: string, value: Arg, text: boolean): string | undefined {
  if (value.kind === 'const' && value.value === null) return `${column} IS NULL`;
  if (value.kind !== 'object') return `${column} = ${statement.value(value)}`;
  const insensitive = constArg(value.entries.get('mode'), `${key}.mode`) === 'insensitive';
  const parts: string[] = [];
  for (const [op, operand] of value.entries) {
    if (op === 'mode') continue;
    if (op === 'equals') parts.push(scalarFilter(statement, column, key, operand, text) ?? '');
    else if (op === 'not') {
      if (operand.kind === 'const' && operand.value === null) parts.push(`${column} IS NOT NULL`);
      else if (operand.kind === 'object') parts.push(`(NOT ${scalarFilter(statement, column, key, operand, text)})`);
      else parts.push(`${column} <> ${statement.value(operand)}`);
    } else if (op in COMPARISONS) parts.push(`${column} ${COMPARISONS[op]} ${statement.value(operand)}`);
    else if (op === 'in' || op === 'notIn') {
      const items = operand.kind === 'array' ? operand.items.map((item) => statement.value(item)) : [statement.value(operand)];
      // An empty list matches nothing (in) or everything (notIn): Prisma does not send the comparison.
      parts.push(items.length === 0 ? (op === 'in' ? '1=0' : '1=1') : `${column} ${op === 'in' ? 'IN' : 'NOT IN'} (${items.join(',')})`);
    } else if (op === 'contains' || op === 'startsWith' || op === 'endsWith') {
      const v = statement.value(operand);
      const pattern = op === 'contains' ? `('%' || ${v} || '%')` : op === 'startsWith' ? `(${v} || '%')` : `('%' || ${v})`;
      parts.push(insensitive ? `${column} ILIKE ${pattern}` : `${column}${text ? '::text' : ''} LIKE ${pattern}`);
    } else throw new Untranslatable(`the filter \`${key}.${op}\` is not translated`);
  }
  return conjunction(parts.filter(Boolean));
}

