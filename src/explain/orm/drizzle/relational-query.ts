import * as operators from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { Node, type CallExpression } from 'ts-morph';
import { skipOuterExpressions } from '../../../analysis/outer-expressions.js';
import { code, type BuilderChain } from '../builder-chain.js';
import { finishStatement, Placeholder, type Finished } from '../compiled-statement.js';
import { constantOf, Untranslatable, untranslatable } from '../sql-values.js';
import type { DrizzleRelations } from './drizzle-relations.js';
import type { DrizzleSchema } from './drizzle-tables.js';

/**
 * Drizzle's relational queries (`db.query.orders.findMany({ columns, with, where, orderBy, limit })`) compiled by
 * drizzle-orm itself: `drizzle.mock({ schema })` over the rebuilt tables and relations, the options rebuilt from
 * the code. A `where`/`orderBy` callback is turned into a function Drizzle calls with its own aliased columns and
 * operators, evaluating only column references, the operators below and values (as `sql.placeholder`).
 */
const FINDERS = new Set(['findMany', 'findFirst']);
const CONFIG_KEYS = new Set(['columns', 'with', 'where', 'orderBy', 'limit', 'offset']);
const OPERATORS = new Set(['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'and', 'or', 'not', 'isNull', 'isNotNull', 'inArray', 'notInArray', 'like', 'ilike', 'notLike', 'notIlike', 'between', 'notBetween', 'asc', 'desc']);
/** Operators whose first argument is a column and the rest values. */
const COMPARISONS = new Set(['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'inArray', 'notInArray', 'like', 'ilike', 'notLike', 'notIlike', 'between', 'notBetween']);

/** `db.query.orders.findMany(…)`: the table key and the finder, when the chain is one. */
export function relationalCall(chain: BuilderChain, schema: DrizzleSchema): { table: string; method: string; call: CallExpression } | undefined {
  const [query, table, finder] = chain.steps;
  if (query?.name !== 'query' || query.args || !table || table.args || !finder?.args || !FINDERS.has(finder.name)) return undefined;
  if (!schema.tables.has(table.name) && !schema.skipped.has(table.name)) return undefined;
  let call: Node | undefined = chain.node;
  while (call && Node.isCallExpression(call) && !(Node.isPropertyAccessExpression(call.getExpression()) && FINDERS.has((call.getExpression() as import('ts-morph').PropertyAccessExpression).getName()))) {
    const callee = call.getExpression();
    call = Node.isPropertyAccessExpression(callee) ? callee.getExpression() : undefined;
  }
  return call && Node.isCallExpression(call) ? { table: table.name, method: finder.name, call } : undefined;
}

export function translateRelational(found: { table: string; method: string; call: CallExpression }, schema: DrizzleSchema, relations: DrizzleRelations): Finished {
  try {
    if (schema.skipped.has(found.table)) untranslatable(`the table \`${found.table}\` is not rebuilt (${schema.skipped.get(found.table)})`);
    const [optionsNode] = found.call.getArguments();
    const tables: Scope = new Map(schema.tables);
    const config = optionsNode ? readConfig(optionsNode, tables) : undefined;
    const db = drizzle.mock({ schema: { ...Object.fromEntries(schema.tables), ...Object.fromEntries(relations.relations) } }) as unknown as { query: Record<string, Record<string, (c: unknown) => { toSQL(): { sql: string; params: unknown[] } }>> };
    let compiled: { sql: string; params: unknown[] };
    try {
      compiled = db.query[found.table][found.method](config).toSQL();
    } catch (error) {
      if (error instanceof Untranslatable) throw error;
      const missing = [...relations.skipped.values()];
      untranslatable(`Drizzle did not compile the query (${(error as Error).message})${missing.length ? `; ${missing.join('; ')}` : ''}`);
    }
    return finishStatement(compiled.sql, compiled.params, (v) => (v instanceof operators.Placeholder ? new Placeholder(v.name) : undefined));
  } catch (error) {
    if (error instanceof Untranslatable) return { reason: error.message };
    throw error;
  }
}

function readConfig(node: Node, tables: Scope): Record<string, unknown> {
  const object = skipOuterExpressions(node);
  if (!Node.isObjectLiteralExpression(object)) untranslatable(`the options ${code(node.getText())} are built at run time`);
  const config: Record<string, unknown> = {};
  for (const property of object.getProperties()) {
    if (!Node.isPropertyAssignment(property) || Node.isComputedPropertyName(property.getNameNode())) untranslatable(`${code(property.getText())} in the options is not read`);
    const key = property.getName();
    const value = skipOuterExpressions(property.getInitializerOrThrow());
    if (!CONFIG_KEYS.has(key)) untranslatable(`the option \`${key}\` is not translated`);
    if (key === 'columns') config.columns = constantObject(value, 'columns');
    else if (key === 'with') config.with = withOf(value, tables);
    else if (key === 'limit' || key === 'offset') config[key] = constantOf(value)?.value ?? operators.sql.placeholder(value.getText());
    else config[key] = expressionOption(value, key, tables);
  }
  return config;
}

function withOf(node: Node, tables: Scope): Record<string, unknown> {
  if (!Node.isObjectLiteralExpression(node)) untranslatable(`\`with\` ${code(node.getText())} is built at run time`);
  const out: Record<string, unknown> = {};
  for (const property of node.getProperties()) {
    if (!Node.isPropertyAssignment(property)) untranslatable(`${code(property.getText())} in \`with\` is not read`);
    const value = skipOuterExpressions(property.getInitializerOrThrow());
    out[property.getName()] = value.getText() === 'true' ? true : readConfig(value, tables);
  }
  return out;
}

function constantObject(node: Node, what: string): Record<string, unknown> {
  if (!Node.isObjectLiteralExpression(node)) untranslatable(`\`${what}\` ${code(node.getText())} is built at run time`);
  return Object.fromEntries(node.getProperties().map((p) => {
    const constant = Node.isPropertyAssignment(p) ? constantOf(p.getInitializerOrThrow()) : undefined;
    if (!constant) untranslatable(`${code(p.getText())} in \`${what}\` is not a constant`);
    return [(p as import('ts-morph').PropertyAssignment).getName(), constant.value];
  }));
}

/** Names in reach: the schema's tables, a callback's columns parameter and destructured operators. */
type Scope = Map<string, unknown>;

/** `where`/`orderBy`: a callback Drizzle calls with its aliased columns and operators, or an expression over the tables. */
function expressionOption(node: Node, what: string, tables: Scope): unknown {
  if (Node.isArrowFunction(node)) {
    const [fieldsParam, operatorsParam] = node.getParameters();
    const body = node.getBody();
    if (!Node.isExpression(body)) untranslatable(`the \`${what}\` callback has a block body`);
    const opsNames = operatorsParam && Node.isObjectBindingPattern(operatorsParam.getNameNode()) ? (operatorsParam.getNameNode() as import('ts-morph').ObjectBindingPattern).getElements().map((e) => e.getName()) : [];
    if (operatorsParam && !opsNames.length) untranslatable(`the \`${what}\` callback does not destructure its operators`);
    return (fields: unknown, ops: Record<string, unknown>) => {
      const scope: Scope = new Map(tables);
      if (fieldsParam) scope.set(fieldsParam.getName(), fields);
      for (const name of opsNames) scope.set(name, ops[name]);
      return expression(body, scope, true);
    };
  }
  return expression(node, tables, true);
}

/** A column, an operator call or a list of them where SQL is expected; a value elsewhere (`value` false). */
function expression(node: Node, scope: Scope, sqlExpected: boolean): unknown {
  const expr = skipOuterExpressions(node);
  if (Node.isArrayLiteralExpression(expr)) return expr.getElements().map((e) => expression(e, scope, sqlExpected));
  if (Node.isPropertyAccessExpression(expr) && Node.isIdentifier(expr.getExpression()) && scope.has(expr.getExpression().getText())) {
    const column = (scope.get(expr.getExpression().getText()) as Record<string, unknown>)[expr.getName()];
    if (!column) untranslatable(`${code(expr.getText())} is not a column`);
    return column;
  }
  if (Node.isCallExpression(expr) && Node.isIdentifier(expr.getExpression())) {
    const name = expr.getExpression().getText();
    const op = scope.get(name) ?? (OPERATORS.has(name) ? (operators as unknown as Record<string, unknown>)[name] : undefined);
    if (typeof op === 'function' && OPERATORS.has(name)) {
      const args = expr.getArguments();
      if ((name === 'inArray' || name === 'notInArray') && !Node.isArrayLiteralExpression(skipOuterExpressions(args[1] ?? expr))) {
        untranslatable(`\`${name}\` with ${code(args[1]?.getText() ?? '')} sends one parameter per element, so its text depends on the array's length at run time`);
      }
      return (op as (...a: unknown[]) => unknown)(...args.map((a, i) => expression(a, scope, !COMPARISONS.has(name) || i === 0)));
    }
  }
  const constant = constantOf(expr);
  if (!sqlExpected) return constant ? constant.value : operators.sql.placeholder(expr.getText());
  untranslatable(`the condition or sort key ${code(expr.getText())} is built at run time`);
}
