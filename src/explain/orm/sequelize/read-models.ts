import { Node, SyntaxKind, type SourceFile } from 'ts-morph';
import { skipOuterExpressions } from '../../../analysis/outer-expressions.js';
import { objectProperties, short, Untranslatable, untranslatable } from '../sql-values.js';
import { CodeRef, isPlainObject, readCode, TypeRef, type CodeValue } from './code-value.js';
import type { AssociationKind, AssociationSpec, AttributeSpec, DataTypeSpec, ModelSpec } from './model-spec.js';

/**
 * `User.init({ … }, { sequelize, tableName })` and `sequelize.define('User', { … }, { … })`, and the
 * associations between them (`User.hasMany(Order, { as: 'orders' })`, also inside `static associate(models)`
 * with `models.Order`). Only what shapes the SQL Sequelize writes is kept; the rest (validators, getters,
 * defaults) is skipped unread.
 */
const ATTRIBUTE_KEYS = ['field', 'primaryKey', 'autoIncrement', 'allowNull', 'unique'];
const MODEL_KEYS = ['tableName', 'modelName', 'freezeTableName', 'underscored', 'timestamps', 'paranoid', 'createdAt', 'updatedAt', 'deletedAt', 'schema', 'version', 'name', 'indexes'];
const ASSOCIATION_KEYS = ['as', 'foreignKey', 'sourceKey', 'targetKey', 'otherKey', 'through', 'constraints', 'uniqueKey'];
const ASSOCIATIONS = new Set<AssociationKind>(['hasMany', 'hasOne', 'belongsTo', 'belongsToMany']);

export function readModelCalls(file: SourceFile, at: (node: Node) => string): ModelSpec[] {
  const models: ModelSpec[] = [];
  for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = call.getExpression();
    if (!Node.isPropertyAccessExpression(callee)) continue;
    const args = call.getArguments();
    if (callee.getName() === 'init' && args.length === 2 && hasKey(args[1], 'sequelize')) {
      const receiver = skipOuterExpressions(callee.getExpression());
      const binding = Node.isIdentifier(receiver) ? receiver.getText() : undefined;
      if (binding) models.push(modelSpec(binding, binding, args[0], args[1], at(call)));
    } else if (callee.getName() === 'define' && args.length >= 2 && Node.isStringLiteral(skipOuterExpressions(args[0]))) {
      const name = (skipOuterExpressions(args[0]) as import('ts-morph').StringLiteral).getLiteralValue();
      const holder = call.getParentIfKind(SyntaxKind.VariableDeclaration);
      models.push(modelSpec(name, holder?.getName() ?? name, args[1], args[2], at(call)));
    }
  }
  return models;
}

function hasKey(node: Node, key: string): boolean {
  const object = skipOuterExpressions(node);
  return Node.isObjectLiteralExpression(object) && object.getProperties().some((p) => (Node.isPropertyAssignment(p) || Node.isShorthandPropertyAssignment(p)) && p.getName() === key);
}

function modelSpec(name: string, binding: string, attributes: Node, options: Node | undefined, at: string): ModelSpec {
  const spec: ModelSpec = { name, binding, at, attributes: [], options: {} };
  try {
    spec.options = readModelOptions(options);
    if (typeof spec.options.modelName === 'string') spec.name = spec.options.modelName;
    for (const [attribute, node] of objectProperties(attributes, `the attributes of ${name}`)) spec.attributes.push(readAttribute(attribute, node, name));
  } catch (error) {
    if (!(error instanceof Untranslatable)) throw error;
    spec.unsupported = `the model ${name} (${at}): ${error.message}`;
  }
  return spec;
}

export function readModelOptions(options: Node | undefined): Record<string, unknown> {
  if (!options) return {};
  const properties = namedProperties(options, 'the model options');
  const out: Record<string, unknown> = {};
  for (const scoped of ['defaultScope', 'scopes']) if (properties.has(scoped)) untranslatable(`it has \`${scoped}\`, which changes its queries`);
  const hooks = properties.get('hooks');
  if (hooks && /before(Find|Count)/.test(hooks.getText())) untranslatable('a `beforeFind`/`beforeCount` hook can change its queries');
  for (const key of MODEL_KEYS) {
    const node = properties.get(key);
    if (!node) continue;
    try {
      out[key] = literal(readCode(node, `\`${key}\``), key);
    } catch (error) {
      if (key !== 'indexes' || !(error instanceof Untranslatable)) throw error;
    }
  }
  return out;
}

