import { z } from 'zod';

/**
 * A scale profile: one YAML file per table with its row count and how each column's values are
 * distributed. `plumbline staging load` turns it into `INSERT … SELECT … FROM generate_series` run on the
 * server; `plumbline staging profile --from URL` writes one from a production database's statistics.
 */
const common = {
  nullFraction: z.number().min(0).max(1).default(0).describe('fraction of rows where the column is NULL'),
};

export const columnSpecSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sequence'), start: z.number().int().default(1), step: z.number().int().default(1), ...common }).strict()
    .describe('1, 2, 3, … (row number); primary keys'),
  z.object({ kind: z.literal('uniform'), min: z.number(), max: z.number(), integer: z.boolean().default(true), ...common }).strict()
    .describe('every value between min and max equally likely'),
  z.object({ kind: z.literal('normal'), mean: z.number(), stddev: z.number().positive(), min: z.number().optional(), max: z.number().optional(), integer: z.boolean().default(false), ...common }).strict()
    .describe('bell curve around mean, clamped to [min, max]'),
  z.object({ kind: z.literal('zipf'), distinct: z.number().int().positive(), skew: z.number().positive().default(1.1), ...common }).strict()
    .describe('1…distinct where value 1 is most common (power law): hot keys, popular products'),
  z.object({ kind: z.literal('foreign-key'), references: z.string().regex(/^\w+\.\w+$/, 'table.column'), skew: z.number().positive().optional(), ...common }).strict()
    .describe("a key of another table in the profile (its key must be a sequence from 1); skew makes some parents much more common"),
  z.object({ kind: z.literal('values'), values: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1), weights: z.array(z.number().nonnegative()).optional(), ...common }).strict()
    .describe('one of a fixed list (statuses, countries), optionally weighted'),
  z.object({
    kind: z.literal('text'),
    prefix: z.string().default(''),
    suffix: z.string().default(''),
    distinct: z.number().int().positive().optional().describe('number of different values; unique (row number) when omitted'),
    length: z.number().int().positive().optional().describe('pad every value to this length'),
    ...common,
  }).strict().describe('generated text: prefix + number + suffix, never real data'),
  z.object({ kind: z.literal('timestamp'), from: z.coerce.string(), to: z.coerce.string(), ...common }).strict()
    .describe('uniform between two timestamps'),
  z.object({ kind: z.literal('boolean'), trueFraction: z.number().min(0).max(1).default(0.5), ...common }).strict(),
  z.object({ kind: z.literal('histogram'), bounds: z.array(z.number()).min(2), integer: z.boolean().default(false), ...common }).strict()
    .describe('equi-depth histogram (as in pg_stats.histogram_bounds): each bucket equally likely, uniform inside it'),
]);

export type ColumnSpec = z.infer<typeof columnSpecSchema>;

export const tableProfileSchema = z
  .object({
    table: z.string().regex(/^[a-z_][a-z0-9_$]*(\.[a-z_][a-z0-9_$]*)?$/i).describe('table name, optionally schema-qualified'),
    rows: z.number().int().nonnegative().describe('rows to load (production size)'),
    columns: z.record(z.string(), columnSpecSchema).describe('columns not listed get their default (or NULL)'),
  })
  .strict();

export type TableProfile = z.infer<typeof tableProfileSchema>;
