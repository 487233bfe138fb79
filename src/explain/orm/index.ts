import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { drizzleSchemaSource, drizzleTranslator } from './drizzle/index.js';
import { knexTranslator } from './knex/index.js';
import { kyselyTranslator } from './kysely/index.js';
import type { AsyncOrmTranslator, OrmContext, OrmSchemaSource, OrmTranslator } from './orm-query.js';
import { prismaSchemaSource, prismaTranslator } from './prisma/index.js';
import { sequelizeSchemaSource } from './sequelize/ddl.js';
import { sequelizeTranslator } from './sequelize/index.js';
import { typeormSchemaSource } from './typeorm/ddl.js';
import { typeormTranslator } from './typeorm/translator.js';

/**
 * The ORM translators `explain` runs over every reviewed file (src/explain/query-sources.ts). One line per
 * ORM; each lives in its own folder under src/explain/orm/ with its tests.
 */
export const ORM_TRANSLATORS: Array<OrmTranslator | AsyncOrmTranslator> = [
  prismaTranslator,
  typeormTranslator,
  knexTranslator,
  kyselyTranslator,
  drizzleTranslator,
  sequelizeTranslator,
];

/** Where the embedded staging schema comes from when the repository has no SQL schema; the first that answers wins. */
export const ORM_SCHEMA_SOURCES: OrmSchemaSource[] = [
  prismaSchemaSource,
  typeormSchemaSource,
  drizzleSchemaSource,
  sequelizeSchemaSource,
];

/** The context translators and schema sources read the repository through (a checkout or the App's tarball). */
export function repositoryContext(root: string): OrmContext {
  return {
    root,
    readFile: (rel) => {
      const file = path.join(root, rel);
      return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    },
  };
}
