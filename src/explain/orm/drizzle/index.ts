import * as operators from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { SourceFile } from 'ts-morph';
import { builderChains, code, extendedLater, unreplayable, withoutTerminals, type BuilderChain, type ChainValue } from '../builder-chain.js';
import { finishStatement, Placeholder, placeholderInText, type Finished } from '../compiled-statement.js';
import type { OrmContext, OrmQuery, OrmSchemaSource, OrmTranslator } from '../orm-query.js';
import { compilerNote, libraryUse, type LibraryUse } from '../repository-dependency.js';
import { drizzleDdl } from './drizzle-ddl.js';
import { readDrizzleRelations, type DrizzleRelations } from './drizzle-relations.js';
import { readDrizzleSchema, type DrizzleSchema } from './drizzle-tables.js';
import { relationalCall, translateRelational } from './relational-query.js';

/**
 * Drizzle chains (`db.select().from(orders).where(eq(orders.userId, id)).orderBy(desc(orders.createdAt)).limit(50)`)
 * replayed on drizzle-orm's own compiler (`drizzle.mock()`, no connection) against the repository's tables
 * rebuilt from their pgTable definitions. Values the code computes become Drizzle's own `sql.placeholder`.
 * Only the methods and operators below are replayed (Drizzle's API, not user vocabulary).
 */
