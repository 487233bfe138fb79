import type { Node } from 'ts-morph';
import type { SqlSink } from '../../analysis/sql-sinks.js';
import type { QuotedParameter, SqlText } from '../../analysis/sql-text.js';
import { intervalOf, splitConstant } from './quoted-fix.js';

export interface Rewrite {
  /** One sentence for the message: the library's parameterized form (from the catalog). */
  summary: string;
  /** The call rewritten with parameters, when the SQL text is known exactly. */
  code?: string;
  /** Its arguments from the SQL text on (`'SELECT … $1', [id]`), for a fix that replaces the SQL argument. */
  arguments?: string;
}

/**
 * The parameterized form of a string-built query for its library: `$n` + a values array (pg),
 * values after the SQL (Prisma `$queryRawUnsafe`), `?` bindings (mysql2, Knex), or the tagged
 * template (`sql.raw` → sql`…`). Quoted pieces (`'%' + term + '%'`) become one bound value.
 */
export function parameterizedRewrite(callee: string, sink: SqlSink, sql: SqlText, quoted: QuotedParameter[], list?: Node): Rewrite {
  // `IN (${ids.join(',')})`: one array parameter (`= ANY($1)`, `whereIn`, `Prisma.join`).
  const listIndex = list && sql.parameters.find((p) => p.node === list && /\bIN\s*\(\s*$/i.test(sql.text.slice(0, p.offset)))?.index;
  const summary = listIndex !== undefined && sink.listRewrite ? sink.listRewrite : sink.rewrite;
  if (!sql.complete || sql.parameters.length === 0 || sink.identifierOnly) return { summary };
  // Unquote `'%$2%'` → `$2` and bind `'%' + term + '%'` instead.
  let text = sql.text;
  const values = new Map(sql.parameters.map((p) => [p.index, p.text]));
  for (const q of [...quoted].sort((a, b) => b.start - a.start)) {
    const { parameter, constant, start } = q;
    const { prefix, suffix } = splitConstant(q);
    if (`${prefix}${suffix}`.includes('$')) continue;
    const interval = intervalOf(q, sql.text);
    if (interval) {
      // `INTERVAL '$1 days'` → `make_interval(days => $1)`, bound to the number itself.
      text = `${text.slice(0, interval.keywordStart)}make_interval(${interval.argument} => $${parameter.index})${text.slice(start + constant.length)}`;
      continue;
    }
    text = `${text.slice(0, start)}$${parameter.index}${text.slice(start + constant.length)}`;
    const parts = [prefix && quote(prefix), parameter.text, suffix && quote(suffix)].filter(Boolean);
    values.set(parameter.index, parts.join(' + '));
  }
  if (listIndex !== undefined && sink.placeholder !== 'template' && sink.placeholder !== 'named') {
    text = text.replace(new RegExp(`\\bIN\\s*\\(\\s*\\$${listIndex}\\s*\\)`, 'i'), sink.placeholder === 'dollar' ? `= ANY($${listIndex})` : `IN ($${listIndex})`);
  }
  text = text.replace(/\s+/g, ' ').trim();
  const ordered = [...values.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v);
  if (sink.templateTag) {
    const template = text.replace(/\$(\d+)/g, (whole, n: string) => (values.has(Number(n)) ? `\${${values.get(Number(n))}}` : whole));
    return { summary, code: `${sink.templateTag}\`${template}\`` };
  }
  if (sink.placeholder === 'dollar') {
    const args = `${quote(text)}, ${sink.valuesStyle === 'rest' ? ordered.join(', ') : `[${ordered.join(', ')}]`}`;
    return { summary, code: `${callee}(${args})`, arguments: args };
  }
  if (sink.placeholder === 'question') {
    const args = `${quote(text.replace(/\$\d+/g, '?'))}, [${ordered.join(', ')}]`;
    return { summary, code: `${callee}(${args})`, arguments: args };
  }
  return { summary };
}

function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
