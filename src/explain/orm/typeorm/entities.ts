import { Node, type ClassDeclaration, type Decorator, type SourceFile } from 'ts-morph';
import { skipOuterExpressions } from '../../../analysis/outer-expressions.js';
import { constantOf } from '../sql-values.js';

/**
 * TypeORM entity metadata read statically from the decorators, with TypeORM's DefaultNamingStrategy
 * (typeorm/naming-strategy/DefaultNamingStrategy.js): table = snake_case(class), column = property,
 * join column = camelCase(relation + '_' + referenced column).
 */
export interface EntityColumn {
  property: string;
  column: string;
  /** The database type as written (`varchar`, `int`, `timestamptz`), else from the TypeScript type. */
  type: string;
  nullable: boolean;
  primary: boolean;
  generated?: string;
  unique: boolean;
  special?: 'create-date' | 'update-date' | 'delete-date' | 'version';
  options: Record<string, unknown>;
  /** A relation's join column (not declared with @Column). */
  relation?: string;
}

export interface EntityRelation {
  property: string;
  kind: 'many-to-one' | 'one-to-one' | 'one-to-many' | 'many-to-many';
  target: string;
  inverse?: string;
  /** Owning side (many-to-one, or one-to-one with @JoinColumn): the foreign key is on this table. */
  joinColumn?: { name?: string; referenced?: string };
  eager: boolean;
  onDelete?: string;
  nullable: boolean;
}

export interface EntityIndex {
  name?: string;
  properties: string[];
  unique: boolean;
}

export interface Entity {
  className: string;
  table: string;
  columns: EntityColumn[];
  relations: EntityRelation[];
  indexes: EntityIndex[];
  file: string;
  /** Why queries on it cannot be translated (inheritance, embedded columns…). */
  unsupported?: string;
}

export type EntityMap = Map<string, Entity>;

const COLUMN_DECORATORS: Record<string, EntityColumn['special'] | 'column' | 'primary' | 'generated'> = {
  Column: 'column', PrimaryColumn: 'primary', PrimaryGeneratedColumn: 'generated',
  CreateDateColumn: 'create-date', UpdateDateColumn: 'update-date', DeleteDateColumn: 'delete-date', VersionColumn: 'version',
};
const RELATION_DECORATORS: Record<string, EntityRelation['kind']> = {
  ManyToOne: 'many-to-one', OneToOne: 'one-to-one', OneToMany: 'one-to-many', ManyToMany: 'many-to-many',
};

