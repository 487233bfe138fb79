import { z } from 'zod';
import { callPatternSchema } from './analysis/call-matcher.js';
import { loggerPatternSchema } from './analysis/loggers.js';
import { queryCallSchema } from './analysis/query-call.js';
import { requestSourceSchema } from './analysis/request-input.js';
import { sqlSinkSchema, sqlTagSchema } from './analysis/sql-sinks.js';
import { sqlEscaperSchema } from './analysis/value-origin-calls.js';
import { trustedValueSchema } from './analysis/value-trust.js';
import { httpStatusNameSchema, numericArgumentSchema, numericComparisonSchema, numericOptionSchema } from './checks/magic-number/vocabulary.js';
import { queryPattern } from './checks/module-boundary/index.js';
import { batchShapeSchema, unbatchableSqlSchema } from './checks/n-plus-one/batch-shapes.js';
import { fieldResolverSchema } from './checks/n-plus-one/graphql-resolvers.js';
import { memoLookupSchema } from './checks/n-plus-one/index.js';
import { developmentConditionsSchema, requestPartSchema, sensitiveTermSchema, valuePreservingCallSchema, wordSchema } from './checks/pii-in-logs/vocabulary.js';
import { loggerPattern, name as silentFailureName } from './checks/silent-failure/vocabulary.js';
import { unboundedReadSchema } from './checks/unbounded-query/orm-reads.js';
import { carrierSchema } from './checks/unstructured-log/project-logging.js';
import { inputSinkSchema, validatorSchema } from './checks/unvalidated-input/input-trace.js';
import type { CatalogSchemas } from './core/catalog.js';
import { neverFunctionSchema, safeFunctionSchema } from './explain/sql-functions.js';

// Entry shapes the readers write inline (`names(key)` in n-plus-one, unbounded-query and unvalidated-input; the
// globs of file-roles and unbounded-query; …): the same schema, so load accepts exactly what the reader accepts.
const nameEntry = z.object({ name: z.string() }).strict();
const nonEmpty = z.string().min(1);

/**
 * The entry schema(s) of every catalog key in rules/*.yml, one per reader: an entry must satisfy all of
 * them. The config loader checks built-in and user entries with these (file:line) before any analysis,
 * so a bad entry fails every front end alike, even when the check that reads it is off.
 */
export const catalogSchemas: CatalogSchemas = {
  'body-decorators': [nameEntry],
  'cache-names': [nameEntry],
  'cli-command-paths': [nonEmpty],
  'cli-frameworks': [nonEmpty],
  'correlation-carriers': [carrierSchema],
  'deferred-callbacks': [nameEntry],
  'development-conditions': [developmentConditionsSchema],
  'graphql-field-resolvers': [fieldResolverSchema],
  'http-status-names': [httpStatusNameSchema],
  'immediate-callbacks': [nameEntry],
  'input-passthrough': [nameEntry],
  'input-sinks': [inputSinkSchema],
  'input-validators': [validatorSchema],
  'iteration-methods': [nameEntry],
  loggers: [loggerPatternSchema, loggerPattern, z.object(callPatternSchema.shape)],
  'magic-number-arguments': [numericArgumentSchema],
  'magic-number-comparisons': [numericComparisonSchema],
  'magic-number-name-skip-words': [z.array(z.string())],
  'magic-number-options': [numericOptionSchema],
  'masking-functions': [wordSchema],
  'memo-lookups': [memoLookupSchema],
  'non-production-paths': [nonEmpty],
  'query-batch-shapes': [batchShapeSchema],
  'query-calls': [queryCallSchema, queryPattern],
  'request-inputs': [requestSourceSchema],
  'request-parts': [requestPartSchema],
  'sensitive-data': [sensitiveTermSchema],
  'sensitive-data-not-before': [wordSchema],
  'sensitive-data-suffixes': [wordSchema],
  'silent-failure-cleanup-methods': [silentFailureName],
  'silent-failure-fallback-functions': [silentFailureName, nonEmpty],
  'silent-failure-non-promise-modules': [silentFailureName],
  'silent-failure-noop-handlers': [silentFailureName],
  'silent-failure-route-methods': [silentFailureName],
  'silent-failure-void-callbacks': [silentFailureName],
  'small-tables': [nameEntry],
  'sql-aggregates': [nameEntry],
  'sql-escapers': [sqlEscaperSchema],
  'sql-safe-functions': [safeFunctionSchema],
  'sql-side-effect-functions': [neverFunctionSchema],
  'sql-sinks': [sqlSinkSchema],
  'sql-tagged-templates': [sqlTagSchema],
  'structured-logger-modules': [z.string()],
  'trusted-values': [trustedValueSchema],
  'unbatchable-sql': [unbatchableSqlSchema],
  'unbounded-ignored-paths': [z.object({ glob: z.string() }).strict()],
  'unbounded-reads': [unboundedReadSchema],
  'unique-keys': [nameEntry],
  'validation-decorator-modules': [nameEntry],
  'validation-middleware': [nameEntry],
  'validation-pipes': [nameEntry],
  'value-preserving-calls': [valuePreservingCallSchema],
};
