import { Node, type CallExpression, type ObjectLiteralExpression } from 'ts-morph';
import { z } from 'zod';
import { chainCalls } from '../../analysis/function-summary.js';
import { unwrap } from '../../analysis/loops.js';
import type { QueryHit } from '../../analysis/query-call.js';

/** An `unbounded-reads` entry of rules/unbounded.yml: how one library bounds a read. */
export const unboundedReadSchema = z
  .object({
    id: z.string(),
    library: z.string(),
    queryCalls: z.array(z.string()).min(1).describe('Ids of the `query-calls` entries (rules/queries.yml) this applies to.'),
    methods: z.array(z.string()).default([]).describe('Reading methods (in the chain); empty: any.'),
    optionsArgument: z.number().int().min(0).optional(),
    whereArgument: z.number().int().min(0).optional(),
    limitKeys: z.array(z.string()).default([]),
    optionKeys: z
      .array(z.string())
      .default([])
      .describe('Every key the options object can have; an object with none of them is a filter (MikroORM `repo.find(where, { limit })` read through the same shape).'),
    boundedBy: z.array(z.string()).default([]),
    requires: z.array(z.string()).default([]),
    fix: z.string(),
  })
  .strict();

export type UnboundedRead = z.infer<typeof unboundedReadSchema>;

export interface ReadVerdict {
  entry: UnboundedRead;
  /** The call that reads (`prisma.user.findMany(…)`), inside the chain. */
  call: CallExpression;
  /** `unsure` when the options are not written out (a variable, a spread): a bound may be in them. */
  certainty: 'sure' | 'unsure';
  /** The filter keys, for the message (`where: { authorId }`). */
  filter: string[];
  /** Model, repository or table name, for the small-table list. */
  target: string;
}

/** Whether a recognised query is an unbounded read; undefined when bounded, a single row, or not a read. */
export function unboundedRead(hit: QueryHit, entries: readonly UnboundedRead[], uniqueKeys: readonly string[]): ReadVerdict | undefined {
  if (!Node.isCallExpression(hit.site)) return undefined;
  const chain = chainCalls(hit.site);
  const names = chain.map(methodOf);
  for (const entry of entries) {
    if (!entry.queryCalls.includes(hit.pattern.id)) continue;
    const call = entry.methods.length > 0 ? chain.find((c) => entry.methods.includes(methodOf(c))) : hit.site;
    if (!call) continue;
    if (entry.requires.length > 0 && !names.some((n) => entry.requires.includes(n))) continue;
    if (names.some((n) => entry.boundedBy.includes(n))) return undefined;
    const verdict = judgeArguments(call, entry, uniqueKeys);
    if (!verdict) return undefined;
    return { entry, call, ...verdict, target: targetName(chain, hit) };
  }
  return undefined;
}

function judgeArguments(call: CallExpression, entry: UnboundedRead, uniqueKeys: readonly string[]) {
  const args = call.getArguments();
  // TypeORM/MikroORM `manager.find(User, options)`: an entity class first shifts the arguments.
  const shift = args.length > 1 && Node.isIdentifier(args[0]) && /^[A-Z]/.test(args[0].getText()) ? 1 : 0;
  const index = entry.optionsArgument ?? entry.whereArgument;
  const arg = index === undefined ? undefined : args[index + shift];
  // Knex/Kysely/Drizzle chains: the chain has been searched for its bounds; filter from `.where({ … })`.
  if (index === undefined) {
    const filters = chainCalls(call).filter((c) => /^(where|andWhere|filter)$/.test(methodOf(c)));
    const filter = filters.flatMap((c) => filterKeys(c.getArguments()));
    if (filter.some((k) => uniqueKeys.includes(k))) return undefined;
    return { certainty: 'sure' as const, filter };
  }
  if (!arg) return { certainty: 'sure' as const, filter: [] };
  const object = unwrap(arg);
  if (!Node.isObjectLiteralExpression(object)) return { certainty: 'unsure' as const, filter: [] };
  const hasSpread = object.getProperties().some((p) => Node.isSpreadAssignment(p));
  if (entry.whereArgument !== undefined) {
    const filter = keysOf(object);
    if (filter.some((k) => uniqueKeys.includes(k))) return undefined;
    return { certainty: hasSpread ? ('unsure' as const) : ('sure' as const), filter };
  }
  if (keysOf(object).some((k) => entry.limitKeys.includes(k))) return undefined;
  if (entry.optionKeys.length > 0 && keysOf(object).length > 0 && !keysOf(object).some((k) => entry.optionKeys.includes(k))) {
    // `repo.find({ email }, { fields: ['id'] })`: a filter first, options (and a `limit`) second.
    const filter = keysOf(object);
    const options = args[index + shift + 1] && unwrap(args[index + shift + 1]);
    if (filter.some((k) => uniqueKeys.includes(k)) || (options && Node.isObjectLiteralExpression(options) && keysOf(options).includes('limit'))) return undefined;
    return { certainty: hasSpread ? ('unsure' as const) : ('sure' as const), filter };
  }
  const where = propertyValue(object, 'where');
  const filter = [...(where ? filterKeys([where]) : []), ...includeFilters(object)];
  if (filter.some((k) => uniqueKeys.includes(k))) return undefined;
  const whereNode = where && unwrap(where);
  // `where: { ...whereClause }`: the filter is built elsewhere, as opaque as `where: whereClause`.
  const whereIsOpaque =
    whereNode !== undefined &&
    (Node.isObjectLiteralExpression(whereNode) ? whereNode.getProperties().some((p) => Node.isSpreadAssignment(p)) : !Node.isArrayLiteralExpression(whereNode));
  return { certainty: hasSpread || whereIsOpaque || scopedModel(call) ? ('unsure' as const) : ('sure' as const), filter };
}

