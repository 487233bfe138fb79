import { z } from 'zod';
import { catalogSection } from '../../core/catalog.js';
import { perCatalog } from '../../analysis/per-catalog.js';

/** An entry of `magic-number-arguments` (rules/magic-numbers.yml): a call argument with a unit. */
export const numericArgumentSchema = z
  .object({
    id: z.string().describe('Stable id, e.g. "redis.setex".'),
    functions: z.array(z.string()).default([]).describe('Plain function names, e.g. setTimeout.'),
    methods: z.array(z.string()).default([]).describe('Method names, e.g. setex.'),
    receivers: z.array(z.string()).default([]).describe('Globs over the receiver\'s last segment ("*cache"); empty: any receiver.'),
    argument: z.number().int().min(0).describe('0-based position of the argument.'),
    quantity: z.string().describe('What the number is, shown in messages, e.g. "cache TTL in seconds".'),
    suffix: z.string().describe('End of the proposed constant name, e.g. CACHE_TTL_SECONDS.'),
  })
  .strict();

/** An entry of `magic-number-options`: object properties given to a call that carry a unit. */
export const numericOptionSchema = z
  .object({
    names: z.array(z.string()).min(1).describe('Property names, matched case-insensitively.'),
    quantity: z.string(),
    suffix: z.string(),
  })
  .strict();

/** An entry of `magic-number-comparisons`: names whose comparison with a number sets a policy. */
export const numericComparisonSchema = z
  .object({
    words: z.array(z.string()).min(1).describe('Words of the compared name, lower case, e.g. retry.'),
    kind: z.enum(['http-status', 'count']).describe('http-status: the name comes from http-status-names.'),
    minimum: z.number().default(0).describe('Smaller values are structural, not policy (`parts.length === 2`).'),
    quantity: z.string(),
    suffix: z.string(),
  })
  .strict();

export const httpStatusNameSchema = z.object({ code: z.number().int(), name: z.string() }).strict();

export type NumericArgument = z.infer<typeof numericArgumentSchema>;
export type NumericOption = z.infer<typeof numericOptionSchema>;
export type NumericComparison = z.infer<typeof numericComparisonSchema>;

export interface Vocabulary {
  arguments: NumericArgument[];
  options: Map<string, NumericOption>;
  comparisons: NumericComparison[];
  statusNames: Map<number, string>;
  skipWords: Set<string>;
}

export const vocabularyOf = perCatalog((catalog): Vocabulary => {
  const options = catalogSection(catalog, 'magic-number-options', numericOptionSchema.parse);
  return {
    arguments: catalogSection(catalog, 'magic-number-arguments', numericArgumentSchema.parse),
    options: new Map(options.flatMap((option) => option.names.map((name) => [name.toLowerCase(), option] as const))),
    comparisons: catalogSection(catalog, 'magic-number-comparisons', numericComparisonSchema.parse),
    statusNames: new Map(catalogSection(catalog, 'http-status-names', httpStatusNameSchema.parse).map((s) => [s.code, s.name])),
    skipWords: new Set(catalogSection(catalog, 'magic-number-name-skip-words', z.array(z.string()).parse).flat()),
  };
});
