import { Node } from 'ts-morph';
import { skipOuterExpressions } from '../../../analysis/outer-expressions.js';
import { constantOf, objectProperties, quoteIdent as q, quoteLiteral, short, untranslatable } from '../sql-values.js';
import type { Entity, EntityMap } from './entities.js';
import { column, joinRelation, newPlan, renderCount, renderSelect, type Join, type Rendered, type SelectPlan } from './select-plan.js';

/** Repository and EntityManager methods, and what they send (typeorm/repository/Repository.js). */
export const FIND_METHODS: Record<string, { argument: 'options' | 'where'; result: 'many' | 'one' | 'count' | 'many-and-count' }> = {
  find: { argument: 'options', result: 'many' },
  findBy: { argument: 'where', result: 'many' },
  findOne: { argument: 'options', result: 'one' },
  findOneBy: { argument: 'where', result: 'one' },
  findOneOrFail: { argument: 'options', result: 'one' },
  findOneByOrFail: { argument: 'where', result: 'one' },
  findAndCount: { argument: 'options', result: 'many-and-count' },
  findAndCountBy: { argument: 'where', result: 'many-and-count' },
  count: { argument: 'options', result: 'count' },
  countBy: { argument: 'where', result: 'count' },
};

const OPTIONS = new Set(['where', 'relations', 'order', 'take', 'skip', 'select', 'withDeleted']);

/** The SQL of `repo.<method>(argument)` on `entity`. */
export function translateFind(entity: Entity, entities: EntityMap, method: string, argument: Node | undefined): Rendered {
  const { argument: kind, result } = FIND_METHODS[method];
  const plan = newPlan(entity, entity.className);
  const options = argument === undefined ? new Map<string, Node>() : kind === 'where' ? new Map([['where', argument]]) : objectProperties(argument, 'the find options');
  for (const key of options.keys()) if (!OPTIONS.has(key)) untranslatable(`the find option \`${key}\` is not translated`);
  if (options.has('withDeleted')) plan.withDeleted = constantOf(options.get('withDeleted') as Node)?.value === true;
  const relations = options.get('relations');
  if (relations) addRelations(plan, entities, plan, relations);
  if (entity.relations.some((r) => r.eager)) untranslatable(`${entity.className} has eager relations (TypeORM joins them into every find)`);
  const select = options.get('select');
  if (select) plan.columns = selectedProperties(select);
  const where = options.get('where');
  if (where) {
    const condition = whereCondition(plan, entities, plan, where);
    if (condition) plan.where.push(condition);
  }
  const whereParameters = plan.parameters.names.length;
  const order = options.get('order');
  if (order) addOrder(plan, entities, plan, order);
  const take = options.get('take');
  if (take) plan.take = plan.parameters.value(take);
  const skip = options.get('skip');
  if (skip) plan.skip = plan.parameters.value(skip);
  if (result === 'one') plan.take = '1';
  if (result === 'count') return renderCount(plan, false);
  const rendered = renderSelect(plan);
  if (result !== 'many-and-count') return rendered;
  const count = renderCount({ ...plan, take: undefined, skip: undefined, order: [] }, true);
  return { ...rendered, followUps: [...rendered.followUps, { sql: count.sql, parameterNames: count.parameterNames.slice(0, whereParameters) }] };
}

function addRelations(plan: SelectPlan, entities: EntityMap, parent: SelectPlan | Join, relations: Node): void {
  const node = skipOuterExpressions(relations);
  if (Node.isArrayLiteralExpression(node)) {
    for (const element of node.getElements()) {
      const path = constantOf(element)?.value;
      if (typeof path !== 'string') untranslatable(`a relation name is built at run time (\`${short(element.getText())}\`)`);
      let at: SelectPlan | Join = parent;
      for (const name of path.split('.')) at = ensureJoin(plan, entities, at, name, true);
    }
    return;
  }
  for (const [name, value] of objectProperties(node, 'the relations')) {
    const constant = constantOf(value);
    if (constant?.value === false) continue;
    const join = ensureJoin(plan, entities, parent, name, true);
    if (!constant) addRelations(plan, entities, join, value);
    else if (constant.value !== true) untranslatable(`the relation \`${name}\` is not \`true\``);
  }
}

/** find's relation aliases: `Order__Order_user`, then `Order__Order_user__Order__Order_user_address`… (DriverUtils.buildAlias). */
function ensureJoin(plan: SelectPlan, entities: EntityMap, parent: SelectPlan | Join, name: string, select: boolean): Join {
  const alias = `${parent.alias}__${parent.alias}_${name}`;
  const existing = plan.joins.find((j) => j.alias === alias);
  if (existing) {
    existing.select ||= select;
    return existing;
  }
  return joinRelation(plan, entities, parent, name, alias, 'LEFT', select);
}

function selectedProperties(select: Node): string[] {
  const node = skipOuterExpressions(select);
  if (Node.isArrayLiteralExpression(node)) {
    return node.getElements().map((e) => {
      const name = constantOf(e)?.value;
      if (typeof name !== 'string') untranslatable(`a selected column is built at run time (\`${short(e.getText())}\`)`);
      return name;
    });
  }
  return [...objectProperties(node, 'the select')].map(([name, value]) => {
    if (constantOf(value)?.value !== true) untranslatable(`the select of \`${name}\` is not \`true\` (nested selects are not translated)`);
    return name;
  });
}

