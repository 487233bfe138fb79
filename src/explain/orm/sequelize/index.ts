import { Node, SyntaxKind, type CallExpression, type SourceFile } from 'ts-morph';
import { Op, type Model, type ModelStatic } from 'sequelize';
import { skipOuterExpressions } from '../../../analysis/outer-expressions.js';
import { replaceParameters } from '../compiled-statement.js';
import type { AsyncOrmTranslator, OrmQuery } from '../orm-query.js';
import { compilerNote, libraryUse, type LibraryUse } from '../repository-dependency.js';
import { short, Untranslatable, untranslatable } from '../sql-values.js';
import { CodeRef, readCode } from './code-value.js';
import { findOptions, SLOT_MARK, type Slots } from './find-options.js';
import type { SequelizeSchema } from './model-spec.js';
import { offlineSequelize, type OfflineSequelize } from './offline-sequelize.js';
import { modelName, readSequelizeSchema } from './schema.js';

/**
 * Sequelize finders (`Order.findAll({ where, include, order, limit })`, `findOne`, `findByPk`,
 * `findAndCountAll`, `count`) on models read from the repository, run on Sequelize's own code without a
 * connection (offline-sequelize.ts): the statements are Sequelize's, subquery for include + limit included.
 */
const FINDERS = new Set(['findAll', 'findOne', 'findByPk', 'findAndCountAll', 'count']);

interface Prepared {
  use: LibraryUse;
  schema: SequelizeSchema;
  offline: OfflineSequelize;
}

export const sequelizeTranslator: AsyncOrmTranslator = {
  orm: 'sequelize',
  prepare: async (context) => {
    const use = libraryUse(context, 'sequelize') ?? libraryUse(context, 'sequelize-typescript');
    const schema = use && readSequelizeSchema(context);
    return schema && preparedSequelize(schema, use);
  },
  translate: (sourceFile, prepared) => translateSequelize(sourceFile, prepared as Prepared),
};

export function preparedSequelize(schema: SequelizeSchema, use: LibraryUse): Prepared {
  return { use, schema, offline: offlineSequelize(schema) };
}

export async function translateSequelize(sourceFile: SourceFile, prepared: Prepared): Promise<OrmQuery[]> {
  const queries: OrmQuery[] = [];
  for (const call of sourceFile.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const found = finderCall(call, prepared);
    if (!found) continue;
    try {
      if (prepared.schema.unsupported) untranslatable(prepared.schema.unsupported);
      queries.push({ orm: 'sequelize', node: call, ...(await translateCall(call, found.method, found.model, prepared)), note: compilerNote('sequelize', prepared.use) });
    } catch (error) {
      if (!(error instanceof Untranslatable)) throw error;
      queries.push({ orm: 'sequelize', node: call, reason: error.message });
    }
  }
  return queries;
}

/** `Order.findAll(…)`, `models.Order.findAll(…)`, `this.orderModel.findAll(…)` typed `typeof Order`. */
function finderCall(call: CallExpression, prepared: Prepared): { method: string; model: string } | undefined {
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee) || !FINDERS.has(callee.getName())) return undefined;
  const model = resolveModel(callee.getExpression(), prepared.schema);
  return model ? { method: callee.getName(), model } : undefined;
}

function resolveModel(node: Node, schema: SequelizeSchema): string | undefined {
  const byBinding = new Map(schema.models.map((m) => [m.binding, m.name]));
  const direct = modelName(node, byBinding, new Set(schema.models.map((m) => m.name)));
  if (direct) return direct;
  // NestJS: `@InjectModel(Order) private orders: typeof Order`.
  const expr = skipOuterExpressions(node);
  const symbol = Node.isPropertyAccessExpression(expr) || Node.isIdentifier(expr) ? expr.getSymbol() : undefined;
  for (const declaration of symbol?.getDeclarations() ?? []) {
    const type = (Node.isPropertyDeclaration(declaration) || Node.isParameterDeclaration(declaration) || Node.isVariableDeclaration(declaration)) ? declaration.getTypeNode() : undefined;
    if (type && Node.isTypeQuery(type)) return byBinding.get(type.getExprName().getText());
  }
  return undefined;
}

