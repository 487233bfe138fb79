/**
 * Sequelize models as read statically from the repository (`Model.init`, `sequelize.define`,
 * sequelize-typescript decorators) — plain data, rebuilt on an offline Sequelize instance
 * (offline-sequelize.ts) so Sequelize's own query generator writes the SQL.
 */
export interface DataTypeSpec {
  /** `STRING`, `INTEGER`, `VIRTUAL`, … (a key of Sequelize's DataTypes). */
  name: string;
  args: Array<string | number>;
}

export interface AttributeSpec {
  name: string;
  type: DataTypeSpec;
  /** `field`, `primaryKey`, `autoIncrement`, `allowNull`, `unique`: the options that shape SQL. */
  options: Record<string, unknown>;
}

export interface ModelSpec {
  /** Sequelize's model name (`modelName`, the `define` name, the class name). */
  name: string;
  /** The identifier code uses for it: the class, or the variable holding `sequelize.define(…)`. */
  binding: string;
  /** Where it is declared (`src/models/user.ts:4`), for notices. */
  at: string;
  attributes: AttributeSpec[];
  /** `tableName`, `underscored`, `timestamps`, `paranoid`, `schema`, … (only literal options). */
  options: Record<string, unknown>;
  /** Why calls on it (or including it) cannot be translated: a default scope, a find hook, options built at run time. */
  unsupported?: string;
}

export type AssociationKind = 'hasMany' | 'hasOne' | 'belongsTo' | 'belongsToMany';

export interface AssociationSpec {
  /** Model names (ModelSpec.name). */
  source: string;
  target: string;
  kind: AssociationKind;
  /** `as`, `foreignKey`, `sourceKey`, `targetKey`, `otherKey`, and `through` as a model name or a table name. */
  options: Record<string, unknown>;
  throughModel?: string;
  at: string;
  unsupported?: string;
}

export interface SequelizeSchema {
  models: ModelSpec[];
  associations: AssociationSpec[];
  /** The instance's `define` defaults and the generator options read from `new Sequelize(…)`. */
  instance: { define: Record<string, unknown>; minifyAliases?: boolean; quoteIdentifiers?: boolean };
  /** Set when the instance options could not be read and may change names: nothing is translated. */
  unsupported?: string;
}
