import { loadModule, parseSync, scanSync } from 'libpg-query';
import { Node, SyntaxKind, type CallExpression, type SourceFile, type TaggedTemplateExpression } from 'ts-morph';
import type { Catalog } from '../core/catalog.js';
import { skipOuterExpressions, valueDeclarationOf } from './request-input.js';
import { matchSqlSink, matchSqlTag, sqlCatalog, type PlaceholderStyle, type SqlTag } from './sql-sinks.js';
import { stringPieces, type StringPiece } from './value-origin.js';
import { wholeParameter, wrapperSink } from './sql-wrappers.js';

export type { PlaceholderStyle } from './sql-sinks.js';

export interface SqlParameter {
  /** The `$n` number in `text`. */
  index: number;
  /** The expression whose value is bound (an interpolation, a bound value, a dynamic piece of the string). */
  node: Node;
  /** Source text of that expression. */
  text: string;
  /** Offset of `$n` in `text`. */
  offset: number;
}

export interface SqlText {
  /** PostgreSQL text: constant pieces as written, everything else as `$n`. */
  text: string;
  parameters: SqlParameter[];
  /** False when a constant piece stood in for a value not known exactly (a literal union, a branch, a loop). */
  complete: boolean;
  /**
   * True when run-time values were pasted into a raw SQL string: each became a `$n`, which may not parse
   * where the value stood for an identifier or keyword (`ORDER BY $2`).
   */
  dynamicText: boolean;
  /** The placeholder style of the library the SQL was written for (the text always uses `$n`). */
  placeholderStyle: PlaceholderStyle;
  /** The folded pieces of a raw SQL string, with their origins (empty for tagged templates). */
  pieces: StringPiece[];
}

export interface SqlQuery {
  kind: 'tagged-template' | 'raw-call';
  /** A piece of SQL to be embedded in a query (`Prisma.sql`, `sql.raw`), not a statement run by itself. */
  fragment: boolean;
  /** The tagged template or the call. */
  node: Node;
  /** The template, or the argument that holds the SQL text. */
  sqlNode: Node;
  line: number;
  library: string;
  /** `pool.query`, `prisma.$queryRaw`, `sql`. */
  callee: string;
  /** Id of the catalog entry that matched. */
  patternId: string;
  how: 'type' | 'shape';
  sql: SqlText;
}

/** libpg-query is WebAssembly: call once (awaited) before `parameterInStringConstant`. */
export async function loadSqlParser(): Promise<void> {
  await loadModule();
}

/**
 * Folds a SQL string expression (the argument of `pool.query`, `$queryRawUnsafe`, `knex.raw`…) into
 * PostgreSQL text. `?` and `:name` placeholders of other styles become `$n`; bound values (an array
 * literal or the remaining arguments) are the first parameters, dynamic pieces follow.
 */
export function foldSqlString(
  sqlNode: Node,
  catalog: Catalog,
  placeholderStyle: PlaceholderStyle = 'dollar',
  boundValues: Node[] = [],
): SqlText {
  const pieces = stringPieces(sqlNode, catalog);
  const builder = new TextBuilder(placeholderStyle, boundValues);
  for (const piece of pieces) {
    if (piece.kind === 'constant' && piece.text !== undefined) builder.sql(piece.text);
    else builder.parameter(piece.local ?? piece.node);
    if (!piece.exact && piece.kind === 'constant') builder.complete = false;
  }
  return { ...builder.result(), pieces, dynamicText: pieces.some((p) => p.kind !== 'constant' || p.text === undefined) };
}

/** Folds a parameterizing tagged template: each interpolation is a `$n`; nested fragments are inlined. */
export function foldSqlTemplate(template: TaggedTemplateExpression, catalog: Catalog, placeholderStyle: PlaceholderStyle = 'dollar'): SqlText {
  const builder = new TextBuilder(placeholderStyle, []);
  appendTemplate(template, catalog, builder);
  return { ...builder.result(), pieces: [], dynamicText: builder.dynamicText };
}

