import { z } from 'zod';

/**
 * The `explain` section of `.plumbline.yml`: how changed queries reach the staging database.
 * A minimal placeholder; the EXPLAIN engineer owns its keys (strict, described, with defaults).
 */
export const explainSectionSchema = z
  .strictObject({
    enabled: z.boolean().optional().describe('Run EXPLAIN ANALYZE of changed queries; default: when a database URL is available.'),
    databaseUrlEnv: z
      .string()
      .min(1)
      .optional()
      .describe('Name of the environment variable that holds the staging database URL (the URL itself never goes in the file).'),
  })
  .describe('EXPLAIN ANALYZE of changed queries on a staging PostgreSQL.');

export type ExplainSection = z.output<typeof explainSectionSchema>;
