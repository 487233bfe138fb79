import { z } from 'zod';

/**
 * The `explain` section of `.plumbline.yml`: how changed queries reach the staging database, which
 * parameter values they run with, and the query-plan rules' thresholds. Every key is optional; the
 * defaults live in src/explain/settings.ts and are documented in src/explain/README.md.
 * The database URL itself never goes in the file: `--database-url` or PLUMBLINE_DATABASE_URL.
 */
const parameterValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

const querySchema = z
  .strictObject({
    name: z.string().min(1).describe('Name shown in reports; also matches a `-- plumbline: name=…` annotation.'),
    fingerprint: z.string().regex(/^[0-9a-f]{16}$/).optional().describe('libpg-query fingerprint of the query (shown by `plumbline explain`).'),
    path: z.string().optional().describe('Repository-relative file of the query (with `line`, instead of a fingerprint).'),
    line: z.number().int().positive().optional().describe('Line of the query in `path`.'),
    parameters: z
      .union([z.array(parameterValue), z.record(z.string().regex(/^\$?\d+$/), parameterValue)])
      .optional()
      .describe('Values for $1, $2, … as a list, or by number ({ "$2": 42 }); the others are sampled.'),
    budgetMs: z.number().positive().optional().describe('Time budget of this query (ms), instead of `budgetMs`.'),
    skip: z.boolean().optional().describe('Never run this query.'),
  })
  .describe('Per-query settings, matched by fingerprint, by path and line, or by name.');

export const explainSectionSchema = z
  .strictObject({
    enabled: z.boolean().optional().describe('Run EXPLAIN ANALYZE of changed queries; default: when a database URL is available.'),
    databaseUrlEnv: z
      .string()
      .min(1)
      .optional()
      .describe('Name of the environment variable that holds the staging database URL (the URL itself never goes in the file).'),
    schema: z
      .array(z.string().min(1))
      .optional()
      .describe('Files or directories (.sql, in order) that create the embedded staging schema; default: Prisma migrations, or a schema.sql and the migrations/ beside it.'),
    profile: z.string().min(1).optional().describe('Scale profile (a directory of <table>.yml files, or one file) loaded into the embedded staging database.'),
    staging: z
      .strictObject({
        dir: z.string().min(1).optional().describe('Directory of the embedded server; default .plumbline-cache/staging.'),
        port: z.number().int().min(1024).max(65535).optional().describe('Port of the embedded server; default 54329.'),
      })
      .optional()
      .describe('The embedded staging server.'),
    budgetMs: z.number().positive().optional().describe('Time budget of a query (ms) for query-plan/slow-query; default 100.'),
    thresholds: z
      .strictObject({
        seqScanMinRows: z.number().int().positive().optional(),
        seqScanMaxKeptFraction: z.number().min(0).max(1).optional(),
        sortMinRows: z.number().int().positive().optional(),
        misestimateFactor: z.number().min(1).optional(),
        misestimateMinRows: z.number().int().nonnegative().optional(),
        nestedLoopMinLoops: z.number().int().positive().optional(),
        jitMinMs: z.number().nonnegative().optional(),
        jitMinFraction: z.number().min(0).max(1).optional(),
        regressionFactor: z.number().min(1).optional(),
        regressionMinMs: z.number().nonnegative().optional(),
        realismMinFraction: z.number().min(0).max(1).optional(),
      })
      .optional()
      .describe('Thresholds of the query-plan rules (see src/explain/README.md).'),
    timeouts: z
      .strictObject({
        statementMs: z.number().int().positive().optional().describe('statement_timeout of each run; default 10000.'),
        lockMs: z.number().int().positive().optional().describe('lock_timeout; default 1000.'),
        idleInTransactionMs: z.number().int().positive().optional().describe('idle_in_transaction_session_timeout; default 20000.'),
        deadlineMs: z
          .number()
          .int()
          .positive()
          .optional()
          .describe('Client-side deadline of one server round trip, after which Plumbline ends its session; default statementMs + lockMs + 5000.'),
      })
      .optional(),
    disable: z.array(z.string().regex(/^query-plan\//)).optional().describe('query-plan rules to turn off.'),
    queries: z.array(querySchema).optional(),
  })
  .describe('EXPLAIN ANALYZE of changed queries on a staging PostgreSQL.');

export type ExplainSection = z.output<typeof explainSectionSchema>;
