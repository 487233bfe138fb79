import type pg from 'pg';

/**
 * A query sent with the extended protocol even without parameters (pg's `queryMode: 'extended'`, which
 * @types/pg does not declare): the server then refuses more than one statement by itself, a second line
 * of defence behind the parse-tree check in classify.ts.
 */
export function extendedQuery(text: string, values: unknown[] = []): pg.QueryConfig {
  return { text, values, queryMode: 'extended' } as pg.QueryConfig;
}
