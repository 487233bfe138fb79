/**
 * string-built-sql: SQL text assembled at run time and handed to a raw-query API, and interpolations
 * that a parameterizing tagged template cannot bind because they sit inside a quoted SQL literal.
 * Decides checklist item `safe.sql-concatenation` — "No direct string concatenation in SQL?"
 * (seed 000, "Is it safe?"). Docs: ./docs.md.
 */
import { isCliCommandFile } from '../../analysis/file-roles.js';
import { isOperatorParameter } from '../../analysis/operator-input.js';
import { Node, SyntaxKind, type CallExpression, type TaggedTemplateExpression } from 'ts-morph';
import { z } from 'zod';
import { defineCheck, type CheckContext, type RelatedNode } from '../../core/check.js';
import { matchSqlSink, matchSqlTag, sqlCatalog, type SinkMatch, type SqlSink } from '../../analysis/sql-sinks.js';
import { boundValues, foldSqlString, foldSqlTemplate, loadSqlParser, parametersInStringConstants, parametersOutsideValues, type SqlText } from '../../analysis/sql-text.js';
import { skipOuterExpressions, valueDeclarationOf } from '../../analysis/request-input.js';
import { worstPiece, type StringPiece } from '../../analysis/value-origin.js';
import { quotedEdit } from './quoted-edit.js';
import { quotedParameterFix } from './quoted-fix.js';
import { parameterFix } from './parameter-fix.js';
import { parameterizedRewrite } from './rewrite.js';
import { wholeParameter, wrapperSink } from '../../analysis/sql-wrappers.js';
import { descendantsOfKinds } from '../../analysis/descendants.js';

/** Where SQL is handed over: AWS SDK commands, calls, tagged templates. */
const SQL_NODES = [SyntaxKind.NewExpression, SyntaxKind.CallExpression, SyntaxKind.TaggedTemplateExpression];

const optionsSchema = z
  .object({
    dynamicSeverity: z
      .enum(['error', 'warning', 'info', 'off'])
      .default('warning')
      .describe('Severity of SQL built from run-time values that are not request input (request input is always an error).'),
  })
  .strict();

export type StringBuiltSqlOptions = z.infer<typeof optionsSchema>;

/** For sinks whose catalog entry has no `identifierRewrite`. */
const NAME_FIX = 'pick it from a fixed list (`COLUMNS[key]` of a `const` map, or a literal-union type) or quote it as an identifier';

export default defineCheck({
  id: 'string-built-sql',
  meta: {
    title: 'SQL built from strings',
    description:
      'Finds SQL text assembled from run-time values and sent through a raw-query API (SQL injection when the value is request input), and interpolations that a parameterizing tagged template sends as text because they sit inside a quoted SQL literal.',
    checklistItem: 'safe.sql-concatenation',
    needsContext: true,
    defaultSeverity: 'error',
    messages: {
      injection:
        'SQL injection: {{source}} reaches `{{sink}}`{{through}} as SQL text, so a client can rewrite the query ({{library}} sends this string unescaped). Fix: {{rewrite}}.',
      builtFromStrings:
        'SQL built from strings: {{source}} is pasted into the SQL text of `{{sink}}`{{through}}{{more}}; use a parameter, or the query is injectable as soon as the value comes from a user. Fix: {{rewrite}}.',
      identifierFromStrings:
        'SQL built from strings: {{source}} is pasted into the SQL text of `{{sink}}`{{through}} where PostgreSQL expects a name or keyword, which no parameter can replace; unchecked, it lets whoever controls it change the query. Fix: {{rewrite}}.',
      numberInSql:
        'SQL built from strings: {{source}}, a number, is pasted into the SQL text of `{{sink}}`{{through}}; a number cannot inject, but a parameter keeps one plan per query. Fix: {{rewrite}}.',
      identifierInjection:
        'SQL injection: {{source}} reaches `{{sink}}`, which puts it into the SQL as an identifier or literal a client then chooses freely. Fix: {{rewrite}}.',
      quotedInterpolation:
        '`${{{expression}}}` sits inside the quoted SQL literal {{literal}} of `{{sink}}`: {{library}} sends that text as it is (a string, not a parameter), so the query fails or matches nothing. Fix: {{fix}}.',
    },
    options: optionsSchema,
  },
  async run(context) {
    await loadSqlParser();
    const { sinks, tags } = sqlCatalog(context.catalog);
    for (const file of context.files) {
      if (file.isDeclarationFile() || file.isInNodeModules()) continue;
      for (const node of descendantsOfKinds(file, SQL_NODES)) withLocation(node, () => {
        if (Node.isNewExpression(node) && node.getArguments().length > 0) {
          // AWS SDK v3 commands: `new ExecuteStatementCommand({ sql })` carries the SQL it will send.
          const asCall = node as unknown as CallExpression;
          const match = matchSqlSink(asCall, sinks.filter((s) => s.functions.length > 0 && s.sqlProperty));
          if (match) checkSinkCall(asCall, match, context);
        } else if (Node.isCallExpression(node)) {
          const match = matchSqlSink(node, sinks);
          const wrapper = match ? undefined : wrapperSink(node, sinks);
          if (match) checkSinkCall(node, match, context);
          else if (wrapper) checkSinkCall(node, { pattern: wrapper.pattern, how: wrapper.inner.how, callee: `${wrapper.callee}\` → \`${wrapper.inner.callee}` }, context);
        } else if (Node.isTaggedTemplateExpression(node)) {
          const match = matchSqlTag(node, tags);
          if (match) checkTemplate(node, match.callee, match.pattern.library, context);
        }
      });
    }
  },
});

