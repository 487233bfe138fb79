import { relationOfAlias, type ReadPlan } from '../plan-reader.js';

/** An index to create, derived from a plan's sort keys or filter. */
export interface IndexSuggestion {
  table: string;
  columns: string[];
  sql: string;
}

/**
 * "o.created_at DESC", "created_at" → index on orders (created_at DESC). Keys on several tables cannot
 * share one index: the leading table's keys are used (PostgreSQL can still stop early on a prefix).
 */
export function indexForSortKeys(plan: ReadPlan, sortKeys: string[], fallbackTable?: string): IndexSuggestion | undefined {
  const parsed = sortKeys.map((key) => {
    // ORMs alias tables with quoted names (`"Order".created_at`, `"Order"."createdAt"`): the alias is looked up
    // unquoted, a quoted column stays quoted in the suggested index.
    const m = /^\(?(?:([a-z_][\w$]*|"(?:[^"]|"")+")\.)?([a-z_][\w$]*|"(?:[^"]|"")+")\)?((?:\s+(?:ASC|DESC|NULLS FIRST|NULLS LAST))*)\s*$/i.exec(key.trim());
    return m ? { alias: m[1]?.replace(/^"(.*)"$/, '$1').replace(/""/g, '"'), column: m[2], order: m[3].trim() } : undefined;
  });
  if (parsed.length === 0 || parsed[0] === undefined) return undefined;
  const table = parsed[0].alias ? relationOfAlias(plan, parsed[0].alias) : fallbackTable;
  if (!table) return undefined;
  const keys: Array<{ column: string; order: string }> = [];
  for (const key of parsed) {
    if (!key || (key.alias && relationOfAlias(plan, key.alias) !== table)) break;
    keys.push(key);
  }
  // A b-tree is read in either direction: only mixed directions need them spelled out in the index.
  const sameDirection = new Set(keys.map((k) => k.order.toUpperCase())).size === 1;
  const columns = keys.map((k) => (sameDirection || !k.order ? k.column : `${k.column} ${k.order}`));
  return { table, columns, sql: `CREATE INDEX ON ${table} (${columns.join(', ')});` };
}

const COMPARED_COLUMN = /\(?(?:[a-z_][\w$]*\.)?([a-z_][\w$]*)\)?(?:::[a-z ]+)?\s*(?:=|<>|!=|<=|>=|<|>|~~\*?|!~~|IS\s|IN\s)/gi;
const NOT_COLUMNS = new Set(['and', 'or', 'not', 'true', 'false', 'null', 'any', 'all']);

/** Columns compared in a Filter string: "((status)::text = 'new'::text) AND (amount > 10)" → status, amount. */
export function filterColumns(filter: string): string[] {
  const found: string[] = [];
  for (const m of filter.matchAll(COMPARED_COLUMN)) {
    const column = m[1];
    if (!NOT_COLUMNS.has(column.toLowerCase()) && !found.includes(column)) found.push(column);
  }
  return found;
}
