import { Node, type CallExpression, type SourceFile, type TaggedTemplateExpression } from 'ts-morph';
import { z } from 'zod';
import { catalogSection, type Catalog } from '../core/catalog.js';
import { callPatternSchema, matchCall, matchesName, preferKnownLibrary, receiverMatches, stripThis, type CallPattern } from './call-matcher.js';
import { skipOuterExpressions, valueDeclarationOf } from './request-input.js';
import { typeInfo } from './type-info.js';
import { perCatalog } from './per-catalog.js';

/** How a library marks a bound parameter in SQL text. */
export const placeholderStyleSchema = z.enum(['dollar', 'question', 'named', 'template']);
export type PlaceholderStyle = z.infer<typeof placeholderStyleSchema>;

/** A raw-query API (`sql-sinks` in rules/sql-sinks.yml): an argument of it is sent as SQL text. */
export const sqlSinkSchema = callPatternSchema
  .extend({
    sqlArgument: z.number().int().min(0).default(0).describe('Index of the argument that holds the SQL text.'),
    sqlProperty: z
      .string()
      .optional()
      .describe('When the argument is an options object, the property that holds the SQL text (`sql` of RDS Data `executeStatement`, `QueryString` of Athena).'),
    valuesArgument: z.number().int().min(0).optional().describe('Index of the argument that holds the bound values, if any.'),
    placeholder: placeholderStyleSchema.describe('Placeholder style of the library: dollar ($1), question (?), named (:name), template.'),
    rewrite: z.string().describe('The parameterized form, shown as the fix.'),
    identifierRewrite: z.string().optional().describe('The fix when the value stands for a table, column or keyword, where no parameter can go.'),
    listRewrite: z.string().optional().describe('The parameterized form for a list pasted into `IN (…)`, e.g. `= ANY($1)` or whereIn.'),
    anyReceiver: z.boolean().default(false).describe('When types are missing, the method name alone identifies the library (distinctive names like whereRaw).'),
    chainedFrom: z.array(z.string()).default([]).describe('When types are missing, also match receivers that are call chains starting with one of these methods, e.g. createQueryBuilder.'),
    valuesStyle: z.enum(['array', 'rest']).default('array').describe('Bound values go in one array argument (pg) or follow the SQL one by one (Prisma $queryRawUnsafe).'),
    templateTag: z.string().optional().describe('The parameterizing tagged template to rewrite to, e.g. sql or Prisma.sql.'),
    identifierOnly: z.boolean().default(false).describe('The argument names an identifier or literal (sql.id, sql.lit): only request input is reported.'),
  })
  .strict();
export type SqlSink = z.infer<typeof sqlSinkSchema>;

/** A tagged template that sends its interpolations as bound parameters (`sql-tagged-templates`). */
export const sqlTagSchema = callPatternSchema
  .extend({
    placeholder: placeholderStyleSchema.default('dollar').describe('How the driver numbers the parameters it sends.'),
    fragment: z.boolean().default(false).describe('The template builds a piece of SQL to embed (Prisma.sql), not a statement that runs.'),
  })
  .strict();
export type SqlTag = z.infer<typeof sqlTagSchema>;

export const sqlCatalog: (catalog: Catalog) => { sinks: SqlSink[]; tags: SqlTag[] } = perCatalog((catalog) => ({
  sinks: catalogSection(catalog, 'sql-sinks', (e) => sqlSinkSchema.parse(e)),
  tags: catalogSection(catalog, 'sql-tagged-templates', (e) => sqlTagSchema.parse(e)),
}));

export interface SinkMatch<P> {
  pattern: P;
  how: 'type' | 'shape';
  /** `pool.query`, `prisma.$queryRawUnsafe`, `sql`. */
  callee: string;
}

/** The raw-query sink this call goes to. By shape, a library the file imports wins over one it does not. */
export function matchSqlSink(call: CallExpression, sinks: readonly SqlSink[]): SinkMatch<SqlSink> | undefined {
  // Names first: most calls are not named like any sink, and types are expensive.
  const expression = call.getExpression();
  const name = Node.isPropertyAccessExpression(expression) ? expression.getName() : Node.isIdentifier(expression) ? importedName(expression) : undefined;
  const candidates = name === undefined ? [] : sinks.filter((s) => matchesName(name, s.methods) || s.functions.includes(name));
  if (candidates.length === 0) return undefined;
  const callee = compactCallee(expression);
  const matches: Array<SinkMatch<SqlSink>> = [];
  for (const sink of candidates) {
    if (Node.isIdentifier(expression)) {
      // Plain functions (`raw(…)` from @mikro-orm/core): by the import, as for tags.
      const how = functionTagMatch(expression, sink);
      if (how) matches.push({ pattern: sink, how, callee });
      continue;
    }
    const match = matchCall(call, [sink], { requireDependency: true });
    if (match) matches.push({ pattern: sink, how: match.how, callee });
    else if (matchesLoosely(call, sink)) matches.push({ pattern: sink, how: 'shape', callee });
  }
  return preferImported(matches, call.getSourceFile());
}