export function snakeCase(text: string): string {
  return text.replace(/([A-Z])([A-Z])([a-z])/g, '$1_$2$3').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

export function camelCase(text: string): string {
  return text.replace(/^([A-Z])|[\s-_](\w)/g, (_m, p1: string | undefined, p2: string | undefined) => (p2 ? p2.toUpperCase() : (p1 ?? '').toLowerCase()));
}

/** Every `@Entity` class of the files. */
export function readEntities(files: SourceFile[]): EntityMap {
  const entities: EntityMap = new Map();
  for (const file of files) {
    for (const cls of file.getClasses()) {
      const decorator = cls.getDecorator('Entity');
      const name = cls.getName();
      if (decorator && name) entities.set(name, readEntity(cls, decorator, name, file.getFilePath()));
    }
  }
  for (const entity of entities.values()) addJoinColumns(entity, entities);
  return entities;
}

function readEntity(cls: ClassDeclaration, decorator: Decorator, className: string, file: string): Entity {
  const [first] = decorator.getArguments();
  const options = first && Node.isObjectLiteralExpression(skipOuterExpressions(first)) ? constants(first) : {};
  const given = first && constantOf(first)?.value;
  const table = typeof given === 'string' ? given : typeof options.name === 'string' ? options.name : snakeCase(className);
  const entity: Entity = { className, table, columns: [], relations: [], indexes: [], file };
  if (cls.getExtends()) entity.unsupported = `entity ${className} extends another class (inherited columns are not read)`;
  if (options.schema !== undefined) entity.unsupported = `entity ${className} names a schema`;
  for (const index of cls.getDecorators().filter((d) => d.getName() === 'Index')) entity.indexes.push(readIndex(index, undefined));
  for (const property of cls.getProperties()) {
    const name = property.getName();
    for (const d of property.getDecorators()) {
      const kind = COLUMN_DECORATORS[d.getName()];
      if (kind) entity.columns.push(readColumn(d, kind, name, property.getTypeNode()?.getText() ?? ''));
      const relation = RELATION_DECORATORS[d.getName()];
      if (relation) entity.relations.push(readRelation(d, relation, name, property.getDecorator('JoinColumn')));
      if (d.getName() === 'Index') entity.indexes.push(readIndex(d, name));
      if (d.getName() === 'Embedded' || (kind === 'column' && /^\(\) =>/.test(d.getArguments()[0]?.getText() ?? ''))) {
        entity.unsupported = `entity ${className} has embedded columns (${name})`;
      }
    }
  }
  return entity;
}

function readColumn(d: Decorator, kind: string, property: string, tsType: string): EntityColumn {
  const args = d.getArguments();
  const typeArg = args[0] && constantOf(args[0])?.value;
  const options = constants(args.find((a) => Node.isObjectLiteralExpression(skipOuterExpressions(a))));
  const generated = kind === 'generated' ? (typeof typeArg === 'string' ? typeArg : 'increment') : undefined;
  const declaredType = typeof options.type === 'string' ? options.type : kind !== 'generated' && typeof typeArg === 'string' ? typeArg : undefined;
  return {
    property,
    column: typeof options.name === 'string' ? options.name : property,
    type: declaredType ?? typeFromTs(tsType, generated, kind),
    nullable: options.nullable === true,
    primary: kind === 'primary' || kind === 'generated' || options.primary === true,
    generated,
    unique: options.unique === true,
    special: kind === 'create-date' || kind === 'update-date' || kind === 'delete-date' || kind === 'version' ? kind : undefined,
    options,
  };
}

/** The database type TypeORM's PostgresDriver.normalizeType gives a property without `type`. */
function typeFromTs(tsType: string, generated: string | undefined, kind: string): string {
  if (generated === 'uuid') return 'uuid';
  if (generated) return 'integer';
  if (kind === 'create-date' || kind === 'update-date' || kind === 'delete-date') return 'timestamp';
  if (kind === 'version') return 'integer';
  const base = tsType.replace(/\s*\|\s*(null|undefined)/g, '').trim();
  if (base === 'string') return 'character varying';
  if (base === 'number') return 'integer';
  if (base === 'boolean') return 'boolean';
  if (base === 'Date') return 'timestamp';
  return '';
}

function readRelation(d: Decorator, kind: EntityRelation['kind'], property: string, join: Decorator | undefined): EntityRelation {
  const [targetArg, second, third] = d.getArguments();
  const target = targetArg ? arrowBody(targetArg) : undefined;
  const inverse = second && Node.isArrowFunction(second) ? arrowBody(second)?.split('.').pop() : undefined;
  const options = constants([second, third].find((a) => a && Node.isObjectLiteralExpression(skipOuterExpressions(a))));
  const joinOptions = join ? constants(join.getArguments()[0]) : undefined;
  const owning = kind === 'many-to-one' || (kind === 'one-to-one' && !!join);
  return {
    property, kind, target: target ?? '', inverse, eager: options.eager === true, nullable: options.nullable !== false,
    onDelete: typeof options.onDelete === 'string' ? options.onDelete : undefined,
    joinColumn: owning ? { name: stringOr(joinOptions?.name), referenced: stringOr(joinOptions?.referencedColumnName) } : undefined,
  };
}

function readIndex(d: Decorator, property: string | undefined): EntityIndex {
  const args = d.getArguments();
  const name = args[0] && constantOf(args[0])?.value;
  const list = args.find((a) => Node.isArrayLiteralExpression(skipOuterExpressions(a)));
  const properties = list ? arrayOfStrings(list) : property ? [property] : [];
  const options = constants(args.find((a) => Node.isObjectLiteralExpression(skipOuterExpressions(a))));
  return { name: typeof name === 'string' ? name : undefined, properties, unique: options.unique === true };
}

/** A many-to-one (or owning one-to-one) relation adds its join column unless a @Column already declares it. */
function addJoinColumns(entity: Entity, entities: EntityMap): void {
  for (const relation of entity.relations) {
    if (!relation.joinColumn) continue;
    const target = entities.get(relation.target);
    const referenced = target?.columns.find((c) => (relation.joinColumn?.referenced ? c.property === relation.joinColumn.referenced : c.primary));
    if (!target || !referenced) {
      entity.unsupported ??= `relation ${entity.className}.${relation.property} points to ${relation.target || 'an entity'} that was not found`;
      continue;
    }
    const column = relation.joinColumn.name ?? camelCase(`${relation.property}_${referenced.property}`);
    relation.joinColumn = { name: column, referenced: referenced.property };
    if (entity.columns.some((c) => c.column === column)) continue;
    entity.columns.push({
      property: column, column, type: referenced.type === 'integer' || referenced.generated ? (referenced.generated === 'uuid' ? 'uuid' : 'integer') : referenced.type,
      nullable: relation.nullable, primary: false, unique: relation.kind === 'one-to-one', options: {}, relation: relation.property,
    });
  }
}

function arrowBody(node: Node): string | undefined {
  const fn = skipOuterExpressions(node);
  if (!Node.isArrowFunction(fn)) return undefined;
  const body = skipOuterExpressions(fn.getBody());
  return Node.isIdentifier(body) || Node.isPropertyAccessExpression(body) ? body.getText() : undefined;
}

function constants(node: Node | undefined): Record<string, unknown> {
  const object = node && skipOuterExpressions(node);
  const out: Record<string, unknown> = {};
  if (!object || !Node.isObjectLiteralExpression(object)) return out;
  for (const property of object.getProperties()) {
    if (!Node.isPropertyAssignment(property)) continue;
    const value = property.getInitializerOrThrow();
    const constant = constantOf(value);
    if (constant) out[property.getName()] = constant.value;
    else if (Node.isArrayLiteralExpression(skipOuterExpressions(value))) out[property.getName()] = arrayOfStrings(value);
    else out[property.getName()] = { code: value.getText() };
  }
  return out;
}

function arrayOfStrings(node: Node): string[] {
  const array = skipOuterExpressions(node);
  if (!Node.isArrayLiteralExpression(array)) return [];
  return array.getElements().map((e) => constantOf(e)?.value).filter((v): v is string => typeof v === 'string');
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
