import knexFactory, { type Knex } from 'knex';
import type { SourceFile } from 'ts-morph';
import { builderChains, code, extendedLater, unreplayable, withoutTerminals, type BuilderChain, type ChainValue } from '../builder-chain.js';
import { finishStatement, Placeholder, type Finished } from '../compiled-statement.js';
import type { OrmQuery, OrmTranslator } from '../orm-query.js';
import { compilerNote, libraryUse, type LibraryUse } from '../repository-dependency.js';

/**
 * Knex builder chains (`knex('orders').where(…).orderBy(…).limit(…)`, `db.select(…).from(…)`) replayed on
 * Knex's own compiler (`knex({ client: 'pg' })`, no connection): only the methods below, only literal
 * arguments and placeholders. These names are Knex's API, not user vocabulary: a method missing here means
 * "not replayed", so the call becomes a notice rather than a guess.
 */
const METHODS = new Set([
  'select', 'column', 'columns', 'from', 'table', 'distinct', 'as',
  'where', 'andWhere', 'orWhere', 'whereNot', 'orWhereNot', 'whereIn', 'whereNotIn', 'orWhereIn', 'orWhereNotIn',
  'whereNull', 'whereNotNull', 'orWhereNull', 'orWhereNotNull', 'whereBetween', 'whereNotBetween', 'whereLike', 'whereILike',
  'join', 'innerJoin', 'leftJoin', 'leftOuterJoin', 'rightJoin', 'rightOuterJoin', 'fullOuterJoin', 'crossJoin',
  'orderBy', 'groupBy', 'having', 'limit', 'offset', 'first', 'pluck',
  'count', 'countDistinct', 'min', 'max', 'sum', 'avg',
  'update', 'del', 'delete', 'increment', 'decrement', 'insert', 'returning',
]);
/** Run the query; they add nothing to the SQL. */
const TERMINALS = new Set(['then', 'catch', 'finally']);
/** Methods that send one parameter per array element: the text depends on the length at run time. */
const PER_ELEMENT = new Set(['whereIn', 'whereNotIn', 'orWhereIn', 'orWhereNotIn']);
/** The first step of a chain rooted at the knex instance rather than at `knex('table')`. */
const STARTERS = new Set(['select', 'from', 'table', 'count', 'distinct', 'insert', 'column', 'columns']);

/** One compiler for every chain: creating a Knex client per chain costs more than compiling. */
let compiler: Knex | undefined;
const k = () => (compiler ??= knexFactory({ client: 'pg' }));

interface Prepared {
  use: LibraryUse;
}

export const knexTranslator: OrmTranslator = {
  orm: 'knex',
  prepare: async (context) => {
    const use = libraryUse(context, 'knex');
    return use && ({ use } satisfies Prepared);
  },
  translate: (sourceFile: SourceFile, prepared: unknown) => {
    const { use } = prepared as Prepared;
    return builderChains(sourceFile).flatMap((chain): OrmQuery[] => {
      const steps = withoutTerminals(chain, TERMINALS);
      if (!isKnexChain(chain, steps)) return [];
      const finished = translateKnexChain(chain, steps);
      if ('reason' in finished) return [{ orm: 'knex', node: chain.node, reason: finished.reason }];
      return [{ orm: 'knex', node: chain.node, sql: finished.sql, parameterNames: finished.parameterNames, note: compilerNote('knex', use) }];
    });
  },
};

/** `knex('orders').where(…)` or `db.select(…).from(…)`: a Knex method right after the root. */
function isKnexChain(chain: BuilderChain, steps: BuilderChain['steps']): boolean {
  if (!steps.length || !METHODS.has(steps[0].name) || steps[0].args === undefined) return false;
  if (chain.root.args) return chain.root.args.length === 1 && (chain.root.args[0].kind === 'constant' || /^(knex|db|trx)$/i.test(chain.root.text));
  return STARTERS.has(steps[0].name) && steps.some((s) => ['from', 'table', 'into'].includes(s.name));
}

export function translateKnexChain(chain: BuilderChain, steps = withoutTerminals(chain, TERMINALS)): Finished {
  const unreadable = unreplayable(steps, METHODS, 'Knex', chain.root.args);
  if (unreadable) return { reason: unreadable };
  const perElement = steps.find((s) => PER_ELEMENT.has(s.name) && s.args?.[1] && s.args[1].kind !== 'array');
  if (perElement) return { reason: `\`.${perElement.name}\` with \`${valueText(perElement.args![1])}\` sends one parameter per element, so its text depends on the array's length at run time` };
  const condition = steps.find((s) => /^(and|or)?where(Not)?$/i.test(s.name) && s.args?.length === 1 && s.args[0].kind !== 'object');
  if (condition) return { reason: `the condition ${code(valueText(condition.args![0]))} is built at run time` };
  const direction = steps.find((s) => s.name === 'orderBy' && s.args?.[1] && s.args[1].kind !== 'constant');
  if (direction) return { reason: `the sort direction ${code(valueText(direction.args![1]))} is chosen at run time` };
  const later = extendedLater(chain, METHODS);
  if (later) return { reason: later };
  const sentinels = new Map<number, Placeholder>();
  const toArg = (value: ChainValue): unknown => {
    switch (value.kind) {
      case 'constant': return value.value;
      case 'array': return value.items.map(toArg);
      case 'object': return Object.fromEntries(value.entries.map(([k, v]) => [k, toArg(v)]));
      default: {
        // A number Knex binds as a value (limit/offset parse it) and that cannot occur in a name unnoticed.
        const sentinel = 7_770_000_001 + sentinels.size;
        sentinels.set(sentinel, new Placeholder(valueText(value)));
        return sentinel;
      }
    }
  };
  let compiled: Knex.SqlNative;
  try {
    let builder = (chain.root.args ? k()(toArg(chain.root.args[0]) as string) : k()) as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const step of steps) builder = builder[step.name](...step.args!.map(toArg)) as typeof builder;
    compiled = (builder as unknown as Knex.QueryBuilder).toSQL().toNative();
  } catch (error) {
    return { reason: `Knex did not compile the chain (${(error as Error).message})` };
  }
  for (const [sentinel, placeholder] of sentinels) {
    if (compiled.sql.includes(String(sentinel))) return { reason: `${code(placeholder.name)} is computed at run time where the query needs a name (table, column or direction)` };
  }
  return finishStatement(compiled.sql, compiled.bindings, (v) => (typeof v === 'number' ? sentinels.get(v) : undefined));
}

function valueText(value: ChainValue): string {
  switch (value.kind) {
    case 'placeholder': return value.name;
    case 'ref': return value.text;
    case 'unreadable': return value.text;
    case 'constant': return JSON.stringify(value.value);
    case 'call': return value.text;
    default: return value.kind;
  }
}