/** One attribute; `fallback` is the type when the options name none (sequelize-typescript infers it). */
export function readAttribute(name: string, node: Node, model: string, fallback?: () => DataTypeSpec): AttributeSpec {
  const value = skipOuterExpressions(node);
  if (!Node.isObjectLiteralExpression(value)) {
    const type = readCode(value, `the attribute ${name}`);
    if (!(type instanceof TypeRef)) untranslatable(`the attribute \`${name}\` of ${model} is not a literal (\`${short(value.getText())}\`)`);
    return { name, type: { name: type.name, args: type.args }, options: {} };
  }
  const properties = namedProperties(value, `the attribute ${name}`);
  const typeNode = properties.get('type');
  const type = typeNode ? readCode(typeNode, `the type of ${name}`) : fallback ? new TypeRef(fallback().name, []) : undefined;
  if (!(type instanceof TypeRef)) untranslatable(`the type of \`${name}\` on ${model} is not a DataTypes member`);
  const options: Record<string, unknown> = {};
  for (const key of ATTRIBUTE_KEYS) {
    const option = properties.get(key);
    if (option) options[key] = literal(readCode(option, `\`${key}\` of ${name}`), `${key}\` of \`${name}`);
  }
  // A default never changes a query; for the staging DDL a literal or `DataTypes.NOW`-like one is kept.
  const byDefault = properties.get('defaultValue');
  const fallbackValue = byDefault && defaultValue(byDefault);
  if (fallbackValue !== undefined) options.defaultValue = fallbackValue;
  return { name, type: { name: type.name, args: type.args }, options };
}

/** The associations declared anywhere in the file, sources and targets resolved by `resolve` (binding or `models.X`). */
export function readAssociations(file: SourceFile, at: (node: Node) => string, resolve: (node: Node) => string | undefined): { associations: AssociationSpec[]; changed: Array<{ model: string; reason: string }> } {
  const associations: AssociationSpec[] = [];
  const changed: Array<{ model: string; reason: string }> = [];
  for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = call.getExpression();
    if (!Node.isPropertyAccessExpression(callee)) continue;
    const method = callee.getName();
    const source = resolve(skipOuterExpressions(callee.getExpression()));
    if (!source) continue;
    if (method === 'addScope' || method === 'beforeFind' || method === 'beforeCount' || (method === 'addHook' && /before(Find|Count)/.test(call.getArguments()[0]?.getText() ?? ''))) {
      changed.push({ model: source, reason: `\`${short(call.getText())}\` (${at(call)}) changes its queries` });
    }
    if (!ASSOCIATIONS.has(method as AssociationKind)) continue;
    const [targetNode, optionsNode] = call.getArguments();
    const target = targetNode && resolve(skipOuterExpressions(targetNode));
    if (!target) continue;
    associations.push(association(source, target, method as AssociationKind, optionsNode, at(call), resolve));
  }
  return { associations, changed };
}

function association(source: string, target: string, kind: AssociationKind, options: Node | undefined, at: string, resolve: (node: Node) => string | undefined): AssociationSpec {
  const spec: AssociationSpec = { source, target, kind, options: {}, at };
  try {
    const properties = options ? objectProperties(options, 'the association options') : new Map<string, Node>();
    if (properties.has('scope')) untranslatable('it has a `scope`');
    for (const key of ASSOCIATION_KEYS) {
      const node = properties.get(key);
      if (!node) continue;
      const value = readCode(node, `\`${key}\``);
      if (key === 'through') {
        const model = value instanceof CodeRef ? resolve(value.node) : isPlainObject(value) && value.model instanceof CodeRef ? resolve(value.model.node) : undefined;
        if (model) spec.throughModel = model;
        else spec.options.through = literal(value, key);
      } else spec.options[key] = literal(value, key);
    }
  } catch (error) {
    if (!(error instanceof Untranslatable)) throw error;
    spec.unsupported = `the association ${source}.${kind}(${target}) at ${at}: ${error.message}`;
  }
  return spec;
}

function defaultValue(node: Node): unknown {
  try {
    const value = readCode(node, 'the default');
    return value instanceof TypeRef && value.args.length === 0 ? value : literal(value, 'defaultValue');
  } catch (error) {
    if (error instanceof Untranslatable) return undefined;
    throw error;
  }
}

/** The named properties of an object literal; methods and accessors (validators, getters) are skipped, a spread is refused. */
function namedProperties(node: Node, what: string): Map<string, Node> {
  const object = skipOuterExpressions(node);
  if (!Node.isObjectLiteralExpression(object)) untranslatable(`${what} is not an object literal (\`${short(node.getText())}\`)`);
  const properties = new Map<string, Node>();
  for (const property of object.getProperties()) {
    if (Node.isSpreadAssignment(property)) untranslatable(`${what} spreads \`${short(property.getText())}\``);
    if (Node.isPropertyAssignment(property) && !Node.isComputedPropertyName(property.getNameNode())) {
      const nameNode = property.getNameNode();
      properties.set(Node.isStringLiteral(nameNode) ? nameNode.getLiteralValue() : nameNode.getText(), property.getInitializerOrThrow());
    } else if (Node.isShorthandPropertyAssignment(property)) properties.set(property.getName(), property.getNameNode());
  }
  return properties;
}

/** A value made only of literals (a reference or a type means it is computed at run time). */
function literal(value: CodeValue, key: string): unknown {
  if (value instanceof CodeRef) untranslatable(`\`${key}\` is computed at run time (\`${short(value.text)}\`)`);
  if (value instanceof TypeRef) return value;
  if (Array.isArray(value)) return value.map((v) => literal(v, key));
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, literal(v, key)]));
  return value;
}