async function translateCall(call: CallExpression, method: string, name: string, prepared: Prepared): Promise<{ sql: string; parameterNames: string[]; followUps?: Array<{ sql: string; parameterNames: string[] }> }> {
  const { offline } = prepared;
  const model = usable(name, offline);
  const slots: Slots = { names: [], primitive: [] };
  const context = {
    sequelize: model.sequelize!,
    slots,
    model: (ref: CodeRef) => {
      const target = resolveModel(ref.node, prepared.schema);
      if (!target) untranslatable(`\`${short(ref.text)}\` is not one of the Sequelize models Plumbline read`);
      return usable(target, offline);
    },
  };
  const args = call.getArguments();
  const optionsNode = method === 'findByPk' ? args[1] : args[0];
  const options = findOptions(optionsNode && readCode(optionsNode, 'the options'), context);
  if (method === 'findByPk') {
    // Sequelize's own findByPk: `findOne` with the primary key in the where.
    if (!args[0]) untranslatable('`findByPk` has no key');
    options.where = findOptions({ where: { [model.primaryKeyAttribute]: readCode(args[0], 'the key') } }, context).where;
  }
  if ((method === 'findOne' || method === 'findByPk') && options.limit === undefined && looksUpOneRow(model, options.where, slots)) {
    // Sequelize's findOne adds no LIMIT 1 when the where names the primary key or a unique column with a
    // primitive value; a run-time value there is one (a list or object was refused above).
    options.limit = null;
  }
  let statements: string[];
  try {
    statements = await offline.capture(() => (model as unknown as Record<string, (o: unknown) => Promise<unknown>>)[method === 'findByPk' ? 'findOne' : method](options));
  } catch (error) {
    if (error instanceof Untranslatable) throw error;
    untranslatable(`Sequelize did not generate the query (${(error as Error).message})${associationProblem(error as Error, offline)}`);
  }
  const [first, ...rest] = statements.map((sql) => numbered(sql, slots));
  if (!first) untranslatable('Sequelize sent no statement for it');
  return { ...first, followUps: rest.length ? rest : undefined };
}

function looksUpOneRow(model: ModelStatic<Model>, where: unknown, slots: Slots): boolean {
  if (!where || typeof where !== 'object') return false;
  const uniqueKeys = Object.values((model as unknown as { uniqueKeys: Record<string, { fields: string[]; column: string }> }).uniqueKeys);
  const unique = new Set([model.primaryKeyAttribute, ...uniqueKeys.filter((k) => k.fields.length === 1).map((k) => k.column)]);
  return Object.entries(where).some(([key, value]) => unique.has(key) && (isPrimitive(value) || slotOf(value, slots) !== undefined));
}

const isPrimitive = (value: unknown) => ['string', 'number', 'boolean'].includes(typeof value);

/** The code of a `{ [Op.eq]: slot }` condition that stands for a primitive run-time value. */
function slotOf(value: unknown, slots: Slots): string | undefined {
  if (!value || typeof value !== 'object' || Object.keys(value).length) return undefined;
  const symbols = Object.getOwnPropertySymbols(value);
  if (symbols.length !== 1 || symbols[0] !== Op.eq) return undefined;
  const marker = /@@plumbline-slot-(\d+)@@/.exec(String((value as Record<symbol, { val?: unknown }>)[Op.eq]?.val));
  const index = marker ? Number(marker[1]) : -1;
  return slots.primitive[index] ? slots.names[index] : undefined;
}

/** The slot Sequelize copied inside a quoted string (`Op.startsWith`, `Op.substring`), if any. */
function slotInStringConstant(sql: string): number | undefined {
  for (const m of sql.matchAll(/'(?:[^']|'')*'/g)) {
    const inside = new RegExp(`${SLOT_MARK}(\\d+)@@`).exec(m[0]);
    if (inside) return Number(inside[1]);
  }
  return undefined;
}

function usable(name: string, offline: OfflineSequelize): ModelStatic<Model> {
  const model = offline.models.get(name);
  const problem = offline.problems.get(name);
  if (problem && (!model || !/association/.test(problem))) untranslatable(problem);
  if (!model) untranslatable(`the model ${name} was not read`);
  return model;
}

/** An include Sequelize rejects because an association was skipped: say which one and why. */
function associationProblem(error: Error, offline: OfflineSequelize): string {
  if (!/not associated/.test(error.message)) return '';
  const problems = [...offline.problems.values()].filter((p) => /association/.test(p));
  return problems.length ? `; ${problems.join('; ')}` : '';
}

/** Slot markers → `$n` by first appearance (a marker Sequelize repeats, as in a required include's filter, stays one parameter). */
function numbered(sql: string, slots: Slots): { sql: string; parameterNames: string[] } {
  const names: string[] = [];
  const order = new Map<number, number>();
  const marker = new RegExp(`${SLOT_MARK}(\\d+)@@`, 'g');
  const inString = slotInStringConstant(sql);
  if (inString !== undefined) {
    untranslatable(`Sequelize writes \`${slots.names[inString]}\` into a string constant (\`LIKE 'value%'\`), so the statement's text depends on the value`);
  }
  const text = sql.replace(/;\s*$/, '').replace(marker, (_m, index: string) => {
    const i = Number(index);
    if (!order.has(i)) {
      names.push(slots.names[i]);
      order.set(i, names.length);
    }
    return `$${order.get(i)}`;
  });
  return { sql: replaceParameters(text, (n) => `$${n}`), parameterNames: names };
}
