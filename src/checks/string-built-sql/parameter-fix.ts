import type { CallExpression, Node } from 'ts-morph';
import type { SqlSink } from '../../analysis/sql-sinks.js';
import type { SqlText } from '../../analysis/sql-text.js';
import type { FixInput } from '../../core/check.js';
import type { Rewrite } from './rewrite.js';

/**
 * The SQL argument replaced by the parameterized text and its values, for a driver whose placeholder
 * syntax the catalog knows (`$n` + array, `?` + array) and whose values argument follows the SQL. Only when the SQL argument is the call's last
 * (a values array or callback after it would be displaced) and every value is written inside it (moved
 * out of a variable's declaration, a value could name what is not in scope at the call). Not safe: a bound
 * value is typed by PostgreSQL where pasted text was parsed, so the query can behave differently.
 */
export function parameterFix(call: CallExpression, sink: SqlSink, sql: SqlText, rewrite: Rewrite): FixInput | undefined {
  const args = call.getArguments();
  const argument = args[sink.sqlArgument];
  // The catalog must say the values go right after the SQL (better-sqlite3's `prepare` binds them later).
  if (!rewrite.arguments || !argument || sink.sqlProperty || sink.valuesArgument !== sink.sqlArgument + 1 || args.length !== sink.sqlArgument + 1) return undefined;
  if (!sql.parameters.every((p) => inside(p.node, argument))) return undefined;
  return {
    description: `Send the ${sql.parameters.length === 1 ? 'value' : `${sql.parameters.length} values`} as parameters of \`${call.getExpression().getText()}\` instead of SQL text.`,
    safe: false,
    edits: [{ replace: argument, text: rewrite.arguments }],
  };
}

function inside(node: Node, container: Node): boolean {
  return node.getSourceFile() === container.getSourceFile() && node.getStart() >= container.getStart() && node.getEnd() <= container.getEnd();
}
