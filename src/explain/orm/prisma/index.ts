import { Node, SyntaxKind, type CallExpression, type SourceFile } from 'ts-morph';
import type { OrmContext, OrmQuery, OrmSchemaSource, OrmTranslator } from '../orm-query.js';
import { aggregateStatement, countStatement, groupByStatement, writeStatement } from './aggregate-write-sql.js';
import { constArg, objectArg, readArg, Untranslatable } from './call-arguments.js';
import { prismaDdl } from './prisma-ddl.js';
import { parsePrismaSchema, type PrismaSchema } from './prisma-schema.js';
import { findStatements, type BuiltStatement } from './read-sql.js';
import { modelOfDelegate } from './relations.js';

const READS = ['findMany', 'findFirst', 'findFirstOrThrow', 'findUnique', 'findUniqueOrThrow'];
const OTHERS = ['count', 'aggregate', 'groupBy', 'update', 'updateMany', 'delete', 'deleteMany'];
const NOT_TRANSLATED = ['create', 'createMany', 'createManyAndReturn', 'upsert', 'updateManyAndReturn'];
/** Receivers taken for a Prisma client: `prisma`, `this.prisma`, `db`, `tx` (interactive transactions), `*Prisma*`, `client`. */
const CLIENT_NAME = /prisma|^db$|^tx$|^client$/i;

/** Where Prisma looks for the schema when package.json names none. */
const SCHEMA_PATHS = ['prisma/schema.prisma', 'schema.prisma'];

export async function readPrismaSchema(context: OrmContext): Promise<{ path: string; schema: PrismaSchema } | undefined> {
  const pkg = context.readFile('package.json');
  let configured: string | undefined;
  try {
    configured = pkg ? (JSON.parse(pkg) as { prisma?: { schema?: string } }).prisma?.schema : undefined;
  } catch {
    configured = undefined;
  }
  for (const candidate of configured ? [configured, ...SCHEMA_PATHS] : SCHEMA_PATHS) {
    const text = context.readFile(candidate);
    if (text !== undefined) {
      const schema = parsePrismaSchema(text);
      if (schema.models.length > 0) return { path: candidate, schema };
    }
  }
  return undefined;
}

export const prismaTranslator: OrmTranslator = {
  orm: 'prisma',
  prepare: async (context) => (await readPrismaSchema(context))?.schema,
  translate: (sourceFile: SourceFile, prepared: unknown) => {
    const schema = prepared as PrismaSchema;
    const queries: OrmQuery[] = [];
    for (const call of sourceFile.getDescendantsOfKind(SyntaxKind.CallExpression)) {
      const query = translateCall(schema, call);
      if (query) queries.push(query);
    }
    return queries;
  },
};

export const prismaSchemaSource: OrmSchemaSource = {
  orm: 'prisma',
  ddl: async (context) => {
    const found = await readPrismaSchema(context);
    return found && { name: found.path, sql: prismaDdl(found.schema) };
  },
};

function translateCall(schema: PrismaSchema, call: CallExpression): OrmQuery | undefined {
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.getName();
  const delegate = callee.getExpression();
  if (![...READS, ...OTHERS, ...NOT_TRANSLATED].includes(method) || !Node.isPropertyAccessExpression(delegate)) return undefined;
  const client = delegate.getExpression();
  const clientName = Node.isPropertyAccessExpression(client) ? client.getName() : client.getText();
  if (!CLIENT_NAME.test(clientName)) return undefined;
  const node = call;
  const model = modelOfDelegate(schema, delegate.getName());
  if (!model) return { orm: 'prisma', node, reason: `schema.prisma has no model for \`${delegate.getName()}\`` };
  if (NOT_TRANSLATED.includes(method)) return { orm: 'prisma', node, reason: `\`${method}\` is not translated (inserts are not explained)` };
  try {
    const argNodes = call.getArguments();
    if (argNodes.length > 1 || argNodes.some((a) => Node.isSpreadElement(a))) throw new Untranslatable('the arguments are spread or more than one');
    const args = objectArg(argNodes[0] && readArg(argNodes[0]), 'the argument');
    const strategy = constArg(args.get('relationLoadStrategy'), 'relationLoadStrategy');
    const join = strategy === undefined ? schema.relationJoins : strategy === 'join';
    let statements: BuiltStatement[];
    if (READS.includes(method)) statements = findStatements(schema, model, method, args, join);
    else if (method === 'count') statements = [countStatement(schema, model, args)];
    else if (method === 'aggregate') statements = [aggregateStatement(schema, model, args)];
    else if (method === 'groupBy') statements = [groupByStatement(schema, model, args)];
    else statements = [writeStatement(schema, model, method, args)];
    const [first, ...followUps] = statements;
    const strategyNote = READS.includes(method) ? `relationLoadStrategy: ${join ? 'join' : 'query'}${followUps.length ? '; Prisma binds one `$n` per parent row in `IN (…)`, explained with one value' : ''}` : undefined;
    return { orm: 'prisma', node, sql: first.sql, parameterNames: first.parameterNames, followUps, note: strategyNote };
  } catch (error) {
    if (error instanceof Untranslatable) return { orm: 'prisma', node, reason: error.message };
    throw error;
  }
}
