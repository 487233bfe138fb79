import type { Node, SourceFile } from 'ts-morph';

/**
 * The seam between `explain` and the ORMs (DESIGN.md "Which queries are explained"): a translator turns
 * the ORM calls of one file into the SQL its ORM sends, from the repository's own schema (schema.prisma,
 * entity decorators, Drizzle tables, Model.init) or the ORM's own compiler where that needs no
 * connection. What cannot be translated with certainty is never guessed: it comes back as `untranslated`
 * with the reason, and the report names the call.
 */
export type OrmName = 'prisma' | 'typeorm' | 'knex' | 'kysely' | 'drizzle' | 'sequelize';

export interface TranslatedQuery {
  orm: OrmName;
  /** The call expression the query comes from: findings go on its line. */
  node: Node;
  /** The statement the ORM sends, values that are not constants as `$1`, `$2`, … */
  sql: string;
  /** What each `$n` stands for in the code (`userId`), for the report. */
  parameterNames: string[];
  /**
   * When one ORM call sends several statements (Prisma's include loads one query per relation level),
   * the others, in order; each is explained and reported on the same call. Empty otherwise.
   */
  followUps?: Array<{ sql: string; parameterNames: string[] }>;
  /** Shown with the plan: which assumption the translation made ("relationLoadStrategy: query"). */
  note?: string;
}

export interface UntranslatedQuery {
  orm: OrmName;
  node: Node;
  /** Why it was not translated ("`where` is built at run time"), shown as a notice. */
  reason: string;
}

export type OrmQuery = TranslatedQuery | UntranslatedQuery;

export interface OrmContext {
  /** Repository root (absolute). */
  root: string;
  /** Reads a repository file (repo-relative posix path) of the reviewed revision; undefined when absent. */
  readFile(relativePath: string): string | undefined;
}

export interface OrmTranslator {
  orm: OrmName;
  /**
   * Everything the ORM needs once per review (its parsed schema); undefined when the repository does not
   * use this ORM. Called once, before `translate`.
   */
  prepare(context: OrmContext): Promise<unknown>;
  /** The ORM query calls of one file with what `prepare` returned. No I/O here. */
  translate(sourceFile: SourceFile, prepared: unknown): OrmQuery[];
}

/**
 * A translator that runs the ORM's own asynchronous code to get its SQL (Sequelize's finders are async even
 * without a connection); `explain` awaits it like the others.
 */
export interface AsyncOrmTranslator extends Omit<OrmTranslator, 'translate'> {
  translate(sourceFile: SourceFile, prepared: unknown): Promise<OrmQuery[]>;
}

export function isTranslated(query: OrmQuery): query is TranslatedQuery {
  return 'sql' in query;
}

/**
 * DDL for the embedded staging database from an ORM's schema (tables, keys, indexes), used by
 * `plumbline staging up|load` when the repository has no SQL schema (schema.sql, migrations).
 */
export interface OrmSchemaSource {
  orm: OrmName;
  /** `name` identifies the source in reports and in the applied-files record ("prisma/schema.prisma"). */
  ddl(context: OrmContext): Promise<{ name: string; sql: string } | undefined>;
}