function appendTemplate(template: TaggedTemplateExpression, catalog: Catalog, builder: TextBuilder): void {
  const literal = template.getTemplate();
  if (Node.isNoSubstitutionTemplateLiteral(literal)) {
    builder.sql(literal.getLiteralText(), true);
    return;
  }
  builder.sql(literal.getHead().getLiteralText(), true);
  for (const span of literal.getTemplateSpans()) {
    appendInterpolation(span.getExpression(), catalog, builder);
    builder.sql(span.getLiteral().getLiteralText(), true);
  }
}

function appendInterpolation(expression: Node, catalog: Catalog, builder: TextBuilder): void {
  const expr = skipOuterExpressions(expression);
  const { sinks, tags } = sqlCatalog(catalog);
  // `${sql`AND x = ${y}`}`, or a `const` holding one: a fragment of the same query.
  const fragment = fragmentTemplate(expr, tags);
  if (fragment) return appendTemplate(fragment, catalog, builder);
  // `${Prisma.raw(column)}` / `${sql.raw(order)}`: SQL text, folded like a raw string.
  if (Node.isCallExpression(expr)) {
    const sink = matchSqlSink(expr, sinks);
    const argument = sink && !sink.pattern.identifierOnly ? expr.getArguments()[sink.pattern.sqlArgument] : undefined;
    if (argument) {
      for (const piece of stringPieces(argument, catalog)) {
        if (piece.kind === 'constant' && piece.text !== undefined) builder.sql(piece.text, true);
        else {
          builder.parameter(piece.local ?? piece.node);
          builder.dynamicText = true;
        }
        if (!piece.exact && piece.kind === 'constant') builder.complete = false;
      }
      return;
    }
  }
  builder.parameter(expr);
}

function fragmentTemplate(expr: Node, tags: SqlTag[]): TaggedTemplateExpression | undefined {
  let candidate: Node | undefined = expr;
  if (Node.isIdentifier(expr)) {
    const declaration = valueDeclarationOf(expr);
    const constant = declaration && Node.isVariableDeclaration(declaration) && declaration.getVariableStatement()?.getDeclarationKind() === 'const';
    candidate = constant ? declaration.getInitializer() : undefined;
  }
  candidate = candidate && skipOuterExpressions(candidate);
  return candidate && Node.isTaggedTemplateExpression(candidate) && matchSqlTag(candidate, tags) ? candidate : undefined;
}

/** Lists every SQL query of a file: parameterizing tagged templates and raw-query calls. */
export function findSqlQueries(sourceFile: SourceFile, catalog: Catalog): SqlQuery[] {
  const { sinks, tags } = sqlCatalog(catalog);
  const queries: SqlQuery[] = [];
  sourceFile.forEachDescendant((node) => {
    if (Node.isTaggedTemplateExpression(node)) {
      const match = matchSqlTag(node, tags);
      // A fragment interpolated into another query is part of that query, not a query of its own.
      if (!match || isInterpolatedFragment(node, tags)) return;
      queries.push({
        kind: 'tagged-template', fragment: match.pattern.fragment, node, sqlNode: node.getTemplate(), line: node.getStartLineNumber(), library: match.pattern.library,
        callee: match.callee, patternId: match.pattern.id, how: match.how, sql: foldSqlTemplate(node, catalog, match.pattern.placeholder),
      });
    } else if (Node.isCallExpression(node)) {
      const direct = matchSqlSink(node, sinks);
      // `db.run(sql)` where `run` passes its parameter to `pool.query`: the query is the caller's text.
      const wrapper = direct ? undefined : wrapperSink(node, sinks);
      const match = direct ?? (wrapper && { ...wrapper.inner, pattern: wrapper.pattern, callee: wrapper.callee });
      const sqlNode = match && !match.pattern.identifierOnly ? node.getArguments()[match.pattern.sqlArgument] : undefined;
      if (!match || !sqlNode || Node.isTaggedTemplateExpression(skipOuterExpressions(sqlNode)) || isInterpolatedFragment(node, tags)) return;
      if (direct && wholeParameter(sqlNode)) return;
      queries.push({
        kind: 'raw-call', fragment: match.pattern.placeholder === 'template', node, sqlNode, line: node.getStartLineNumber(), library: match.pattern.library, callee: match.callee,
        patternId: match.pattern.id, how: match.how,
        sql: foldSqlString(sqlNode, catalog, match.pattern.placeholder, boundValues(node, match.pattern.valuesArgument)),
      });
    }
  });
  return queries;
}