/**
 * Sequelize `include: [{ model: User, where: { email } }]`: an include with a `where` is an inner join
 * (`required` defaults to true), so it filters the rows returned, not only the rows joined.
 */
function includeFilters(options: ObjectLiteralExpression): string[] {
  const include = propertyValue(options, 'include');
  const list = include && unwrap(include);
  if (!list || !Node.isArrayLiteralExpression(list)) return [];
  return list.getElements().flatMap((element) => {
    const item = unwrap(element);
    if (!Node.isObjectLiteralExpression(item)) return [];
    const required = propertyValue(item, 'required');
    const where = propertyValue(item, 'where');
    if (!where || required?.getText() === 'false') return [];
    return filterKeys([where]);
  });
}

/** `User.scope('invited').findAll`, `Group.filterByMember(id).findAll`: a model's own method may add a where. */
export function scopedModel(call: CallExpression): boolean {
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee)) return false;
  const receiver = unwrap(callee.getExpression());
  if (!Node.isCallExpression(receiver)) return false;
  const inner = receiver.getExpression();
  return Node.isPropertyAccessExpression(inner) && /^[A-Z]/.test(inner.getExpression().getText()) && inner.getName() !== 'unscoped';
}

/** Keys of object-literal filters among the arguments (`where({ id })`, `where('id', id)`). */
function filterKeys(args: Node[]): string[] {
  const [first] = args;
  if (!first) return [];
  const expr = unwrap(first);
  if (Node.isObjectLiteralExpression(expr)) return keysOf(expr);
  if (Node.isArrayLiteralExpression(expr)) return expr.getElements().flatMap((e) => filterKeys([e]));
  if (Node.isStringLiteral(expr) && args.length >= 2) return [expr.getLiteralValue().split('.').pop()!];
  return [];
}

function keysOf(object: ObjectLiteralExpression): string[] {
  return object.getProperties().flatMap((p) => {
    if (Node.isPropertyAssignment(p) || Node.isShorthandPropertyAssignment(p)) return [p.getName().replace(/^['"]|['"]$/g, '')];
    return [];
  });
}

function propertyValue(object: ObjectLiteralExpression, name: string): Node | undefined {
  const property = object.getProperty(name);
  if (Node.isPropertyAssignment(property)) return property.getInitializer();
  if (Node.isShorthandPropertyAssignment(property)) return property.getNameNode();
  return undefined;
}

function methodOf(call: CallExpression): string {
  const callee = call.getExpression();
  return Node.isPropertyAccessExpression(callee) ? callee.getName() : '';
}

/** `prisma.role` → role, `roleRepository` → role, `knex('roles')` → roles, `find(Role, …)` → Role. */
function targetName(chain: CallExpression[], hit: QueryHit): string {
  const root = chain[chain.length - 1];
  const first = root.getArguments()[0];
  if (first && (Node.isStringLiteral(first) || (Node.isIdentifier(first) && /^[A-Z]/.test(first.getText())))) {
    return Node.isStringLiteral(first) ? first.getLiteralValue() : first.getText();
  }
  const receiver = hit.text.split('.').slice(0, -1).join('.');
  const last = receiver.replace(/\(.*$/, '').split('.').pop() ?? '';
  return last.replace(/Repo(sitory)?$/i, '').replace(/Model$/, '');
}
