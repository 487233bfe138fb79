import { DataTypes, Sequelize, type Model, type ModelAttributes, type ModelStatic } from 'sequelize';
import { TypeRef } from './code-value.js';
import type { ModelSpec, SequelizeSchema } from './model-spec.js';

/**
 * The repository's models rebuilt on a Sequelize instance of the postgres dialect that never connects:
 * `sequelize.query` is replaced before anything runs, so `findAll` & co. go through all of Sequelize's own
 * option handling and query generator, and the statement they would send is captured instead of sent.
 * Each call answers an empty result (no row), which is all Sequelize needs to finish.
 */
export interface OfflineSequelize {
  models: Map<string, ModelStatic<Model>>;
  /** Why a model (by name) cannot be used: read as unsupported, or refused by Sequelize when rebuilt. */
  problems: Map<string, string>;
  /** The statements Sequelize would send while `run` runs, in order. */
  capture(run: () => Promise<unknown>): Promise<string[]>;
  /** What `sequelize.sync()` would create on an empty database: types, tables (in foreign-key order), indexes. */
  ddl(): Promise<string[]>;
}

const TYPES = DataTypes as unknown as Record<string, unknown>;

export function offlineSequelize(schema: SequelizeSchema): OfflineSequelize {
  const sequelize = new Sequelize({
    dialect: 'postgres', database: 'offline', host: '127.0.0.1', port: 1, logging: false,
    define: schema.instance.define, minifyAliases: schema.instance.minifyAliases, quoteIdentifiers: schema.instance.quoteIdentifiers,
  });
  let captured: string[] | undefined;
  const query = async (sql: unknown, options?: { plain?: boolean }) => {
    if (!captured) throw new Error('Plumbline never sends Sequelize statements');
    captured.push(typeof sql === 'string' ? sql : String((sql as { query?: string }).query));
    return options?.plain ? null : [];
  };
  (sequelize as unknown as { query: typeof query }).query = query;
  const models = new Map<string, ModelStatic<Model>>();
  const problems = new Map<string, string>();
  for (const spec of schema.models) {
    if (spec.unsupported) problems.set(spec.name, spec.unsupported);
    else defineModel(sequelize, spec, models, problems);
  }
  for (const a of schema.associations) {
    const source = models.get(a.source);
    const target = models.get(a.target);
    const through = a.throughModel ? models.get(a.throughModel) : a.options.through;
    const problem = a.unsupported ?? (!source || !target || (a.kind === 'belongsToMany' && !through) ? `the association ${a.source}.${a.kind}(${a.target}) at ${a.at} names a model that was not read` : undefined);
    if (problem) {
      if (source) problems.set(a.source, problem);
      continue;
    }
    try {
      const options = { ...a.options, ...(through ? { through } : {}) };
      (source as unknown as Record<string, (t: unknown, o: unknown) => void>)[a.kind](target, options);
    } catch (error) {
      problems.set(a.source, `Sequelize refused the association ${a.source}.${a.kind}(${a.target}) at ${a.at} (${(error as Error).message})`);
    }
  }
  const capture = async (run: () => Promise<unknown>) => {
    captured = [];
    try {
      await run();
      return captured;
    } finally {
      captured = undefined;
    }
  };
  // After creating an enum type Sequelize reloads type OIDs from the server; there is none.
  (sequelize as unknown as { dialect: { connectionManager: { _refreshDynamicOIDs: () => Promise<void> } } }).dialect.connectionManager._refreshDynamicOIDs = async () => undefined;
  return {
    models,
    problems,
    capture,
    // Every catalog look-up answers "nothing there", so sync creates everything; the look-ups themselves are dropped.
    ddl: async () => (await capture(() => sequelize.sync())).filter((sql) => !/^\s*(SELECT|WITH)\b/i.test(sql)),
  };
}

function defineModel(sequelize: Sequelize, spec: ModelSpec, models: Map<string, ModelStatic<Model>>, problems: Map<string, string>) {
  try {
    const attributes = Object.fromEntries(spec.attributes.map((a) => {
      const type = TYPES[a.type.name] as ((...args: unknown[]) => unknown) | undefined;
      if (!type) throw new Error(`\`DataTypes.${a.type.name}\` is not a Sequelize type`);
      const byDefault = a.options.defaultValue instanceof TypeRef ? TYPES[a.options.defaultValue.name] : a.options.defaultValue;
      return [a.name, { ...a.options, ...(byDefault === undefined ? {} : { defaultValue: byDefault }), type: a.type.args.length ? type(...a.type.args) : type }];
    }));
    models.set(spec.name, sequelize.define(spec.name, attributes as ModelAttributes, { ...spec.options }));
  } catch (error) {
    problems.set(spec.name, `the model ${spec.name} (${spec.at}): ${(error as Error).message}`);
  }
}
