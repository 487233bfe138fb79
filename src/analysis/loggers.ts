import { z } from 'zod';
import { callPatternSchema } from './call-matcher.js';
import { catalogSection, type Catalog } from '../core/catalog.js';
import { perCatalog } from './per-catalog.js';

/** An entry of `loggers` (rules/loggers.yml): a call pattern plus how the logger is created and redacts. */
export const loggerPatternSchema = callPatternSchema
  .extend({
    factories: z
      .array(z.string())
      .default([])
      .describe('Calls that create this logger, e.g. pino, winston.createLogger, debug.'),
    callable: z.boolean().default(false).describe('The logger is a function returned by a factory (debug).'),
    redaction: z
      .enum(['pino', 'winston-format'])
      .optional()
      .describe('How the factory options declare redaction: pino `redact`, or winston custom formats.'),
  })
  .strict();
export type LoggerPattern = z.infer<typeof loggerPatternSchema>;

/** The `loggers` catalog (rules/loggers.yml plus `catalog.loggers`), validated once per catalog. */
export const loggerPatterns: (catalog: Catalog) => LoggerPattern[] = perCatalog((catalog) =>
  catalogSection(catalog, 'loggers', (entry) => loggerPatternSchema.parse(entry)),
);
