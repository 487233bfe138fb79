import type { TemplateExpression } from 'ts-morph';
import { skipOuterExpressions } from '../../analysis/request-input.js';
import type { QuotedParameter } from '../../analysis/sql-text.js';
import type { FixInput } from '../../core/check.js';
import { intervalOf, splitConstant, type QuotedFix } from './quoted-fix.js';

/**
 * `'%${term}%'` in a parameterizing template rewritten in place as `${'%' + term + '%'}` (the code of
 * `quotedParameterFix`). Only when the quoted piece is written exactly so in the source (no escapes, no
 * `E'…'`) around the template's own `${…}`; not for `INTERVAL '${n} days'`, whose rewrite starts at the
 * keyword. Not safe: the query then matches on the value, where it sent the text `$1` before.
 */
export function quotedEdit(template: TemplateExpression, quoted: QuotedParameter, fix: QuotedFix, sqlText: string): FixInput | undefined {
  if (!quoted.constant.startsWith("'") || intervalOf(quoted, sqlText)) return undefined;
  const spans = template.getTemplateSpans();
  const index = spans.findIndex((s) => skipOuterExpressions(s.getExpression()) === quoted.parameter.node);
  if (index < 0) return undefined;
  const { prefix, suffix } = splitConstant(quoted);
  const text = template.getSourceFile().getFullText();
  const opening = (index === 0 ? template.getHead() : spans[index - 1].getLiteral()).getEnd() - 2;
  const closing = spans[index].getLiteral().getStart();
  const start = opening - prefix.length - 1;
  const end = closing + 1 + suffix.length + 1;
  if (text.slice(start, opening) !== `'${prefix}` || text.slice(opening, opening + 2) !== '${' || text.slice(closing, end) !== `}${suffix}'`) return undefined;
  return {
    description: `Bind the value instead of pasting it into the quoted literal: \`${fix.code}\`.`,
    safe: false,
    edits: [{ within: template, start, end, text: fix.code }],
  };
}