/** An analysis bug on odd code should say where it happened (the pipeline prints it with --debug). */
function withLocation(node: Node, analyse: () => void): void {
  try {
    analyse();
  } catch (error) {
    const where = `${node.getSourceFile().getFilePath()}:${node.getStartLineNumber()}`;
    throw new Error(`string-built-sql could not analyse ${where}: ${(error as Error).message}`, { cause: error });
  }
}

function checkSinkCall(call: CallExpression, match: SinkMatch<SqlSink>, context: CheckContext<StringBuiltSqlOptions>): void {
  const sink = match.pattern;
  const sqlNode = sqlTextArgument(call, sink);
  if (!sqlNode) return;
  const sql = foldSqlString(sqlNode, context.catalog, sink.placeholder, boundValues(call, sink.valuesArgument));
  // A parameter whose every caller is a command-line command passing its operator's value is configuration.
  const dynamic = sql.pieces.filter((p) => p.kind !== 'constant' && !operatorPiece(p, context));
  if (dynamic.length === 0) return;
  const worst = decisivePiece(dynamic, sql);
  // Configuration, generated values, compiled builder SQL, checked values: no outside input can reach the text.
  if (worst.kind === 'trusted') return;
  // The whole text is one value: nothing was concatenated here. A wrapper (`run(sql) { return
  // pool.query(sql) }`) is checked at its callers; a file's contents or a query held elsewhere is not
  // string-built unless it is request input.
  if (wholeParameter(sqlNode) || (sql.pieces.length === 1 && worst.kind !== 'request-input')) return;
  if (sink.identifierOnly && worst.kind !== 'request-input') return;
  // In a command an operator runs in a terminal (a CLI package's commands), a value that is not request input
  // is the operator's own — an argument or a prompt answer — and they already hold the database credentials.
  if (worst.kind !== 'request-input' && isCliCommandFile(call.getSourceFile(), context.root, context.catalog)) return;
  const numeric = dynamic.every((p) => p.numeric);
  // `ALTER TABLE ${t}`, `ORDER BY ${col}`: a name, not a value — the fix is an allow-list or quoting.
  const worstParameter = sql.parameters.find((p) => p.node === (worst.local ?? worst.node));
  const asName = !sink.identifierOnly && worstParameter !== undefined && parametersOutsideValues(sql).includes(worstParameter);
  const messageId = sink.identifierOnly
    ? 'identifierInjection'
    : worst.kind === 'request-input' ? 'injection' : asName ? 'identifierFromStrings' : numeric ? 'numberInSql' : 'builtFromStrings';
  const severity = worst.kind === 'request-input' ? 'error' : numeric && !asName ? 'info' : context.options.dynamicSeverity;
  if (severity === 'off') return;
  const rewrite = asName
    ? { summary: sink.identifierRewrite ?? NAME_FIX, code: undefined }
    : parameterizedRewrite(match.callee, sink, sql, parametersInStringConstants(sql), worst.list ? worst.local ?? worst.node : undefined);
  const others = dynamic.filter((p) => p !== worst).length;
  context.report({
    node: sqlNode,
    messageId,
    severity,
    data: {
      source: worst.description,
      sink: match.callee,
      library: sink.library,
      through: throughText(sqlNode, worst),
      more: others > 0 ? ` (and ${others} more run-time value${others > 1 ? 's' : ''})` : '',
      rewrite: rewrite.summary,
    },
    suggestion: rewrite.code ?? rewrite.summary,
    // Not through a project wrapper (`callee` names both): its arguments are the wrapper's, not the driver's.
    fix: match.callee.includes('` → `') ? undefined : parameterFix(call, sink, sql, rewrite),
    related: relatedOf(worst),
    fingerprintKey: `${match.callee}:${compact(worst.node.getText())}`,
  });
}