function whereCondition(plan: SelectPlan, entities: EntityMap, at: SelectPlan | Join, where: Node): string | undefined {
  const node = skipOuterExpressions(where);
  if (Node.isArrayLiteralExpression(node)) {
    const alternatives = node.getElements().map((e) => whereCondition(plan, entities, at, e)).filter((c): c is string => !!c);
    return alternatives.length ? `(${alternatives.map((c) => `(${c})`).join(' OR ')})` : undefined;
  }
  const parts: string[] = [];
  for (const [name, value] of objectProperties(node, 'the where')) {
    const relation = at.entity.relations.find((r) => r.property === name);
    if (relation) {
      if (!Node.isObjectLiteralExpression(skipOuterExpressions(value))) untranslatable(`the where on the relation \`${name}\` is not an object literal`);
      const join = ensureJoin(plan, entities, at, name, false);
      const nested = whereCondition(plan, entities, join, value);
      if (nested) parts.push(nested);
      continue;
    }
    parts.push(operatorCondition(plan, `${q(at.alias)}.${q(column(at.entity, name))}`, value));
  }
  return parts.length ? `(${parts.join(' AND ')})` : undefined;
}

const COMPARISONS: Record<string, string> = { Equal: '=', MoreThan: '>', MoreThanOrEqual: '>=', LessThan: '<', LessThanOrEqual: '<=', Like: 'LIKE', ILike: 'ILIKE' };

/** A where value: a constant or a run-time value (`=`), or one of TypeORM's FindOperators (typeorm/find-options/operator/). */
function operatorCondition(plan: SelectPlan, target: string, value: Node): string {
  const node = skipOuterExpressions(value);
  const constant = constantOf(node);
  if (constant?.value === null) untranslatable(`\`null\` in a where (TypeORM refuses it; use \`IsNull()\`)`);
  if (!Node.isCallExpression(node)) {
    if (Node.isObjectLiteralExpression(node) || Node.isArrayLiteralExpression(node)) untranslatable(`the where value \`${short(node.getText())}\` is not translated`);
    return `${target} = ${plan.parameters.value(node)}`;
  }
  const name = node.getExpression().getText();
  const args = node.getArguments();
  if (COMPARISONS[name] && args.length === 1) return `${target} ${COMPARISONS[name]} ${plan.parameters.value(args[0])}`;
  if (name === 'IsNull' && args.length === 0) return `${target} IS NULL`;
  if (name === 'Not' && args.length === 1) return `NOT(${operatorCondition(plan, target, args[0])})`;
  if (name === 'Between' && args.length === 2) return `${target} BETWEEN ${plan.parameters.value(args[0])} AND ${plan.parameters.value(args[1])}`;
  if (name === 'In' && args.length === 1) return inList(plan, target, args[0]);
  if (name === 'Any' && args.length === 1) return `${target} = ANY(${plan.parameters.value(args[0])})`;
  return untranslatable(`the where operator \`${short(node.getText())}\` is not translated`);
}

/** `In([...constants])` stays a list; `In(ids)` is one array parameter (TypeORM expands it to $1, $2, … at run time). */
function inList(plan: SelectPlan, target: string, list: Node): string {
  const node = skipOuterExpressions(list);
  if (Node.isArrayLiteralExpression(node) && node.getElements().every((e) => constantOf(e))) {
    const values = node.getElements().map((e) => quoteLiteral(constantOf(e)?.value ?? null));
    return values.length ? `${target} IN (${values.join(', ')})` : '0=1';
  }
  if (Node.isArrayLiteralExpression(node)) untranslatable(`the list \`${short(node.getText())}\` mixes run-time values`);
  return `${target} = ANY(${plan.parameters.parameter(node.getText())})`;
}

function addOrder(plan: SelectPlan, entities: EntityMap, at: SelectPlan | Join, order: Node): void {
  for (const [name, value] of objectProperties(order, 'the order')) {
    const relation = at.entity.relations.find((r) => r.property === name);
    if (relation) {
      addOrder(plan, entities, ensureJoin(plan, entities, at, name, false), value);
      continue;
    }
    const direction = orderDirection(value);
    plan.order.push({ alias: at.alias, column: column(at.entity, name), ...direction });
  }
}

function orderDirection(value: Node): { direction: 'ASC' | 'DESC'; nulls?: string } {
  const node = skipOuterExpressions(value);
  const constant = constantOf(node)?.value;
  if (constant !== undefined) {
    const text = String(constant).toUpperCase();
    if (text === 'ASC' || text === '1') return { direction: 'ASC' };
    if (text === 'DESC' || text === '-1') return { direction: 'DESC' };
  }
  if (Node.isObjectLiteralExpression(node)) {
    const props = objectProperties(node, 'the order');
    const direction = props.get('direction');
    const nulls = props.get('nulls');
    const d = direction ? orderDirection(direction).direction : 'ASC';
    const n = nulls ? constantOf(nulls)?.value : undefined;
    if (nulls && typeof n !== 'string') untranslatable(`the order's nulls is chosen at run time`);
    return { direction: d, nulls: n ? `NULLS ${String(n).toUpperCase()}` : undefined };
  }
  return untranslatable(`the order direction is chosen at run time (\`${short(value.getText())}\`)`);
}
