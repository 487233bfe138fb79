import { Node, SyntaxKind } from 'ts-morph';
import { z } from 'zod';
import { chainCalls, type CallSite } from '../../analysis/function-summary.js';
import { unwrap } from '../../analysis/loops.js';

/** A regular expression written in the catalog: rejected with the catalog entry's error when it does not compile. */
const regexSource = z.string().refine((source) => {
  try {
    new RegExp(source, 'i');
    return true;
  } catch {
    return false;
  }
}, 'not a valid regular expression');

/** A `query-batch-shapes` entry: a shape in a query's arguments that means it already handles many keys. */
export const batchShapeSchema = z
  .object({
    id: z.string(),
    why: z.string().describe('What the shape is, for the docs.'),
    property: z.string().optional().describe('Object key in the arguments: `in`, `$in`, `Op.in` (for `[Op.in]`).'),
    function: z.string().optional().describe('Helper called in the arguments: `In`, `inArray`.'),
    method: z.string().optional().describe('Method in the query chain: `whereIn`.'),
    string: z.string().optional().describe('String literal argument of a chain call: Kysely `in`.'),
    sql: regexSource.optional().describe('Regular expression (case-insensitive) over SQL text in the arguments.'),
  })
  .strict();

export type BatchShape = z.infer<typeof batchShapeSchema>;

/** The batch shape a query uses (`{ in: ids }`, `whereIn`, `= ANY($1)`), or undefined. */
export function batchShapeOf(site: CallSite, shapes: readonly BatchShape[]): BatchShape | undefined {
  const calls = Node.isCallExpression(site) ? chainCalls(site) : [];
  const methods = calls.map((c) => {
    const callee = c.getExpression();
    return Node.isPropertyAccessExpression(callee) ? callee.getName() : callee.getText();
  });
  const args: Node[] = Node.isCallExpression(site) ? calls.flatMap((c) => c.getArguments()) : [site.getTemplate()];
  const scopes = withLocalInitializers(args);
  const regexes = new Map(shapes.filter((s) => s.sql).map((s) => [s, new RegExp(s.sql!, 'i')]));
  return shapes.find((shape) => {
    if (shape.method && methods.includes(shape.method)) return true;
    if (shape.string && args.some((a) => Node.isStringLiteral(a) && a.getLiteralValue().toLowerCase() === shape.string)) return true;
    return scopes.some((scope) => {
      if (shape.property && scope.getDescendants().some((d) => propertyName(d) === shape.property)) return true;
      if (shape.function && scope.getDescendantsOfKind(SyntaxKind.CallExpression).some((c) => c.getExpression().getText() === shape.function)) return true;
      const sql = regexes.get(shape);
      return sql !== undefined && sqlTexts(scope).some((text) => sql.test(text));
    });
  });
}

/** The arguments plus, for identifiers among them, their initializer in the same file (`const where = {…}`). */
function withLocalInitializers(args: Node[]): Node[] {
  const scopes = [...args];
  for (const arg of args) {
    const identifiers = [arg, ...arg.getDescendants()].filter((n) => Node.isIdentifier(n) || Node.isShorthandPropertyAssignment(n));
    for (const id of identifiers.slice(0, 20)) {
      // `{ where }` names the variable through its shorthand value symbol, not its own.
      const symbol = Node.isShorthandPropertyAssignment(id) ? id.getValueSymbol() : id.getSymbol();
      for (const decl of symbol?.getDeclarations() ?? []) {
        if (Node.isVariableDeclaration(decl) && decl.getSourceFile() === arg.getSourceFile()) {
          const init = decl.getInitializer();
          if (init && !scopes.includes(init)) scopes.push(init);
        }
      }
    }
  }
  return scopes;
}

function propertyName(node: Node): string | undefined {
  if (!Node.isPropertyAssignment(node) && !Node.isShorthandPropertyAssignment(node)) return undefined;
  const name = node.getNameNode();
  if (Node.isComputedPropertyName(name)) return unwrap(name.getExpression()).getText();
  return Node.isStringLiteral(name) ? name.getLiteralValue() : name.getText();
}

function sqlTexts(scope: Node): string[] {
  const nodes = [scope, ...scope.getDescendants()];
  return nodes
    .filter((n) => Node.isStringLiteral(n) || Node.isNoSubstitutionTemplateLiteral(n) || Node.isTemplateExpression(n))
    .map((n) => n.getText());
}

/** An `unbatchable-sql` entry: statements that cannot be merged for many rows (DDL, transaction control). */
export const unbatchableSqlSchema = z.object({ id: z.string(), sql: regexSource, why: z.string() }).strict();

export type UnbatchableSql = z.infer<typeof unbatchableSqlSchema>;

/** The entry the query's SQL text (its literal first argument) starts with, or undefined. */
export function unbatchableStatementOf(site: CallSite, entries: readonly UnbatchableSql[]): UnbatchableSql | undefined {
  const first = Node.isCallExpression(site) ? site.getArguments()[0] : site.getTemplate();
  const text = first && leadingText(unwrap(first));
  if (text === undefined) return undefined;
  return entries.find((e) => new RegExp(e.sql, 'i').test(text));
}

function leadingText(node: Node): string | undefined {
  if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return node.getLiteralValue();
  if (Node.isTemplateExpression(node)) return node.getHead().getLiteralText();
  return undefined;
}
