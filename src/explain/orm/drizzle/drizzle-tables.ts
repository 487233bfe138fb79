import * as pgCore from 'drizzle-orm/pg-core';
import { Node, Project, SyntaxKind, type CallExpression } from 'ts-morph';
import { readChain, readValue, type ChainValue } from '../builder-chain.js';

/**
 * Drizzle table definitions (`pgTable('orders', { userId: integer('user_id').notNull() }, (t) => [index(…).on(t.userId)])`)
 * read statically and rebuilt with drizzle-orm's own pg-core builders — only the builders and modifiers
 * below, only literal arguments — so queries compile against the same names and types the repository
 * declares. A table with a piece that cannot be read is kept out, with the reason.
 */
const COLUMN_TYPES = new Set([
  'serial', 'bigserial', 'smallserial', 'integer', 'smallint', 'bigint', 'text', 'varchar', 'char', 'boolean',
  'timestamp', 'date', 'time', 'interval', 'uuid', 'numeric', 'decimal', 'real', 'doublePrecision', 'json', 'jsonb',
]);
const COLUMN_MODIFIERS = new Set(['primaryKey', 'notNull', 'default', 'defaultNow', 'defaultRandom', 'unique', 'references', '$type', 'array']);
const EXTRAS = new Set(['index', 'uniqueIndex', 'primaryKey', 'unique']);

export interface DrizzleSchema {
  /** Variable name in the code (`orders`) → the rebuilt table. */
  tables: Map<string, pgCore.PgTable>;
  enums: pgCore.PgEnum<[string, ...string[]]>[];
  /** Variable name → why its definition was not rebuilt. */
  skipped: Map<string, string>;
}

type Builder = Record<string, (...args: unknown[]) => unknown>;

export function readDrizzleSchema(files: Array<{ path: string; text: string }>): DrizzleSchema {
  const project = new Project({ useInMemoryFileSystem: true });
  const schema: DrizzleSchema = { tables: new Map(), enums: [], skipped: new Map() };
  const enums = new Map<string, unknown>();
  const sources = files.map((f) => project.createSourceFile(`/schema/${f.path}`, f.text, { overwrite: true }));
  for (const sf of sources) {
    for (const declaration of sf.getVariableDeclarations()) {
      const init = declaration.getInitializer();
      if (!init || !Node.isCallExpression(init) || init.getExpression().getText() !== 'pgEnum') continue;
      const [name, values] = init.getArguments().map(readValue);
      if (name?.kind !== 'constant' || values?.kind !== 'array' || !values.items.every((v) => v.kind === 'constant')) continue;
      const made = pgCore.pgEnum(String(name.value), values.items.map((v) => String((v as { value: unknown }).value)) as [string, ...string[]]);
      enums.set(declaration.getName(), made);
      schema.enums.push(made as unknown as DrizzleSchema['enums'][number]);
    }
  }
  for (const sf of sources) {
    for (const call of sf.getDescendantsOfKind(SyntaxKind.CallExpression)) {
      if (call.getExpression().getText() !== 'pgTable') continue;
      const holder = call.getParent();
      if (!holder || !Node.isVariableDeclaration(holder)) continue;
      try {
        schema.tables.set(holder.getName(), rebuildTable(call, enums, schema.tables));
      } catch (error) {
        schema.skipped.set(holder.getName(), (error as Error).message);
      }
    }
  }
  return schema;
}

function rebuildTable(call: CallExpression, enums: Map<string, unknown>, tables: Map<string, pgCore.PgTable>): pgCore.PgTable {
  const [nameArg, columnsArg, extraArg] = call.getArguments();
  const name = nameArg && readValue(nameArg);
  if (name?.kind !== 'constant' || typeof name.value !== 'string') throw new Error('its name is not a string literal');
  const columnsNode = columnsArg && unwrapObject(columnsArg);
  if (!columnsNode) throw new Error('its columns are not an object literal');
  const columns: Record<string, unknown> = {};
  for (const property of columnsNode.getProperties()) {
    if (!Node.isPropertyAssignment(property)) throw new Error(`\`${property.getText()}\` is not read`);
    columns[property.getName()] = rebuildColumn(property.getInitializer()!, enums, tables);
  }
  const extra = extraArg && (Node.isArrowFunction(extraArg) ? extraArg : undefined);
  if (extraArg && !extra) throw new Error('its third argument is not an arrow function');
  const extras = extra ? readExtras(extra) : undefined;
  return pgCore.pgTable(name.value, columns as Record<string, pgCore.PgColumnBuilderBase>, extras && ((t: unknown) => extras(t as Record<string, unknown>)) as never);
}

