import { quoteIdent as q, SqlParameters, untranslatable } from '../sql-values.js';
import type { Entity, EntityMap, EntityRelation } from './entities.js';

/**
 * One TypeORM SELECT as SelectQueryBuilder builds it (typeorm/query-builder/SelectQueryBuilder.js), from
 * find options or a createQueryBuilder chain, rendered the way TypeORM renders it: `"alias"."column" AS
 * "alias_column"`, joins as `LEFT JOIN "table" "alias" ON …`, and with a join plus take/skip the two
 * statements TypeORM sends (SELECT DISTINCT of the page's ids, then the rows of those ids).
 */
export interface Join {
  alias: string;
  entity: Entity;
  kind: 'LEFT' | 'INNER';
  on: string;
  select: boolean;
}

export interface SelectPlan {
  entity: Entity;
  alias: string;
  joins: Join[];
  /** Conditions joined with AND (each already parenthesised as needed). */
  where: string[];
  /** `"alias"."column" DESC`, with the alias and column kept for the DISTINCT form. */
  order: Array<{ alias: string; column: string; direction: 'ASC' | 'DESC'; nulls?: string }>;
  take?: string;
  skip?: string;
  /** LIMIT/OFFSET given as such (`.limit()`): never the DISTINCT form. */
  limit?: string;
  offset?: string;
  /** Selected properties of the main alias (find's `select`); all columns when undefined. */
  columns?: string[];
  parameters: SqlParameters;
  withDeleted: boolean;
}

export function newPlan(entity: Entity, alias: string): SelectPlan {
  return { entity, alias, joins: [], where: [], order: [], parameters: new SqlParameters(), withDeleted: false };
}

/** Joins `relation` of the entity at `parentAlias` as `alias`; returns the join. */
export function joinRelation(plan: SelectPlan, entities: EntityMap, parent: Join | SelectPlan, relationName: string, alias: string, kind: 'LEFT' | 'INNER', select: boolean): Join {
  const relation = parent.entity.relations.find((r) => r.property === relationName);
  if (!relation) untranslatable(`${parent.entity.className} has no relation \`${relationName}\``);
  if (relation.kind === 'many-to-many') untranslatable(`${parent.entity.className}.${relationName} is a many-to-many relation (its join table is not translated)`);
  const target = entities.get(relation.target);
  if (!target) untranslatable(`the entity ${relation.target} of ${parent.entity.className}.${relationName} was not found`);
  if (target.unsupported) untranslatable(target.unsupported);
  const join: Join = { alias, entity: target, kind, select, on: onCondition(parent, relation, target, alias) };
  plan.joins.push(join);
  return join;
}

function onCondition(parent: Join | SelectPlan, relation: EntityRelation, target: Entity, alias: string): string {
  let on: string;
  if (relation.joinColumn) {
    const referenced = column(target, relation.joinColumn.referenced ?? '');
    on = `${q(alias)}.${q(referenced)}=${q(parent.alias)}.${q(relation.joinColumn.name ?? '')}`;
  } else {
    const inverse = target.relations.find((r) => r.property === relation.inverse && r.joinColumn);
    if (!inverse?.joinColumn) untranslatable(`the inverse side of ${parent.entity.className}.${relation.property} (\`${relation.inverse ?? '?'}\` on ${target.className}) has no join column`);
    on = `${q(alias)}.${q(inverse.joinColumn.name ?? '')}=${q(parent.alias)}.${q(column(parent.entity, inverse.joinColumn.referenced ?? ''))}`;
  }
  const deleted = target.columns.find((c) => c.special === 'delete-date');
  return deleted ? `(${on}) AND (${q(alias)}.${q(deleted.column)} IS NULL)` : on;
}

/** The column of a property (a column's property, or a relation's join column). */
export function column(entity: Entity, property: string): string {
  const found = entity.columns.find((c) => c.property === property) ?? entity.columns.find((c) => c.relation === property);
  if (!found) untranslatable(`${entity.className} has no column \`${property}\``);
  return found.column;
}

export interface Rendered {
  sql: string;
  parameterNames: string[];
  followUps: Array<{ sql: string; parameterNames: string[] }>;
  note?: string;
}

