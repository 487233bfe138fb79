import { z } from 'zod';
import { catalogSection, type Catalog } from '../core/catalog.js';

/** Catalog key of the functions `explain` refuses to call (rules/sql-side-effects.yml). */
export const SIDE_EFFECT_CATALOG_KEY = 'sql-side-effect-functions';

export const sideEffectFunctionSchema = z
  .object({
    name: z.string().min(1).describe('lower-case function name without schema'),
    prefix: z.boolean().default(false).describe('match every function whose name starts with `name`'),
    why: z.string().min(1).describe('shown as the refusal reason'),
  })
  .strict();

export type SideEffectFunction = z.infer<typeof sideEffectFunctionSchema>;

export function sideEffectFunctions(catalog: Catalog): SideEffectFunction[] {
  return catalogSection(catalog, SIDE_EFFECT_CATALOG_KEY, (e) => sideEffectFunctionSchema.parse(e));
}

export function matchSideEffect(functionName: string, list: SideEffectFunction[]): SideEffectFunction | undefined {
  const name = functionName.toLowerCase();
  return list.find((f) => (f.prefix ? name.startsWith(f.name) : name === f.name));
}