function rebuildColumn(node: Node, enums: Map<string, unknown>, tables: Map<string, pgCore.PgTable>): unknown {
  const chain = Node.isCallExpression(node) ? readChain(node) : undefined;
  if (!chain?.root.args) throw new Error(`the column \`${node.getText()}\` is not read`);
  const type = chain.root.text;
  const factory = COLUMN_TYPES.has(type) ? (pgCore as unknown as Builder)[type] : (enums.get(type) as Builder[string] | undefined);
  if (!factory) throw new Error(`the column type \`${type}\` is not one Plumbline rebuilds`);
  let column = factory(...chain.root.args.map(literal)) as Builder;
  for (const step of chain.steps) {
    if (!COLUMN_MODIFIERS.has(step.name) || !step.args) throw new Error(`\`.${step.name}\` on a column is not read`);
    if (step.name === 'references') {
      const target = referenceTarget(step.args[0], tables);
      if (target) column = column.references(() => target) as Builder;
      continue;
    }
    if (step.name === '$type') continue;
    column = column[step.name](...step.args.map(literal)) as Builder;
  }
  return column;
}

/** `() => users.id` of a table rebuilt before; a reference to a later table is left out (the DDL adds no key). */
function referenceTarget(value: ChainValue | undefined, tables: Map<string, pgCore.PgTable>): unknown {
  if (value?.kind !== 'unreadable') return undefined;
  const match = /^\(\)\s*=>\s*(\w+)\.(\w+)$/.exec(value.text.trim());
  const table = match && tables.get(match[1]);
  return table ? (table as unknown as Record<string, unknown>)[match[2]] : undefined;
}

function literal(value: ChainValue): unknown {
  if (value.kind === 'constant') return value.value;
  if (value.kind === 'object') return Object.fromEntries(value.entries.map(([k, v]) => [k, literal(v)]));
  if (value.kind === 'array') return value.items.map(literal);
  throw new Error(`\`${'text' in value ? value.text : value.kind}\` is not a literal`);
}

/** `(t) => [index('orders_user_idx').on(t.userId), …]` or the older `(t) => ({ byUser: index(…).on(…) })`. */
function readExtras(arrow: import('ts-morph').ArrowFunction): (t: Record<string, unknown>) => unknown[] {
  const param = arrow.getParameters()[0]?.getName() ?? 't';
  let body: Node = arrow.getBody();
  while (Node.isParenthesizedExpression(body)) body = body.getExpression();
  const items = Node.isArrayLiteralExpression(body)
    ? body.getElements()
    : Node.isObjectLiteralExpression(body)
      ? body.getProperties().map((p) => (Node.isPropertyAssignment(p) ? p.getInitializer()! : p))
      : undefined;
  if (!items) throw new Error('its indexes are not an array or object literal');
  const recipes = items.map((item) => {
    const chain = Node.isCallExpression(item) ? readChain(item) : undefined;
    if (!chain?.root.args || !EXTRAS.has(chain.root.text)) throw new Error(`\`${item.getText()}\` is not read`);
    return chain;
  });
  return (t) =>
    recipes.map((chain) => {
      const column = (v: ChainValue) => (v.kind === 'ref' && v.path.length === 2 && v.path[0] === param ? t[v.path[1]] : literalOrColumns(v, param, t));
      let made = (pgCore as unknown as Builder)[chain.root.text](...chain.root.args!.map(column)) as Builder;
      for (const step of chain.steps) {
        if (!['on', 'using'].includes(step.name) || !step.args) throw new Error(`\`.${step.name}\` on an index is not read`);
        made = made[step.name](...step.args.map(column)) as Builder;
      }
      return made;
    });
}

/** `primaryKey({ columns: [t.a, t.b] })`: literals with columns inside. */
function literalOrColumns(value: ChainValue, param: string, t: Record<string, unknown>): unknown {
  if (value.kind === 'ref' && value.path.length === 2 && value.path[0] === param) return t[value.path[1]];
  if (value.kind === 'object') return Object.fromEntries(value.entries.map(([k, v]) => [k, literalOrColumns(v, param, t)]));
  if (value.kind === 'array') return value.items.map((v) => literalOrColumns(v, param, t));
  return literal(value);
}

function unwrapObject(node: Node) {
  return Node.isObjectLiteralExpression(node) ? node : undefined;
}
