import * as operators from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { Node, Project, SyntaxKind } from 'ts-morph';
import { skipOuterExpressions } from '../../../analysis/outer-expressions.js';
import type { DrizzleSchema } from './drizzle-tables.js';

/**
 * `relations(orders, ({ one, many }) => ({ user: one(users, { fields: [orders.userId], references: [users.id] }),
 * items: many(orderItems) }))` read from the schema files and rebuilt with drizzle-orm's own `relations`, so
 * relational queries (`db.query.orders.findMany`) compile as the application's do. A definition that cannot be
 * read is kept out with the reason; a query that needs it then gives a notice.
 */
export interface DrizzleRelations {
  /** Variable name → the rebuilt relations, for `drizzle.mock({ schema })`. */
  relations: Map<string, unknown>;
  /** Table variable name → why its relations were not rebuilt. */
  skipped: Map<string, string>;
}

export function readDrizzleRelations(files: Array<{ path: string; text: string }>, schema: DrizzleSchema): DrizzleRelations {
  const project = new Project({ useInMemoryFileSystem: true });
  const found: DrizzleRelations = { relations: new Map(), skipped: new Map() };
  for (const f of files) {
    const sf = project.createSourceFile(`/relations/${f.path}`, f.text, { overwrite: true });
    for (const call of sf.getDescendantsOfKind(SyntaxKind.CallExpression)) {
      if (call.getExpression().getText() !== 'relations') continue;
      const holder = call.getParentIfKind(SyntaxKind.VariableDeclaration);
      const [tableArg, builder] = call.getArguments();
      const tableName = tableArg?.getText() ?? '?';
      const table = schema.tables.get(tableName);
      if (!holder) continue;
      try {
        if (!table) throw new Error(`the table \`${tableName}\` is not rebuilt${schema.skipped.has(tableName) ? ` (${schema.skipped.get(tableName)})` : ''}`);
        found.relations.set(holder.getName(), rebuild(table, builder, schema));
      } catch (error) {
        found.skipped.set(tableName, `its relations (${holder.getName()}) are not read: ${(error as Error).message}`);
      }
    }
  }
  return found;
}

type Helpers = { one: (table: PgTable, config?: unknown) => unknown; many: (table: PgTable, config?: unknown) => unknown };

function rebuild(table: PgTable, builder: Node | undefined, schema: DrizzleSchema): unknown {
  const fn = builder && skipOuterExpressions(builder);
  if (!fn || !Node.isArrowFunction(fn)) throw new Error('the second argument is not an arrow function');
  const [param] = fn.getParameters();
  const names = param && Node.isObjectBindingPattern(param.getNameNode()) ? (param.getNameNode() as import('ts-morph').ObjectBindingPattern).getElements().map((e) => [e.getName(), e.getPropertyNameNode()?.getText() ?? e.getName()]) : undefined;
  if (!names) throw new Error('the helpers are not destructured (`({ one, many }) =>`)');
  const helperOf = new Map(names.map(([local, helper]) => [local, helper]));
  const body = skipOuterExpressions(fn.getBody());
  if (!Node.isObjectLiteralExpression(body)) throw new Error('it does not return an object literal');
  const entries = body.getProperties().map((property) => {
    if (!Node.isPropertyAssignment(property)) throw new Error(`\`${property.getText()}\` is not read`);
    const call = skipOuterExpressions(property.getInitializerOrThrow());
    const helper = Node.isCallExpression(call) ? helperOf.get(call.getExpression().getText()) : undefined;
    if (!Node.isCallExpression(call) || (helper !== 'one' && helper !== 'many')) throw new Error(`\`${property.getName()}\` is not \`one(…)\` or \`many(…)\``);
    const [targetArg, configArg] = call.getArguments();
    const target = schema.tables.get(targetArg?.getText() ?? '');
    if (!target) throw new Error(`the table \`${targetArg?.getText()}\` is not rebuilt`);
    return { key: property.getName(), helper: helper as 'one' | 'many', target, config: configArg && relationConfig(configArg, schema) };
  });
  return operators.relations(table, (helpers) => Object.fromEntries(entries.map((e) => [e.key, (helpers as unknown as Helpers)[e.helper](e.target, e.config)])) as never);
}

/** `{ fields: [orders.userId], references: [users.id], relationName: 'author' }` with the rebuilt columns. */
function relationConfig(node: Node, schema: DrizzleSchema): Record<string, unknown> {
  const object = skipOuterExpressions(node);
  if (!Node.isObjectLiteralExpression(object)) throw new Error(`\`${node.getText()}\` is not an object literal`);
  const config: Record<string, unknown> = {};
  for (const property of object.getProperties()) {
    if (!Node.isPropertyAssignment(property)) throw new Error(`\`${property.getText()}\` is not read`);
    const value = skipOuterExpressions(property.getInitializerOrThrow());
    const key = property.getName();
    if (key === 'relationName' && Node.isStringLiteral(value)) config[key] = value.getLiteralValue();
    else if ((key === 'fields' || key === 'references') && Node.isArrayLiteralExpression(value)) config[key] = value.getElements().map((e) => column(e, schema));
    else throw new Error(`\`${key}\` is not read`);
  }
  return config;
}

function column(node: Node, schema: DrizzleSchema): unknown {
  const expr = skipOuterExpressions(node);
  const table = Node.isPropertyAccessExpression(expr) ? schema.tables.get(expr.getExpression().getText()) : undefined;
  const found = table && (table as unknown as Record<string, unknown>)[(expr as import('ts-morph').PropertyAccessExpression).getName()];
  if (!found) throw new Error(`\`${node.getText()}\` is not a column of a rebuilt table`);
  return found;
}