/** The parameterizing tag of this tagged template (Prisma `$queryRaw`, Drizzle/Kysely/slonik/postgres `sql`). */
export function matchSqlTag(template: TaggedTemplateExpression, tags: readonly SqlTag[]): SinkMatch<SqlTag> | undefined {
  const tag = skipOuterExpressions(template.getTag());
  const name = Node.isPropertyAccessExpression(tag) ? tag.getName() : importedName(tag);
  if (!tags.some((t) => t.functions.includes(name) || matchesName(name, t.methods))) return undefined;
  const callee = compactCallee(tag);
  const matches: Array<SinkMatch<SqlTag>> = [];
  for (const pattern of tags) {
    const how = Node.isIdentifier(tag) ? functionTagMatch(tag, pattern) : Node.isPropertyAccessExpression(tag) ? methodTagMatch(tag, pattern) : undefined;
    if (how) matches.push({ pattern, how, callee });
  }
  return preferImported(matches, template.getSourceFile());
}

function functionTagMatch(tag: Node, pattern: CallPattern): 'type' | 'shape' | undefined {
  if (!pattern.functions.includes(importedName(tag))) return undefined;
  const declaration = valueDeclarationOf(tag);
  const info = typeInfo(tag.getType());
  if (info.resolved && declaration) {
    // `import { sql } from 'drizzle-orm'` or `const sql = postgres()`: the type says which library.
    const byModule = info.modules.some((m) => pattern.modules.includes(m));
    const byType = pattern.types.length > 0 && pattern.types.some((t) => info.names.includes(t));
    return byModule || byType ? 'type' : undefined;
  }
  // Not installed: an import of the tag from one of the library's modules, or an unknown `sql`.
  const imported = importedFrom(tag);
  if (imported) return pattern.modules.includes(imported) ? 'shape' : undefined;
  return declaration && !declaration.getSourceFile().isDeclarationFile() && !Node.isImportSpecifier(declaration) && !Node.isParameterDeclaration(declaration) && !Node.isPropertyDeclaration(declaration)
    ? shapeOfLocal(declaration, pattern)
    : 'shape';
}

/** `const sql = postgres(url)` without types: the initialiser calls a function imported from the library. */
function shapeOfLocal(declaration: Node, pattern: CallPattern): 'shape' | undefined {
  if (!Node.isVariableDeclaration(declaration)) return undefined;
  const init = declaration.getInitializer();
  const calleeNode = init && Node.isCallExpression(init) ? init.getExpression() : undefined;
  const from = calleeNode && Node.isIdentifier(calleeNode) ? importedFrom(calleeNode) : undefined;
  return from && pattern.modules.includes(from) ? 'shape' : undefined;
}

function methodTagMatch(tag: Node & { getName(): string; getExpression(): Node }, pattern: CallPattern): 'type' | 'shape' | undefined {
  if (!matchesName(tag.getName(), pattern.methods)) return undefined;
  const receiver = tag.getExpression();
  const info = typeInfo(receiver.getType());
  if (info.resolved) {
    const byType = pattern.types.some((t) => info.names.includes(t));
    if (byType && (pattern.modules.length === 0 || info.modules.length === 0 || info.modules.some((m) => pattern.modules.includes(m)))) return 'type';
    return undefined;
  }
  const text = Node.isIdentifier(receiver) ? importedName(receiver) : stripThis(receiver.getText());
  return pattern.receivers.some((glob) => receiverMatches(text, glob)) ? 'shape' : undefined;
}

/** `anyReceiver` and `chainedFrom` matches when the receiver's type is unknown. */
function matchesLoosely(call: CallExpression, sink: SqlSink): boolean {
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee) || !matchesName(callee.getName(), sink.methods)) return false;
  const receiver = callee.getExpression();
  if (typeInfo(receiver.getType()).resolved) return false;
  if (sink.anyReceiver) return true;
  for (let current: Node = receiver; Node.isCallExpression(current); ) {
    const inner = current.getExpression();
    if (!Node.isPropertyAccessExpression(inner)) break;
    if (sink.chainedFrom.includes(inner.getName())) return true;
    current = inner.getExpression();
  }
  return false;
}

function preferImported<P extends CallPattern>(matches: Array<SinkMatch<P>>, file: SourceFile): SinkMatch<P> | undefined {
  if (matches.length <= 1) return matches[0];
  const byType = matches.find((m) => m.how === 'type');
  if (byType) return byType;
  const preferred = preferKnownLibrary(matches.map((m) => m.pattern), file);
  return matches.find((m) => m.pattern === preferred) ?? matches[0];
}

/** `k` in `import { sql as k } from 'kysely'` → "sql"; any other identifier → its own text. */
function importedName(identifier: Node): string {
  const declaration = identifier.getSymbol()?.getDeclarations()[0];
  if (declaration && Node.isImportSpecifier(declaration)) return declaration.getName();
  return identifier.getText();
}

function importedFrom(identifier: Node): string | undefined {
  const symbol = identifier.getSymbol();
  const declaration = symbol?.getDeclarations()[0];
  const importDeclaration = declaration?.getFirstAncestor((a) => Node.isImportDeclaration(a));
  return importDeclaration && Node.isImportDeclaration(importDeclaration) ? importDeclaration.getModuleSpecifierValue() : undefined;
}

/** `this.prisma.$queryRawUnsafe` → `prisma.$queryRawUnsafe`; long receivers keep their last two segments. */
function compactCallee(node: Node): string {
  const text = stripThis(node.getText());
  return text.length > 40 ? `…${text.slice(-39)}` : text;
}
