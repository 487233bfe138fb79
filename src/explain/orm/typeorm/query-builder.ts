import { Node, type CallExpression } from 'ts-morph';
import { skipOuterExpressions } from '../../../analysis/outer-expressions.js';
import { constantOf, objectProperties, quoteIdent as q, quoteLiteral, short, untranslatable } from '../sql-values.js';
import type { Entity, EntityMap } from './entities.js';
import { column, joinRelation, newPlan, renderCount, renderSelect, type Join, type Rendered, type SelectPlan } from './select-plan.js';

/** The methods that send the query a createQueryBuilder chain built (typeorm/query-builder/SelectQueryBuilder.js). */
export const QB_TERMINALS = new Set(['getMany', 'getOne', 'getOneOrFail', 'getRawMany', 'getRawOne', 'getManyAndCount', 'getCount']);
const JOINS: Record<string, { kind: 'LEFT' | 'INNER'; select: boolean }> = {
  leftJoin: { kind: 'LEFT', select: false }, leftJoinAndSelect: { kind: 'LEFT', select: true },
  innerJoin: { kind: 'INNER', select: false }, innerJoinAndSelect: { kind: 'INNER', select: true },
};

/** The SQL of a chain `<start>.createQueryBuilder('o')….getMany()`; `links` are the calls after createQueryBuilder. */
export function translateQueryBuilder(entity: Entity, entities: EntityMap, alias: string, links: CallExpression[]): Rendered {
  const plan = newPlan(entity, alias);
  let terminal = '';
  for (const link of links) {
    const method = (link.getExpression() as import('ts-morph').PropertyAccessExpression).getName();
    const args = link.getArguments();
    if (JOINS[method]) addJoin(plan, entities, args, JOINS[method]);
    else if (method === 'where' || method === 'andWhere') addWhere(plan, args, 'AND', method === 'where');
    else if (method === 'orWhere') addWhere(plan, args, 'OR', false);
    else if (method === 'orderBy' || method === 'addOrderBy') addOrder(plan, args, method === 'orderBy');
    else if (method === 'take' || method === 'skip' || method === 'limit' || method === 'offset') {
      if (args[0]) plan[method === 'take' ? 'take' : method === 'skip' ? 'skip' : method] = plan.parameters.value(args[0]);
    } else if (method === 'withDeleted') plan.withDeleted = true;
    else if (QB_TERMINALS.has(method)) terminal = method;
    else untranslatable(`the query builder method \`${method}\` is not translated`);
  }
  if (terminal === 'getCount') return renderCount(plan, true);
  const rendered = renderSelect(plan);
  if (terminal !== 'getManyAndCount') return rendered;
  const count = renderCount({ ...plan, take: undefined, skip: undefined, order: [] }, true);
  return { ...rendered, followUps: [...rendered.followUps, { sql: count.sql, parameterNames: count.parameterNames.filter((n) => rendered.parameterNames.includes(n)) }] };
}

function addJoin(plan: SelectPlan, entities: EntityMap, args: Node[], how: { kind: 'LEFT' | 'INNER'; select: boolean }): void {
  const path = args[0] && constantOf(args[0])?.value;
  const alias = args[1] && constantOf(args[1])?.value;
  if (typeof path !== 'string' || typeof alias !== 'string') untranslatable(`a join names its relation or alias at run time`);
  const [parentAlias, relation, ...rest] = path.split('.');
  const parent = parentAlias === plan.alias ? plan : plan.joins.find((j) => j.alias === parentAlias);
  if (!parent || !relation || rest.length) untranslatable(`the join \`${path}\` is not a relation of a known alias (joins of entities or subqueries are not translated)`);
  const join = joinRelation(plan, entities, parent, relation, alias, how.kind, how.select);
  if (args[2]) join.on = `${join.on} AND (${conditionText(plan, args[2], args[3])})`;
}

function addWhere(plan: SelectPlan, args: Node[], glue: 'AND' | 'OR', first: boolean): void {
  if (!args[0]) untranslatable('a where without a condition');
  const condition = conditionText(plan, args[0], args[1]);
  if (first) plan.where.length = 0;
  if (plan.where.length === 0) plan.where.push(condition);
  else plan.where[plan.where.length - 1] = `${plan.where[plan.where.length - 1]} ${glue} ${condition}`;
}

/** A where string: `alias.property` becomes the quoted column, `:name` the value from the parameters object. */
function conditionText(plan: SelectPlan, conditionNode: Node, parametersNode: Node | undefined): string {
  const text = constantOf(conditionNode)?.value;
  if (typeof text !== 'string') untranslatable(`the condition is not a constant string (\`${short(conditionNode.getText())}\`)`);
  const values = parametersNode ? objectProperties(parametersNode, 'the parameters') : new Map<string, Node>();
  const aliases = new Map<string, Entity>([[plan.alias, plan.entity], ...plan.joins.map((j: Join) => [j.alias, j.entity] as [string, Entity])]);
  const withColumns = text.replace(/\b([A-Za-z_]\w*)\.([A-Za-z_]\w*)\b/g, (match, alias: string, property: string) => {
    const entity = aliases.get(alias);
    return entity ? `${q(alias)}.${q(column(entity, property))}` : match;
  });
  return withColumns.replace(/(\bIN\s*\(\s*)?(?<!:):(\.\.\.)?([A-Za-z_]\w*)(\s*\))?/gi, (match, inOpen: string | undefined, spread: string | undefined, name: string, close: string | undefined) => {
    const value = values.get(name);
    if (!value) untranslatable(`the parameter \`:${name}\` has no value in the parameters object`);
    if (!spread) return `${inOpen ?? ''}${plan.parameters.value(value)}${close ?? ''}`;
    if (!inOpen || !close) untranslatable(`the list parameter \`:...${name}\` is not inside IN (…)`);
    const list = skipOuterExpressions(value);
    if (Node.isArrayLiteralExpression(list) && list.getElements().every((e) => constantOf(e))) {
      return `IN (${list.getElements().map((e) => quoteLiteral(constantOf(e)?.value ?? null)).join(', ')})`;
    }
    return `= ANY(${plan.parameters.parameter(value.getText())})`;
  });
}

function addOrder(plan: SelectPlan, args: Node[], replace: boolean): void {
  const sort = args[0] && constantOf(args[0])?.value;
  if (typeof sort !== 'string') untranslatable('the order is not a constant `alias.property`');
  const [alias, property, ...rest] = sort.split('.');
  const entity = alias === plan.alias ? plan.entity : plan.joins.find((j) => j.alias === alias)?.entity;
  if (!entity || !property || rest.length) untranslatable(`the order \`${sort}\` is not \`alias.property\` of a known alias`);
  const direction = args[1] ? constantOf(args[1])?.value : 'ASC';
  if (direction !== 'ASC' && direction !== 'DESC') untranslatable(`the order direction is chosen at run time`);
  const nulls = args[2] ? constantOf(args[2])?.value : undefined;
  if (args[2] && typeof nulls !== 'string') untranslatable(`the order's nulls is chosen at run time`);
  if (replace) plan.order = [];
  plan.order.push({ alias, column: column(entity, property), direction, nulls: typeof nulls === 'string' ? nulls : undefined });
}
