import { z } from 'zod';
import { catalogSection, type Catalog } from '../core/catalog.js';

/**
 * Which functions a query may call under EXPLAIN. A deny-list by name is not enough (issue #10:
 * `query_to_xml('SELECT setval(…)')` hid any call), so it is an allow-list: PostgreSQL's own
 * functions that are immutable or stable (rules/sql-safe-functions.yml, generated from the server's
 * catalog by scripts/generate-safe-functions.mjs) plus a few harmless volatile ones, extended by
 * `catalog.sql-safe-functions`. The never-list (rules/sql-side-effects.yml) wins over both, so neither a
 * user entry nor a stable-marked function that runs a SQL string can bring a dangerous call back.
 */
export const SAFE_FUNCTIONS_CATALOG_KEY = 'sql-safe-functions';
export const NEVER_FUNCTIONS_CATALOG_KEY = 'sql-side-effect-functions';

export const neverFunctionSchema = z
  .object({
    name: z.string().min(1).describe('lower-case function name without schema'),
    prefix: z.boolean().default(false).describe('match every function whose name starts with `name`'),
    why: z.string().min(1).describe('shown as the refusal reason'),
  })
  .strict();

/** `name` for a function found through the search path (pg_catalog first), `schema.name` for another schema's. */
export const safeFunctionSchema = z.string().regex(/^[a-z_][a-z0-9_$]*(\.[a-z_][a-z0-9_$]*)?$/, 'a lower-case function name, or schema.name');

export type NeverFunction = z.infer<typeof neverFunctionSchema>;

export interface FunctionPolicy {
  safe: ReadonlySet<string>;
  never: NeverFunction[];
}

export function explainPolicy(catalog: Catalog): FunctionPolicy {
  return {
    safe: new Set(catalogSection(catalog, SAFE_FUNCTIONS_CATALOG_KEY, (e) => safeFunctionSchema.parse(e))),
    never: catalogSection(catalog, NEVER_FUNCTIONS_CATALOG_KEY, (e) => neverFunctionSchema.parse(e)),
  };
}

/** Why a call to `schema.name` must not run, or undefined when it may. `schema` is undefined for an unqualified name. */
export function functionRefusal(name: string, schema: string | undefined, policy: FunctionPolicy): string | undefined {
  const lower = name.toLowerCase();
  const never = policy.never.find((f) => (f.prefix ? lower.startsWith(f.name) : lower === f.name));
  if (never) return `calls \`${lower}()\`, which ${never.why}`;
  const own = schema?.toLowerCase();
  const allowed = own === undefined || own === 'pg_catalog' ? policy.safe.has(lower) : policy.safe.has(`${own}.${lower}`);
  if (allowed) return undefined;
  const shown = own && own !== 'pg_catalog' ? `${own}.${lower}` : lower;
  return `calls \`${shown}()\`, which is not a PostgreSQL built-in known to be free of side effects (rules/sql-safe-functions.yml); if it only reads, add \`${shown}\` under catalog.${SAFE_FUNCTIONS_CATALOG_KEY} in .plumbline.yml`;
}
