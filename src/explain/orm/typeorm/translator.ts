import { Node, Project, SyntaxKind, type CallExpression, type SourceFile } from 'ts-morph';
import type { OrmContext, OrmQuery, OrmTranslator } from '../orm-query.js';
import { constantOf, short, Untranslatable, untranslatable } from '../sql-values.js';
import { readEntities, type EntityMap } from './entities.js';
import { FIND_METHODS, translateFind } from './find-options.js';
import { QB_TERMINALS, translateQueryBuilder } from './query-builder.js';
import { isDataSource, isEntityManager, repositoryEntity } from './repositories.js';
import type { Rendered } from './select-plan.js';
import { repositoryFilesMatching } from './source-files.js';

export interface TypeormSchema {
  entities: EntityMap;
  /** A file that configures a naming strategy: column names cannot be known, nothing is translated. */
  namingStrategy?: string;
}

/** The entities of a repository: every file with an `@Entity` class importing typeorm. */
export function readTypeormSchema(context: OrmContext): TypeormSchema | undefined {
  const files = repositoryFilesMatching(context.root, /from ['"]typeorm['"]|require\(['"]typeorm['"]\)/);
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { allowJs: true } });
  const entityFiles = files.filter((f) => /@Entity\s*\(/.test(f.text)).map((f) => project.createSourceFile(`/repo/${f.path}`, f.text));
  if (entityFiles.length === 0) return undefined;
  const naming = files.find((f) => /\bnamingStrategy\s*:/.test(f.text));
  return { entities: readEntities(entityFiles), namingStrategy: naming?.path };
}

export const typeormTranslator: OrmTranslator = {
  orm: 'typeorm',
  prepare: async (context) => readTypeormSchema(context),
  translate: (sourceFile, prepared) => translateFile(sourceFile, prepared as TypeormSchema),
};

function translateFile(sourceFile: SourceFile, schema: TypeormSchema): OrmQuery[] {
  const queries: OrmQuery[] = [];
  for (const call of sourceFile.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const found = queryOf(call, schema);
    if (!found) continue;
    try {
      if (schema.namingStrategy) untranslatable(`${schema.namingStrategy} sets a naming strategy (column names are not known)`);
      const rendered = found.translate();
      queries.push({ orm: 'typeorm', node: found.node, sql: rendered.sql, parameterNames: rendered.parameterNames, followUps: rendered.followUps, note: rendered.note });
    } catch (error) {
      if (!(error instanceof Untranslatable)) throw error;
      queries.push({ orm: 'typeorm', node: found.node, reason: error.message });
    }
  }
  return queries;
}

/** A TypeORM query at this call: the node to report on and how to translate it; undefined when the call is none. */
function queryOf(call: CallExpression, schema: TypeormSchema): { node: Node; translate: () => Rendered } | undefined {
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.getName();
  const receiver = callee.getExpression();
  const args = call.getArguments();
  const entityNamed = (name: string | undefined) => {
    const entity = name ? schema.entities.get(name) : undefined;
    if (!entity) untranslatable(`the entity \`${name ?? '?'}\` was not found among the @Entity classes`);
    if (entity.unsupported) untranslatable(entity.unsupported);
    return entity;
  };
  if (FIND_METHODS[method]) {
    const repository = repositoryEntity(receiver);
    if (repository) return { node: call, translate: () => translateFind(entityNamed(repository), schema.entities, method, args[0]) };
    if (isEntityManager(receiver) && args[0] && Node.isIdentifier(args[0])) {
      return { node: call, translate: () => translateFind(entityNamed(args[0].getText()), schema.entities, method, args[1]) };
    }
    return undefined;
  }
  if (method === 'createQueryBuilder') return queryBuilder(call, receiver, args, entityNamed, schema);
  if (QB_TERMINALS.has(method) && Node.isIdentifier(receiver) && builtElsewhere(receiver)) {
    return { node: call, translate: () => untranslatable(`the query builder \`${receiver.getText()}\` is built across statements`) };
  }
  return undefined;
}

function queryBuilder(call: CallExpression, receiver: Node, args: Node[], entityNamed: (name: string | undefined) => import('./entities.js').Entity, schema: TypeormSchema) {
  const repository = repositoryEntity(receiver);
  const viaManager = !repository && (isDataSource(receiver) || isEntityManager(receiver)) && args[0] && Node.isIdentifier(args[0]);
  if (!repository && !viaManager) return undefined;
  const links: CallExpression[] = [];
  let top: CallExpression = call;
  for (;;) {
    const access = top.getParent();
    const next = access?.getParent();
    if (!access || !Node.isPropertyAccessExpression(access) || !next || !Node.isCallExpression(next) || next.getExpression() !== access) break;
    links.push(next);
    top = next;
  }
  const last = links.at(-1);
  if (!last || !QB_TERMINALS.has((last.getExpression() as import('ts-morph').PropertyAccessExpression).getName())) return undefined; // finished elsewhere
  const aliasArg = repository ? args[0] : args[1];
  return {
    node: top,
    translate: () => {
      const alias = aliasArg ? constantOf(aliasArg)?.value : undefined;
      if (typeof alias !== 'string') untranslatable(`the query builder's alias is not a constant (\`${short(aliasArg?.getText() ?? '')}\`)`);
      return translateQueryBuilder(entityNamed(repository ?? args[0].getText()), schema.entities, alias, links);
    },
  };
}

/** `qb.getMany()` where `const qb = repo.createQueryBuilder(…)…` (conditions added in other statements). */
function builtElsewhere(identifier: Node): boolean {
  return (identifier.getSymbol()?.getDeclarations() ?? []).some((d) => Node.isVariableDeclaration(d) && /\.createQueryBuilder\(/.test(d.getInitializer()?.getText() ?? ''));
}