function checkTemplate(template: TaggedTemplateExpression, callee: string, library: string, context: CheckContext<StringBuiltSqlOptions>): void {
  const literal = template.getTemplate();
  if (!Node.isTemplateExpression(literal)) return;
  const own = new Set(literal.getTemplateSpans().map((s) => skipOuterExpressions(s.getExpression())));
  const sql = foldSqlTemplate(template, context.catalog);
  for (const { parameter, constant, start } of parametersInStringConstants(sql)) {
    if (!own.has(parameter.node)) continue;
    const fix = quotedParameterFix({ parameter, constant, start }, sql.text);
    context.report({
      node: parameter.node,
      messageId: 'quotedInterpolation',
      severity: 'error',
      data: { expression: compact(parameter.text), literal: `\`${constant}\``, sink: callee, library, fix: fix.summary },
      suggestion: fix.code,
      fix: quotedEdit(literal, { parameter, constant, start }, fix, sql.text),
      fingerprintKey: `${callee}:quoted:${compact(parameter.text)}`,
    });
  }
}

/**
 * The worst piece; among equally bad ones, a value pasted inside a quoted SQL literal (`'${v}'`), which
 * a parameter replaces and a quote in it breaks out of, before a name (`${alias}.data`).
 */
function decisivePiece(dynamic: StringPiece[], sql: SqlText): StringPiece {
  const worst = worstPiece(dynamic);
  const quoted = new Set(parametersInStringConstants(sql).map((q) => q.parameter.node));
  return dynamic.find((p) => p.kind === worst.kind && quoted.has(p.local ?? p.node)) ?? worst;
}

/** A dynamic piece that is a parameter every caller fills from a CLI command (see isOperatorParameter). */
function operatorPiece(piece: StringPiece, context: CheckContext<StringBuiltSqlOptions>): boolean {
  if (piece.kind !== 'dynamic' || !Node.isIdentifier(piece.node)) return false;
  const declaration = valueDeclarationOf(piece.node);
  return declaration !== undefined && Node.isParameterDeclaration(declaration) && isOperatorParameter(declaration, context.root, context.catalog);
}

/** The SQL text argument, when it is text: objects (`{ text, values }` takes `text`), builders and fragments are not. */
function sqlTextArgument(call: CallExpression, sink: SqlSink): Node | undefined {
  const argument = call.getArguments()[sink.sqlArgument];
  const expr = argument && skipOuterExpressions(argument);
  if (!expr) return undefined;
  if (Node.isObjectLiteralExpression(expr)) {
    const text = sink.sqlProperty ? expr.getProperty(sink.sqlProperty) : (expr.getProperty('text') ?? expr.getProperty('sql'));
    return text && Node.isPropertyAssignment(text) ? text.getInitializer() : undefined;
  }
  if (
    Node.isTaggedTemplateExpression(expr) ||
    Node.isArrayLiteralExpression(expr) ||
    Node.isArrowFunction(expr) ||
    Node.isFunctionExpression(expr) ||
    Node.isNewExpression(expr)
  ) {
    return undefined;
  }
  return isTextType(expr) ? expr : undefined;
}

/** string, a string literal, a union of them, or a type we cannot see (no declarations). */
function isTextType(expr: Node): boolean {
  const type = expr.getType();
  const textual = (t: typeof type) => t.isString() || t.isStringLiteral() || t.isTemplateLiteral() || t.isAny() || t.isUnknown() || t.getText() === 'error';
  return textual(type) || (type.isUnion() && type.getUnionTypes().every((t) => textual(t) || t.isUndefined() || t.isNull()));
}

/** " through `sql` on line 12" when the argument is a variable; " through `term`" for a parameter that received it. */
function throughText(sqlNode: Node, piece: StringPiece): string {
  const expr = skipOuterExpressions(sqlNode);
  if (!Node.isIdentifier(expr)) return piece.local && piece.local !== piece.node ? ` through \`${piece.local.getText()}\`` : '';
  const declaration = valueDeclarationOf(expr);
  if (!declaration || declaration.getSourceFile() !== expr.getSourceFile()) return ` through \`${expr.getText()}\``;
  return ` through \`${expr.getText()}\` on line ${declaration.getStartLineNumber()}`;
}

function relatedOf(piece: StringPiece): RelatedNode[] {
  // `@Query('q') q`: the decorated parameter says more than a later use of `q`.
  const declaration = Node.isIdentifier(piece.node) ? valueDeclarationOf(piece.node) : undefined;
  const source = declaration && Node.isParameterDeclaration(declaration) && declaration.getDecorators().length > 0 ? declaration : piece.node;
  const related: RelatedNode[] = [{ node: source, message: `${piece.description} comes from here` }];
  for (const step of piece.steps) related.push({ node: step.node, message: step.message });
  return related;
}

function compact(text: string): string {
  return text.replace(/\s+/g, ' ');
}