/** `[a, b]` → a, b; a spread of the remaining arguments (`$queryRawUnsafe(sql, a, b)`) → a, b. */
export function boundValues(call: CallExpression, valuesArgument: number | undefined): Node[] {
  if (valuesArgument === undefined) return [];
  const args = call.getArguments();
  const first = args[valuesArgument] && skipOuterExpressions(args[valuesArgument]);
  if (!first) return [];
  if (Node.isArrayLiteralExpression(first)) return first.getElements();
  return args.length > valuesArgument + 1 || !Node.isIdentifier(first) ? args.slice(valuesArgument) : [];
}

/** A template or call inside `${…}` of a parameterizing template is part of that query. */
function isInterpolatedFragment(node: Node, tags: SqlTag[]): boolean {
  const span = node.getParentIfKind(SyntaxKind.TemplateSpan);
  const outer = span?.getParent().getParent();
  return outer !== undefined && Node.isTaggedTemplateExpression(outer) && matchSqlTag(outer, tags) !== undefined;
}

/**
 * The parameters whose `$n` sits inside a quoted SQL constant (`'%$1%'`, `INTERVAL '$2 days'`): the
 * driver sends them as text, not as parameters. Uses PostgreSQL's own scanner (libpg-query);
 * call `loadSqlParser()` first.
 */
export interface QuotedParameter {
  parameter: SqlParameter;
  /** The string constant as written, quotes included: `'%$2%'`. */
  constant: string;
  /** Offset of the constant in `sql.text`. */
  start: number;
}

export function parametersInStringConstants(sql: SqlText): QuotedParameter[] {
  let tokens: ReturnType<typeof scanSync>['tokens'];
  try {
    tokens = scanSync(sql.text).tokens;
  } catch {
    return [];
  }
  const strings = tokens.filter((t) => t.tokenName === 'SCONST' || t.tokenName === 'USCONST' || t.tokenName === 'XCONST' || t.tokenName === 'BCONST');
  const result: QuotedParameter[] = [];
  for (const parameter of sql.parameters) {
    const inside = strings.find((t) => toCharOffset(sql.text, t.start) <= parameter.offset && parameter.offset < toCharOffset(sql.text, t.end));
    if (inside) result.push({ parameter, constant: inside.text, start: toCharOffset(sql.text, inside.start) });
  }
  return result;
}

/**
 * The parameters that stand where PostgreSQL cannot take a bound value: an identifier or keyword
 * (`ALTER TABLE $1`, `TRUNCATE $1` — the parser rejects them) or an ORDER BY / GROUP BY item (`ORDER BY $1`
 * parses, but sorts by a constant). Binding those is no fix: they need an allow-list or quoting.
 * Uses PostgreSQL's parser (libpg-query); call `loadSqlParser()` first.
 */
export function parametersOutsideValues(sql: SqlText): SqlParameter[] {
  const outside: SqlParameter[] = [];
  let text = sql.text;
  for (let attempt = 0; attempt <= sql.parameters.length; attempt++) {
    let tree: unknown;
    try {
      tree = parseSync(text);
    } catch (error) {
      const position = (error as { sqlDetails?: { cursorPosition?: number } }).sqlDetails?.cursorPosition;
      const at = position === undefined ? undefined : sql.parameters.find((p) => !outside.includes(p) && Math.abs(p.offset - toCharOffset(text, position)) <= 1);
      if (!at) return outside;
      outside.push(at);
      // `$3` → `x3`: same length, so the other offsets hold; an identifier parses where a name was expected.
      text = `${text.slice(0, at.offset)}x${text.slice(at.offset + 1)}`;
      continue;
    }
    for (const number of sortParameters(tree)) {
      const parameter = sql.parameters.find((p) => p.index === number);
      if (parameter && !outside.includes(parameter)) outside.push(parameter);
    }
    return outside;
  }
  return outside;
}

