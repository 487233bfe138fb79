import { existsSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { UserError } from '../../core/errors.js';
import type { ExplainSection } from '../../core/config/explain-section.js';
import { upEmbeddedStaging, type EmbeddedStaging } from './embedded-staging.js';
import { explainRoleUrl, grantEmbeddedExplainRole } from './explain-role.js';
import { loadProfile, type LoadOptions, type LoadReport } from './loader.js';
import { readProfile } from './profile-files.js';
import type { TableProfile } from './profile-schema.js';
import { applySchemaFiles, applySchemaTexts, discoverSchemaFiles } from './schema-files.js';
import { ORM_SCHEMA_SOURCES, repositoryContext } from '../orm/index.js';

/** What `staging up` did: the server, and the schema files applied now. */
export interface StagingUp extends EmbeddedStaging {
  applied: string[];
  changed: string[];
  /** The staging database as the least-privilege explain role (what `explain` connects with). */
  explainUrl: string;
}

/** Starts the embedded staging database and applies the repository's schema files not applied yet. */
export async function stagingUp(root: string, section: ExplainSection = {}): Promise<StagingUp> {
  const staging = await upEmbeddedStaging(root, section.staging);
  const files = discoverSchemaFiles(root, section.schema);
  const client = new pg.Client({ connectionString: staging.url });
  await client.connect();
  try {
    const applied = files.length > 0 ? await applySchemaFiles(client, root, files) : await applySchemaTexts(client, await ormSchemas(root));
    await grantEmbeddedExplainRole(client, new URL(staging.url).pathname.slice(1));
    return { ...staging, ...applied, explainUrl: explainRoleUrl(staging.url) };
  } finally {
    await client.end();
  }
}

/**
 * The scale profile named on the command line, else explain.profile, else a `profile/` directory beside
 * the schema (e.g. db/schema.sql + db/profile/*.yml).
 */
export function stagingProfile(root: string, section: ExplainSection = {}, override?: string): TableProfile[] | undefined {
  const location = override ?? section.profile ?? besideSchema(root, section);
  if (!location) return undefined;
  try {
    return readProfile(path.resolve(root, location));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new UserError(`scale profile not found: ${location}`);
    throw error;
  }
}

export async function stagingLoad(root: string, section: ExplainSection, profile: TableProfile[], options: LoadOptions): Promise<{ up: StagingUp; report: LoadReport }> {
  const up = await stagingUp(root, section);
  return { up, report: await loadProfile({ connectionString: up.url }, profile, options) };
}

function besideSchema(root: string, section: ExplainSection): string | undefined {
  const first = discoverSchemaFiles(root, section.schema)[0];
  const dir = first && path.join(path.dirname(first), 'profile');
  return dir && existsSync(dir) ? path.relative(root, dir) : undefined;
}

/** DDL from the first ORM schema the repository has (schema.prisma, TypeORM entities, Drizzle tables). */
async function ormSchemas(root: string): Promise<Array<{ name: string; sql: string }>> {
  for (const source of ORM_SCHEMA_SOURCES) {
    const found = await source.ddl(repositoryContext(root));
    if (found) return [found];
  }
  return [];
}