const STARTERS = new Set(['select', 'selectDistinct', 'update', 'delete']);
const METHODS = new Set([...STARTERS, 'from', 'innerJoin', 'leftJoin', 'rightJoin', 'fullJoin', 'where', 'orderBy', 'groupBy', 'having', 'limit', 'offset', 'set', 'returning']);
const TERMINALS = new Set(['execute', 'then', 'prepare']);
const OPERATORS = new Set(['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'and', 'or', 'not', 'isNull', 'isNotNull', 'inArray', 'notInArray', 'like', 'ilike', 'notLike', 'notIlike', 'between', 'notBetween', 'asc', 'desc', 'count', 'countDistinct', 'sum', 'avg', 'min', 'max']);

interface Prepared {
  use: LibraryUse;
  schema: DrizzleSchema;
  relations?: DrizzleRelations;
}

export const drizzleTranslator: OrmTranslator = {
  orm: 'drizzle',
  prepare: async (context) => {
    const use = libraryUse(context, 'drizzle-orm');
    if (!use) return undefined;
    const files = schemaFiles(context);
    const schema = readDrizzleSchema(files);
    return { use, schema, relations: readDrizzleRelations(files, schema) } satisfies Prepared;
  },
  translate: (sourceFile: SourceFile, prepared: unknown) => {
    const { use, schema, relations } = prepared as Prepared;
    return builderChains(sourceFile).flatMap((chain): OrmQuery[] => {
      const relational = relationalCall(chain, schema);
      if (!relational && !isDrizzleChain(chain, schema)) return [];
      const finished = relational ? translateRelational(relational, schema, relations ?? { relations: new Map(), skipped: new Map() }) : translateDrizzleChain(chain, schema);
      if ('reason' in finished) return [{ orm: 'drizzle', node: chain.node, reason: finished.reason }];
      return [{ orm: 'drizzle', node: chain.node, sql: finished.sql, parameterNames: finished.parameterNames, note: compilerNote('drizzle-orm', use) }];
    });
  },
};

/** DDL for `plumbline staging up` from the pgTable definitions. */
export const drizzleSchemaSource: OrmSchemaSource = {
  orm: 'drizzle',
  ddl: async (context) => {
    if (!libraryUse(context, 'drizzle-orm')) return undefined;
    const files = schemaFiles(context);
    const schema = readDrizzleSchema(files);
    if (!schema.tables.size) return undefined;
    const skipped = [...schema.skipped].map(([name, why]) => `-- table \`${name}\` left out: ${why}\n`).join('');
    return { name: files.map((f) => f.path).join(', '), sql: skipped + drizzleDdl(schema) };
  },
};

/** `db.select().from(orders)…`, `db.update(orders)…`, `db.delete(orders)…` on a table the schema defines. */
function isDrizzleChain(chain: BuilderChain, schema: DrizzleSchema): boolean {
  const [first] = chain.steps;
  if (chain.root.args || !first?.args || !STARTERS.has(first.name)) return false;
  const target = first.name === 'update' || first.name === 'delete' ? first.args[0] : chain.steps.find((s) => s.name === 'from')?.args?.[0];
  return target?.kind === 'ref' && tableName(target.path, schema) !== undefined;
}

function tableName(refPath: string[], schema: DrizzleSchema): string | undefined {
  if (refPath.length === 1 && (schema.tables.has(refPath[0]) || schema.skipped.has(refPath[0]))) return refPath[0];
  if (refPath.length === 2 && (schema.tables.has(refPath[1]) || schema.skipped.has(refPath[1]))) return refPath[1]; // schema.orders
  return undefined;
}

export function translateDrizzleChain(chain: BuilderChain, schema: DrizzleSchema): Finished {
  const steps = withoutTerminals(chain, TERMINALS);
  const unreadable = unreplayable(steps, METHODS, 'Drizzle');
  if (unreadable) return { reason: unreadable };
  const later = extendedLater(chain, METHODS);
  if (later) return { reason: later };
  const runTime = steps.flatMap((s) => expressionArgs(s).map((v) => runTimeExpression(v, schema))).find(Boolean);
  if (runTime) return { reason: runTime };
  let problem: string | undefined;
  const toArg = (value: ChainValue): unknown => {
    switch (value.kind) {
      case 'constant': return value.value;
      case 'array': return value.items.map(toArg);
      case 'object': return Object.fromEntries(value.entries.map(([k, v]) => [k, toArg(v)]));
      case 'ref': {
        const name = tableName([value.path[0]], schema) ?? (value.path.length >= 2 ? tableName(value.path.slice(0, 2), schema) : undefined);
        if (name && schema.skipped.has(name)) problem ??= `the table \`${name}\` is not rebuilt (${schema.skipped.get(name)})`;
        const table = name && schema.tables.get(name);
        if (table) {
          const rest = value.path.slice(value.path.indexOf(name) + 1);
          if (!rest.length) return table;
          const column = (table as unknown as Record<string, unknown>)[rest[0]];
          if (rest.length === 1 && column) return column;
          problem ??= `\`${value.text}\` is not a column of \`${name}\``;
          return undefined;
        }
        return operators.sql.placeholder(value.text);
      }
      case 'call': {
        if (!OPERATORS.has(value.callee)) return operators.sql.placeholder(value.text);
        if ((value.callee === 'inArray' || value.callee === 'notInArray') && value.args[1]?.kind !== 'array') {
          problem ??= `\`${value.callee}\` with ${code(valueText(value.args[1]))} sends one parameter per element, so its text depends on the array's length at run time`;
        }
        return (operators as unknown as Record<string, (...a: unknown[]) => unknown>)[value.callee](...value.args.map(toArg));
      }
      default: return operators.sql.placeholder(valueText(value));
    }
  };
  let compiled: { sql: string; params: unknown[] };
  try {
    let builder = drizzle.mock() as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const step of steps) builder = builder[step.name](...step.args!.map(toArg)) as typeof builder;
    if (problem) return { reason: problem };
    compiled = (builder as unknown as { toSQL(): { sql: string; params: unknown[] } }).toSQL();
  } catch (error) {
    if (problem) return { reason: problem };
    const name = placeholderInText(String((error as Error).message));
    if (name !== undefined) return { reason: `${code(name)} is computed at run time where the query needs a table or column` };
    return { reason: `Drizzle did not compile the chain (${(error as Error).message})` };
  }
  const isPlaceholder = (v: unknown) => (v instanceof operators.Placeholder ? new Placeholder(v.name) : undefined);
  return finishStatement(compiled.sql, compiled.params, isPlaceholder);
}

/** Arguments that must be SQL expressions (columns, operators), not values: a condition, a sort key, a join's ON. */
function expressionArgs(step: { name: string; args?: ChainValue[] }): ChainValue[] {
  const args = step.args ?? [];
  if (['where', 'having', 'orderBy', 'groupBy'].includes(step.name)) return args;
  if (step.name.endsWith('Join')) return args.slice(1);
  return [];
}

const VALUE_OPERANDS = new Set(['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'inArray', 'notInArray', 'like', 'ilike', 'notLike', 'notIlike', 'between', 'notBetween']);

/** Why an expression position holds something computed at run time (`where(buildFilter(req))`), if it does. */
function runTimeExpression(value: ChainValue, schema: DrizzleSchema): string | undefined {
  if (value.kind === 'ref' && (tableName([value.path[0]], schema) || tableName(value.path.slice(0, 2), schema))) return undefined;
  if (value.kind === 'call' && OPERATORS.has(value.callee)) {
    const expressions = VALUE_OPERANDS.has(value.callee) ? value.args.slice(0, 1) : value.args;
    return expressions.map((a) => runTimeExpression(a, schema)).find(Boolean);
  }
  if (value.kind === 'constant' && value.value === undefined) return undefined;
  return `the condition or sort key ${code(valueText(value))} is built at run time`;
}

function valueText(value: ChainValue | undefined): string {
  if (!value) return '';
  switch (value.kind) {
    case 'placeholder': return value.name;
    case 'ref': case 'unreadable': case 'call': return value.text;
    case 'constant': return JSON.stringify(value.value);
    default: return value.kind;
  }
}

/**
 * The files holding the pgTable definitions: `schema` of drizzle.config.{ts,js,mjs} (a file, a folder or
 * a list of them), else the usual places (src/db/schema.ts, db/schema.ts, src/schema.ts, src/db/schema/).
 */
export function schemaFiles(context: OrmContext): Array<{ path: string; text: string }> {
  const config = ['drizzle.config.ts', 'drizzle.config.js', 'drizzle.config.mjs'].map((f) => context.readFile(f)).find((t) => t !== undefined);
  const configured = config ? [...(/schema\s*:\s*(\[[^\]]*\]|['"][^'"]+['"])/.exec(config)?.[1].matchAll(/['"]([^'"]+)['"]/g) ?? [])].map((m) => m[1]) : [];
  const candidates = configured.length ? configured : ['src/db/schema.ts', 'db/schema.ts', 'src/schema.ts', 'src/db/schema'];
  const files: string[] = [];
  for (const candidate of candidates) {
    const rel = candidate.replace(/^\.\//, '').replace(/\/\*.*$/, '');
    const abs = path.join(context.root, rel);
    try {
      if (statSync(abs).isDirectory()) files.push(...readdirSync(abs).filter((f) => /\.[cm]?[jt]s$/.test(f)).map((f) => `${rel}/${f}`));
      else files.push(rel);
    } catch {
      continue; // not there
    }
  }
  return files.flatMap((f) => {
    const text = context.readFile(f);
    return text === undefined ? [] : [{ path: f, text }];
  });
}