/** `$n` used as an ORDER BY or GROUP BY item. */
function sortParameters(tree: unknown): number[] {
  const numbers: number[] = [];
  const paramOf = (node: unknown): number | undefined => {
    const n = node as { ParamRef?: { number?: number }; TypeCast?: { arg?: unknown } } | undefined;
    return n?.ParamRef?.number ?? (n?.TypeCast ? paramOf(n.TypeCast.arg) : undefined);
  };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'SortBy') {
        const number = paramOf((value as { node?: unknown }).node);
        if (number !== undefined) numbers.push(number);
      }
      if (key === 'groupClause' && Array.isArray(value)) {
        for (const item of value) {
          const number = paramOf(item);
          if (number !== undefined) numbers.push(number);
        }
      }
      visit(value);
    }
  };
  visit(tree);
  return numbers;
}

/** The scanner reports UTF-8 byte offsets; the text is a JS string. */
function toCharOffset(text: string, byteOffset: number): number {
  if (/^[\x00-\x7f]*$/.test(text)) return byteOffset;
  return Buffer.from(text, 'utf8').subarray(0, byteOffset).toString('utf8').length;
}

class TextBuilder {
  private text = '';
  private readonly parameters: SqlParameter[] = [];
  private next: number;
  private boundUsed = 0;
  complete = true;
  dynamicText = false;

  constructor(
    private readonly style: PlaceholderStyle,
    private readonly bound: Node[],
  ) {
    this.next = 1;
  }

  /** Constant SQL; `?`/`:name` placeholders of the library become `$n` bound to the given values. */
  sql(text: string, verbatim = false): void {
    if (verbatim || this.style === 'dollar' || this.style === 'template') {
      for (const match of text.matchAll(/\$(\d+)/g)) this.next = Math.max(this.next, Number(match[1]) + 1);
      if (!verbatim) this.bindDollar(text);
      this.text += text;
      return;
    }
    const pattern = this.style === 'question' ? /\?/g : /(?<![:\w]):[A-Za-z_]\w*/g;
    let last = 0;
    for (const match of outsideQuotes(text, pattern)) {
      this.text += text.slice(last, match.index);
      const value = this.bound[this.boundUsed++];
      if (value) this.push(value);
      else this.push(undefined, match[0]);
      last = (match.index ?? 0) + match[0].length;
    }
    this.text += text.slice(last);
  }

  /** A run-time value: one more `$n`. */
  parameter(node: Node): void {
    this.push(node);
  }

  result(): Omit<SqlText, 'pieces' | 'dynamicText'> {
    return { text: this.text, parameters: this.parameters, complete: this.complete, placeholderStyle: this.style };
  }

  /** `$1`… in a raw pg string refer to the bound values, in order. */
  private bindDollar(text: string): void {
    for (const match of text.matchAll(/\$(\d+)/g)) {
      const index = Number(match[1]);
      const value = this.bound[index - 1];
      if (value && !this.parameters.some((p) => p.index === index)) {
        this.parameters.push({ index, node: value, text: value.getText(), offset: this.text.length + (match.index ?? 0) });
      }
    }
  }

  private push(node: Node | undefined, placeholderText?: string): void {
    const index = this.next++;
    const offset = this.text.length;
    this.text += `$${index}`;
    if (node) this.parameters.push({ index, node, text: node.getText(), offset });
    else if (placeholderText) this.complete = false;
  }
}

/** Regex matches in `text` that are not inside '…' or "…" (SQL string literals and quoted identifiers). */
function outsideQuotes(text: string, pattern: RegExp): RegExpMatchArray[] {
  const quoted: Array<[number, number]> = [];
  for (const m of text.matchAll(/'(?:[^']|'')*'|"(?:[^"]|"")*"/g)) quoted.push([m.index ?? 0, (m.index ?? 0) + m[0].length]);
  return [...text.matchAll(pattern)].filter((m) => !quoted.some(([s, e]) => (m.index ?? 0) >= s && (m.index ?? 0) < e));
}
