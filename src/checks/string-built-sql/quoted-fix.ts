import type { QuotedParameter } from '../../analysis/sql-text.js';

/** make_interval() argument names by the unit words people write in INTERVAL literals (PostgreSQL docs, §9.9). */
const INTERVAL_UNITS: Record<string, string> = {
  year: 'years', years: 'years', month: 'months', months: 'months', mon: 'months', week: 'weeks', weeks: 'weeks',
  day: 'days', days: 'days', hour: 'hours', hours: 'hours', minute: 'mins', minutes: 'mins', min: 'mins', mins: 'mins',
  second: 'secs', seconds: 'secs', sec: 'secs', secs: 'secs',
};

export interface QuotedFix {
  summary: string;
  /** The replacement for the quoted literal, as it would be written in the template. */
  code: string;
}

/**
 * The fix for `${x}` inside a quoted literal of a parameterizing template: bind a value that stands
 * on its own. `INTERVAL '${days} days'` → `make_interval(days => ${days})`; `LIKE '%${term}%'` →
 * `LIKE ${'%' + term + '%'}`; `'${id}'` → `${id}`.
 */
export function quotedParameterFix(quoted: QuotedParameter, sqlText: string): QuotedFix {
  const { parameter, constant, start } = quoted;
  const expression = parameter.text;
  const { prefix, suffix } = splitConstant(quoted);
  const before = sqlText.slice(0, start);
  const interval = intervalOf(quoted, sqlText);
  if (interval) {
    const code = `make_interval(${interval.argument} => \${${expression}})`;
    return { summary: `write \`${code}\` (or \`\${${expression}} * INTERVAL '1 ${interval.singular}'\`) instead of \`INTERVAL ${constant}\``, code };
  }
  const pieces = [prefix && `'${prefix}'`, expression, suffix && `'${suffix}'`].filter(Boolean);
  const bound = pieces.length === 1 ? `\${${expression}}` : `\${${pieces.join(' + ')}}`;
  const like = /\b(i?like|similar\s+to)\s*$/i.exec(before);
  if (like) return { summary: `bind the whole pattern: \`${like[1].toUpperCase()} ${bound}\``, code: bound };
  if (pieces.length === 1) return { summary: `drop the quotes, \`${bound}\`: the value is bound and PostgreSQL casts it`, code: bound };
  return { summary: `bind the whole string: \`${bound}\``, code: bound };
}

/** The text before and after `$n` inside the quotes: `'%$2%'` → "%", "%". */
export function splitConstant({ parameter, constant }: QuotedParameter): { prefix: string; suffix: string } {
  const inner = constant.replace(/^[eE]?'/, '').replace(/'$/, '');
  const [prefix, suffix = ''] = inner.split(`$${parameter.index}`);
  return { prefix, suffix };
}

/** `INTERVAL '$1 days'`: the make_interval() argument, the unit, and where the INTERVAL keyword starts. */
export function intervalOf(quoted: QuotedParameter, sqlText: string): { argument: string; singular: string; keywordStart: number } | undefined {
  const { prefix, suffix } = splitConstant(quoted);
  const keyword = /\binterval\s*$/i.exec(sqlText.slice(0, quoted.start));
  const argument = INTERVAL_UNITS[suffix.trim().toLowerCase()];
  if (!keyword || prefix.trim() !== '' || !argument) return undefined;
  const singular = argument === 'mins' ? 'minute' : argument === 'secs' ? 'second' : argument.replace(/s$/, '');
  return { argument, singular, keywordStart: keyword.index };
}
