import { Node, type ClassDeclaration, type Decorator, type SourceFile } from 'ts-morph';
import { skipOuterExpressions } from '../../../analysis/outer-expressions.js';
import { short, Untranslatable, untranslatable } from '../sql-values.js';
import { readCode, TypeRef } from './code-value.js';
import type { AssociationKind, AssociationSpec, AttributeSpec, ModelSpec } from './model-spec.js';
import { readAttribute, readModelOptions } from './read-models.js';

/**
 * sequelize-typescript models: `@Table` classes with `@Column` properties. As sequelize-typescript does, an
 * association's `as` is the property name and its keys come from the `@ForeignKey(() => Target)` properties
 * (of the source for `@BelongsTo`, of the target for `@HasMany`/`@HasOne`, of the through model for
 * `@BelongsToMany`); `@CreatedAt`/`@UpdatedAt`/`@DeletedAt` rename the timestamps.
 */
interface DecoratedClass {
  spec: ModelSpec;
  foreignKeys: Array<{ property: string; target: string }>;
  associations: Array<{ kind: AssociationKind; property: string; target: string; through?: string; options: Node | undefined; at: string }>;
}

const ASSOCIATION_DECORATORS: Record<string, AssociationKind> = { BelongsTo: 'belongsTo', HasMany: 'hasMany', HasOne: 'hasOne', BelongsToMany: 'belongsToMany' };
const TIMESTAMPS: Record<string, Record<string, boolean>> = { CreatedAt: { timestamps: true }, UpdatedAt: { timestamps: true }, DeletedAt: { timestamps: true, paranoid: true } };
/** sequelize-typescript's inference from the property's design type (data-type-service). */
const INFERRED: Record<string, string> = { string: 'STRING', number: 'INTEGER', boolean: 'BOOLEAN', Date: 'DATE', Buffer: 'BLOB' };

export function readDecoratedClasses(file: SourceFile, at: (node: Node) => string): DecoratedClass[] {
  return file.getClasses().flatMap((cls) => {
    const table = cls.getDecorator('Table');
    const name = cls.getName();
    return table && name ? [readClass(cls, table, name, at)] : [];
  });
}

function readClass(cls: ClassDeclaration, table: Decorator, className: string, at: (node: Node) => string): DecoratedClass {
  const spec: ModelSpec = { name: className, binding: className, at: at(cls), attributes: [], options: {} };
  const found: DecoratedClass = { spec, foreignKeys: [], associations: [] };
  try {
    spec.options = readModelOptions(table.getArguments()[0]);
    if (typeof spec.options.modelName === 'string') spec.name = spec.options.modelName;
    for (const property of cls.getProperties()) {
      const name = property.getName();
      const decorators = new Map(property.getDecorators().map((d) => [d.getName(), d]));
      for (const [decorator, options] of Object.entries(TIMESTAMPS)) {
        if (decorators.has(decorator)) Object.assign(spec.options, options, { [decorator.replace(/^./, (c) => c.toLowerCase())]: name });
      }
      const foreignKey = decorators.get('ForeignKey');
      if (foreignKey) found.foreignKeys.push({ property: name, target: targetOf(foreignKey) });
      for (const [decorator, kind] of Object.entries(ASSOCIATION_DECORATORS)) {
        const d = decorators.get(decorator);
        if (!d) continue;
        const args = d.getArguments();
        const through = kind === 'belongsToMany' && args[1] && (Node.isArrowFunction(args[1]) || Node.isFunctionExpression(args[1])) ? classOf(args[1]) : undefined;
        found.associations.push({ kind, property: name, target: targetOf(d), through, options: through ? args[2] : args[1], at: at(d) });
      }
      const column = decorators.get('Column');
      if (column) spec.attributes.push(readColumn(name, column, decorators, property.getTypeNode()?.getText() ?? '', spec.name));
    }
  } catch (error) {
    if (!(error instanceof Untranslatable)) throw error;
    spec.unsupported = `the model ${spec.name} (${spec.at}): ${error.message}`;
  }
  return found;
}

