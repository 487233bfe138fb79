import { Node, SyntaxKind, type CallExpression } from 'ts-morph';
import { matchSqlSink, type SinkMatch, type SqlSink } from './sql-sinks.js';
import { skipOuterExpressions, valueDeclarationOf } from './request-input.js';
import { calledFunction } from './value-origin-calls.js';

export interface WrapperSink {
  /** The sink inside the wrapper. */
  inner: SinkMatch<SqlSink>;
  /** The sink as seen from the call: the wrapper's parameter index holds the SQL text. */
  pattern: SqlSink;
  /** `db.run`, as written at the call. */
  callee: string;
}

const cache = new WeakMap<Node, { inner: SinkMatch<SqlSink>; index: number } | null>();

/**
 * A project function that hands one of its parameters to a raw-query sink as the whole SQL text
 * (`function run(sql: string, values: unknown[]) { return pool.query(sql, values); }`) is a sink itself:
 * the string is built by its callers, so that is where it is checked.
 */
export function wrapperSink(call: CallExpression, sinks: readonly SqlSink[]): WrapperSink | undefined {
  const fn = calledFunction(call);
  if (!fn) return undefined;
  let found = cache.get(fn);
  if (found === undefined) {
    found = innerSink(fn, sinks) ?? null;
    cache.set(fn, found);
  }
  if (!found) return undefined;
  const callee = call.getExpression().getText().replace(/^this\./, '');
  return { inner: found.inner, pattern: { ...found.inner.pattern, sqlArgument: found.index, valuesArgument: undefined }, callee };
}

function innerSink(fn: Node, sinks: readonly SqlSink[]): { inner: SinkMatch<SqlSink>; index: number } | undefined {
  const parameters = Node.isFunctionLikeDeclaration(fn) || Node.isArrowFunction(fn) ? fn.getParameters() : [];
  for (const call of fn.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const inner = matchSqlSink(call, sinks);
    const argument = inner && call.getArguments()[inner.pattern.sqlArgument];
    const parameter = argument && wholeParameter(argument);
    const index = parameter ? parameters.indexOf(parameter) : -1;
    if (inner && index >= 0) return { inner, index };
  }
  return undefined;
}

/** The parameter an argument is, when it is a parameter as it is (`sql`, not `sql + ' LIMIT 1'`). */
export function wholeParameter(argument: Node) {
  const expr = skipOuterExpressions(argument);
  const declaration = Node.isIdentifier(expr) ? valueDeclarationOf(expr) : undefined;
  return declaration && Node.isParameterDeclaration(declaration) ? declaration : undefined;
}
