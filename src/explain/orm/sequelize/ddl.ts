import type { OrmSchemaSource } from '../orm-query.js';
import { libraryUse } from '../repository-dependency.js';
import { offlineSequelize } from './offline-sequelize.js';
import { readSequelizeSchema } from './schema.js';

/**
 * The staging schema from Sequelize models: what `sequelize.sync()` creates, written by Sequelize itself on
 * the offline instance (enum types, tables with keys and foreign keys in dependency order, `indexes`). A model
 * that could not be read is named in a comment instead of guessed.
 */
export const sequelizeSchemaSource: OrmSchemaSource = {
  orm: 'sequelize',
  ddl: async (context) => {
    if (!libraryUse(context, 'sequelize') && !libraryUse(context, 'sequelize-typescript')) return undefined;
    const schema = readSequelizeSchema(context);
    if (!schema) return undefined;
    const offline = offlineSequelize(schema);
    const statements = await offline.ddl();
    const skipped = [...offline.problems].filter(([name]) => !offline.models.has(name)).map(([name, why]) => `-- ${name}: not created (${why.replace(/\n/g, ' ')})`);
    return { name: 'sequelize models', sql: [...skipped, ...statements.map((sql) => `${sql.replace(/;\s*$/, '')};`)].join('\n') };
  },
};
