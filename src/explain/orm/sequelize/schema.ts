import { Node, Project, SyntaxKind, type SourceFile } from 'ts-morph';
import { skipOuterExpressions } from '../../../analysis/outer-expressions.js';
import type { OrmContext } from '../orm-query.js';
import { objectProperties, Untranslatable } from '../sql-values.js';
import { repositoryFilesMatching } from '../typeorm/source-files.js';
import { isPlainObject, readCode } from './code-value.js';
import { decoratedModels, readDecoratedClasses } from './decorated-models.js';
import type { SequelizeSchema } from './model-spec.js';
import { readAssociations, readModelCalls } from './read-models.js';

/**
 * The Sequelize models of a repository, from every file that mentions Sequelize (model files of
 * sequelize-cli's `module.exports = (sequelize, DataTypes) => …` style import nothing), and the instance's
 * `define` defaults from `new Sequelize(…)`.
 */
const INSTANCE_KEYS = /\b(define|minifyAliases|quoteIdentifiers)\b['"]?\s*:/;

export function readSequelizeSchema(context: OrmContext): SequelizeSchema | undefined {
  const files = repositoryFilesMatching(context.root, /sequelize/i);
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { allowJs: true, experimentalDecorators: true } });
  const sources = files.map((f) => project.createSourceFile(`/repo/${f.path}`, f.text));
  return schemaOf(sources, context);
}

export function schemaOf(sources: SourceFile[], context?: OrmContext): SequelizeSchema | undefined {
  const at = (node: Node) => `${node.getSourceFile().getFilePath().replace(/^\/repo\//, '')}:${node.getStartLineNumber()}`;
  const decorated = decoratedModels(sources.flatMap((sf) => readDecoratedClasses(sf, at)));
  const models = [...sources.flatMap((sf) => readModelCalls(sf, at)), ...decorated.models];
  if (models.length === 0) return undefined;
  const byBinding = new Map(models.map((m) => [m.binding, m.name]));
  const names = new Set(models.map((m) => m.name));
  const schema: SequelizeSchema = { models, associations: [...decorated.associations], instance: { define: {} } };
  for (const sf of sources) {
    const resolve = (node: Node) => modelName(node, byBinding, names);
    const { associations, changed } = readAssociations(sf, at, resolve);
    schema.associations.push(...associations);
    for (const { model, reason } of changed) {
      const spec = models.find((m) => m.name === model);
      if (spec && !spec.unsupported) spec.unsupported = `the model ${model}: ${reason}`;
    }
  }
  readInstance(sources, schema, context, at);
  return schema;
}

/** `User` (a class or `define` variable), `models.User`, `db.User`, `sequelize.models.User`, `this` in a model class. */
export function modelName(node: Node, byBinding: Map<string, string>, names: Set<string>): string | undefined {
  const expr = skipOuterExpressions(node);
  if (Node.isIdentifier(expr)) return byBinding.get(expr.getText());
  if (expr.getKind() === SyntaxKind.ThisKeyword) {
    const cls = expr.getFirstAncestorByKind(SyntaxKind.ClassDeclaration);
    return cls?.getName() ? byBinding.get(cls.getName()!) : undefined;
  }
  if (Node.isPropertyAccessExpression(expr)) {
    const holder = skipOuterExpressions(expr.getExpression()).getText();
    if (/^(models|db|this\.models|sequelize\.models|.*\.models)$/.test(holder) && names.has(expr.getName())) return expr.getName();
  }
  return undefined;
}

function readInstance(sources: SourceFile[], schema: SequelizeSchema, context: OrmContext | undefined, at: (node: Node) => string) {
  for (const sf of sources) {
    for (const created of sf.getDescendantsOfKind(SyntaxKind.NewExpression)) {
      if (created.getExpression().getText() !== 'Sequelize') continue;
      const last = created.getArguments().at(-1);
      const options = last && skipOuterExpressions(last);
      if (!options || Node.isStringLiteral(options) || Node.isNoSubstitutionTemplateLiteral(options)) continue;
      try {
        const properties = objectProperties(options, 'the Sequelize options');
        const define = properties.get('define');
        if (define) {
          const value = readCode(define, 'the `define` option');
          if (!isPlainObject(value)) throw new Untranslatable('the `define` option is not an object literal');
          Object.assign(schema.instance.define, value);
        }
        for (const key of ['minifyAliases', 'quoteIdentifiers'] as const) {
          const node = properties.get(key);
          const value = node && readCode(node, key);
          if (node && typeof value !== 'boolean') throw new Untranslatable(`\`${key}\` is computed at run time`);
          if (typeof value === 'boolean') schema.instance[key] = value;
        }
      } catch (error) {
        if (!(error instanceof Untranslatable)) throw error;
        // Options read from a config object: only a problem when something in the repository sets the keys that change names.
        const mentioned = sources.some((s) => INSTANCE_KEYS.test(s.getFullText())) || INSTANCE_KEYS.test(context?.readFile('config/config.json') ?? '');
        if (mentioned) schema.unsupported = `the Sequelize options at ${at(created)} are not read (${error.message}) and the repository sets \`define\`, \`minifyAliases\` or \`quoteIdentifiers\` somewhere`;
      }
    }
  }
}
