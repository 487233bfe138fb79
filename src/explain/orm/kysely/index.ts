import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, type Compilable } from 'kysely';
import type { SourceFile } from 'ts-morph';
import { builderChains, code, extendedLater, unreplayable, withoutTerminals, type BuilderChain, type ChainValue } from '../builder-chain.js';
import { finishStatement, Placeholder, placeholderInText, type Finished } from '../compiled-statement.js';
import type { OrmQuery, OrmTranslator } from '../orm-query.js';
import { compilerNote, libraryUse, type LibraryUse } from '../repository-dependency.js';

/**
 * Kysely chains (`db.selectFrom('orders').innerJoin(…).select([…]).where('x', '=', v)…`) replayed on Kysely's
 * own PostgreSQL compiler with a DummyDriver (Kysely's documented way to compile without a connection).
 * Only the methods below are replayed (Kysely's API, not user vocabulary); anything else is a notice.
 */
const STARTERS = new Set(['selectFrom', 'updateTable', 'deleteFrom', 'insertInto']);
const METHODS = new Set([
  ...STARTERS,
  'select', 'selectAll', 'distinct', 'distinctOn', 'innerJoin', 'leftJoin', 'rightJoin', 'fullJoin',
  'where', 'whereRef', 'orderBy', 'groupBy', 'having', 'limit', 'offset',
  'set', 'values', 'returning', 'returningAll',
]);
/** Send the query; they add nothing to the SQL. */
const TERMINALS = new Set(['execute', 'executeTakeFirst', 'executeTakeFirstOrThrow', 'then']);
const PER_ELEMENT = new Set(['in', 'not in']);

interface Prepared {
  use: LibraryUse;
}

export const kyselyTranslator: OrmTranslator = {
  orm: 'kysely',
  prepare: async (context) => {
    const use = libraryUse(context, 'kysely');
    return use && ({ use } satisfies Prepared);
  },
  translate: (sourceFile: SourceFile, prepared: unknown) => {
    const { use } = prepared as Prepared;
    return builderChains(sourceFile).flatMap((chain): OrmQuery[] => {
      if (chain.root.args || !STARTERS.has(chain.steps[0]?.name) || chain.steps[0].args === undefined) return [];
      const finished = translateKyselyChain(chain);
      if ('reason' in finished) return [{ orm: 'kysely', node: chain.node, reason: finished.reason }];
      return [{ orm: 'kysely', node: chain.node, sql: finished.sql, parameterNames: finished.parameterNames, note: compilerNote('kysely', use) }];
    });
  },
};

const compilerOnly = new Kysely<Record<string, Record<string, unknown>>>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

export function translateKyselyChain(chain: BuilderChain): Finished {
  const steps = withoutTerminals(chain, TERMINALS);
  const unreadable = unreplayable(steps, METHODS, 'Kysely');
  if (unreadable) return { reason: unreadable };
  const perElement = steps.find((s) => ['where', 'having'].includes(s.name) && s.args?.[1]?.kind === 'constant' && PER_ELEMENT.has(String(s.args[1].value).toLowerCase()) && s.args[2]?.kind !== 'array');
  if (perElement) return { reason: `\`${String((perElement.args![1] as { value: unknown }).value)}\` with ${code(valueText(perElement.args![2]))} sends one parameter per element, so its text depends on the array's length at run time` };
  const condition = steps.find((s) => ['where', 'having'].includes(s.name) && s.args?.length === 1);
  if (condition) return { reason: `the condition ${code(valueText(condition.args![0]))} is built at run time` };
  const direction = steps.find((s) => s.name === 'orderBy' && s.args?.[1] && s.args[1].kind !== 'constant');
  if (direction) return { reason: `the sort direction ${code(valueText(direction.args![1]))} is chosen at run time` };
  const later = extendedLater(chain, METHODS);
  if (later) return { reason: later };
  const toArg = (value: ChainValue): unknown => {
    switch (value.kind) {
      case 'constant': return value.value;
      case 'array': return value.items.map(toArg);
      case 'object': return Object.fromEntries(value.entries.map(([k, v]) => [k, toArg(v)]));
      default: return new Placeholder(valueText(value));
    }
  };
  let compiled: { sql: string; parameters: readonly unknown[] };
  try {
    let builder = compilerOnly as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const step of steps) builder = builder[step.name](...step.args!.map(toArg)) as typeof builder;
    compiled = (builder as unknown as Compilable).compile();
  } catch (error) {
    const name = placeholderInText(String((error as Error).message));
    if (name !== undefined) return { reason: `${code(name)} is computed at run time where the query needs a name (table, column or direction)` };
    return { reason: `Kysely did not compile the chain (${(error as Error).message})` };
  }
  return finishStatement(compiled.sql, compiled.parameters, (v) => (v instanceof Placeholder ? v : undefined));
}

function valueText(value: ChainValue): string {
  switch (value.kind) {
    case 'placeholder': return value.name;
    case 'ref': case 'unreadable': case 'call': return value.text;
    case 'constant': return JSON.stringify(value.value);
    default: return value.kind;
  }
}