/** The statement(s) TypeORM sends for getMany/find. */
export function renderSelect(plan: SelectPlan): Rendered {
  const where = conditions(plan);
  const whereSql = where.length ? ` WHERE ${where.join(' AND ')}` : '';
  const whereNames = [...plan.parameters.names];
  const base = `SELECT ${selection(plan)} FROM ${q(plan.entity.table)} ${q(plan.alias)}${joinsSql(plan)}${whereSql}`;
  const orderBy = plan.order.length ? ` ORDER BY ${plan.order.map((o) => `${q(o.alias)}.${q(o.column)} ${o.direction}${o.nulls ? ` ${o.nulls}` : ''}`).join(', ')}` : '';
  if ((plan.take || plan.skip) && plan.joins.length > 0) return distinctPage(plan, base, whereSql, whereNames, orderBy);
  const limit = plan.limit ?? plan.take;
  const offset = plan.offset ?? plan.skip;
  return { sql: `${base}${orderBy}${limit ? ` LIMIT ${limit}` : ''}${offset ? ` OFFSET ${offset}` : ''}`, parameterNames: plan.parameters.names, followUps: [] };
}

/** find's `count`, the query builder's getCount: COUNT(1) without joins, COUNT(DISTINCT primary key) with them. */
export function renderCount(plan: SelectPlan, distinct: boolean): Rendered {
  const where = conditions(plan);
  const primary = plan.entity.columns.filter((c) => c.primary).map((c) => `${q(plan.alias)}.${q(c.column)}`);
  const counted = distinct || plan.joins.length > 0 ? `COUNT(DISTINCT(${primary.join(', ')}))` : 'COUNT(1)';
  const sql = `SELECT ${counted} AS "cnt" FROM ${q(plan.entity.table)} ${q(plan.alias)}${joinsSql(plan)}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
  return { sql, parameterNames: plan.parameters.names, followUps: [] };
}

function conditions(plan: SelectPlan): string[] {
  const deleted = plan.entity.columns.find((c) => c.special === 'delete-date');
  const where = plan.where.length > 1 ? plan.where.map((w) => `(${w})`) : [...plan.where];
  if (deleted && !plan.withDeleted) where.push(`(${q(plan.alias)}.${q(deleted.column)} IS NULL)`);
  return where;
}

function selection(plan: SelectPlan): string {
  const own = plan.entity.columns.filter((c) => !plan.columns || c.primary || plan.columns.includes(c.property));
  const parts = own.map((c) => `${q(plan.alias)}.${q(c.column)} AS ${q(`${plan.alias}_${c.column}`)}`);
  for (const join of plan.joins.filter((j) => j.select)) {
    parts.push(...join.entity.columns.map((c) => `${q(join.alias)}.${q(c.column)} AS ${q(`${join.alias}_${c.column}`)}`));
  }
  return parts.join(', ');
}

function joinsSql(plan: SelectPlan): string {
  return plan.joins.map((j) => ` ${j.kind} JOIN ${q(j.entity.table)} ${q(j.alias)} ON ${j.on}`).join('');
}

/**
 * With joins, LIMIT would cut joined rows, so TypeORM pages the ids first (SelectQueryBuilder.executeEntitiesAndRawResults):
 * SELECT DISTINCT of the primary key and order columns over the whole query, then the rows of those ids.
 */
function distinctPage(plan: SelectPlan, base: string, whereSql: string, whereNames: string[], orderBy: string): Rendered {
  const primary = plan.entity.columns.filter((c) => c.primary);
  if (primary.length !== 1) untranslatable(`${plan.entity.className} has a composite primary key (TypeORM's paging of joined rows is not translated for it)`);
  const id = `${plan.alias}_${primary[0].column}`;
  const orderAliases = plan.order.map((o) => ({ name: `${o.alias}_${o.column}`, direction: o.direction, nulls: o.nulls }));
  const selected = [`"distinctAlias".${q(id)} AS ${q(`ids_${id}`)}`, ...orderAliases.filter((o) => o.name !== id).map((o) => `"distinctAlias".${q(o.name)}`)];
  const pageOrder = [...orderAliases.map((o) => `"distinctAlias".${q(o.name)} ${o.direction}${o.nulls ? ` ${o.nulls}` : ''}`)];
  if (!orderAliases.some((o) => o.name === id)) pageOrder.push(`${q(id)} ASC`);
  const limit = plan.take ? ` LIMIT ${plan.take}` : '';
  const offset = plan.skip ? ` OFFSET ${plan.skip}` : '';
  const sql = `SELECT DISTINCT ${selected.join(', ')} FROM (${base}) "distinctAlias" ORDER BY ${pageOrder.join(', ')}${limit}${offset}`;
  const ids = `${q(plan.alias)}.${q(primary[0].column)}`;
  const idsParameter = `$${whereNames.length + 1}`;
  const rows = `${base}${whereSql ? ' AND' : ' WHERE'} (${ids} = ANY(${idsParameter}))${orderBy}`;
  return {
    sql,
    parameterNames: plan.parameters.names,
    followUps: [{ sql: rows, parameterNames: [...whereNames, `the ids the first statement returns`] }],
    note: 'with a join and take/skip TypeORM sends two statements: the page of ids (SELECT DISTINCT), then the rows of those ids',
  };
}