function readColumn(name: string, column: Decorator, decorators: Map<string, Decorator>, typeText: string, model: string): AttributeSpec {
  const [argument] = column.getArguments();
  let attribute: AttributeSpec;
  const first = argument && skipOuterExpressions(argument);
  if (first && Node.isObjectLiteralExpression(first)) {
    attribute = readAttribute(name, first, model, () => ({ name: inferred(typeText, name), args: [] }));
  } else if (first) {
    const type = readCode(first, `the type of ${name}`);
    if (!(type instanceof TypeRef)) untranslatable(`the type of \`${name}\` on ${model} is not a DataType member`);
    attribute = { name, type: { name: type.name, args: type.args }, options: {} };
  } else attribute = { name, type: { name: inferred(typeText, name), args: [] }, options: {} };
  if (decorators.has('PrimaryKey')) attribute.options.primaryKey = true;
  if (decorators.has('AutoIncrement')) attribute.options.autoIncrement = true;
  if (decorators.has('Unique')) attribute.options.unique = true;
  const allowNull = decorators.get('AllowNull');
  if (allowNull) attribute.options.allowNull = allowNull.getArguments()[0]?.getText() !== 'false';
  return attribute;
}

function inferred(typeText: string, name: string): string {
  const type = INFERRED[typeText.replace(/\s*\|\s*(null|undefined)/g, '')];
  if (!type) untranslatable(`the type of \`${name}\` (\`${short(typeText || 'none')}\`) is not one sequelize-typescript infers`);
  return type;
}

/** `() => User` as `User`. */
function targetOf(decorator: Decorator): string {
  const [first] = decorator.getArguments();
  const target = first && classOf(first);
  if (!target) untranslatable(`\`@${decorator.getName()}\` does not name its model as \`() => Model\``);
  return target;
}

function classOf(node: Node): string | undefined {
  const fn = skipOuterExpressions(node);
  if (!Node.isArrowFunction(fn)) return undefined;
  const body = skipOuterExpressions(fn.getBody());
  return Node.isIdentifier(body) ? body.getText() : undefined;
}

/** The models and their associations, foreign keys matched across classes as sequelize-typescript does. */
export function decoratedModels(classes: DecoratedClass[]): { models: ModelSpec[]; associations: AssociationSpec[] } {
  const byClass = new Map(classes.map((c) => [c.spec.binding, c]));
  const keyOf = (holder: string | undefined, target: string) => (holder ? byClass.get(holder)?.foreignKeys.find((f) => f.target === target)?.property : undefined);
  const associations: AssociationSpec[] = [];
  for (const source of classes) {
    for (const a of source.associations) {
      const target = byClass.get(a.target);
      const spec: AssociationSpec = { source: source.spec.name, target: target?.spec.name ?? a.target, kind: a.kind, options: { as: a.property }, at: a.at };
      try {
        if (a.options) {
          const value = readCode(a.options, 'the association options');
          if (typeof value === 'string') spec.options.foreignKey = value;
          else if (value && typeof value === 'object' && !(value instanceof TypeRef) && !Array.isArray(value) && !('node' in value)) {
            if ('scope' in value) untranslatable('it has a `scope`');
            Object.assign(spec.options, value);
          } else untranslatable(`its options are computed at run time (\`${short(a.options.getText())}\`)`);
        }
        const foreignKey = a.kind === 'belongsTo' ? keyOf(source.spec.binding, a.target) : a.kind === 'belongsToMany' ? keyOf(a.through, source.spec.binding) : keyOf(a.target, source.spec.binding);
        if (foreignKey && spec.options.foreignKey === undefined) spec.options.foreignKey = foreignKey;
        if (a.kind === 'belongsToMany') {
          if (!a.through) untranslatable('its through model is not given as `() => Model`');
          spec.throughModel = byClass.get(a.through)?.spec.name ?? a.through;
          const otherKey = keyOf(a.through, a.target);
          if (otherKey && spec.options.otherKey === undefined) spec.options.otherKey = otherKey;
        }
      } catch (error) {
        if (!(error instanceof Untranslatable)) throw error;
        spec.unsupported = `the association ${source.spec.name}.${a.property} at ${a.at}: ${error.message}`;
      }
      associations.push(spec);
    }
  }
  return { models: classes.map((c) => c.spec), associations };
}
