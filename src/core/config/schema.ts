import { z } from 'zod';
import { explainSectionSchema } from './explain-section.js';
import { githubSectionSchema } from './github-section.js';
import { FAIL_ON_VALUES, RULE_LEVEL_VALUES } from './severity.js';

/** The built-in checklists shipped in `checklists/`; anything else is a path to a checklist file. */
export const BUILT_IN_CHECKLISTS = ['default', 'senior-backend'] as const;
export const DEFAULT_BASELINE = '.plumbline-baseline.json';

const ruleLevelSchema = z.enum(RULE_LEVEL_VALUES).describe('off, or the severity findings of this rule get.');

export const ruleObjectSchema = z
  .strictObject({
    severity: ruleLevelSchema.optional().describe("Severity of this rule's findings, or off; default: the rule's own."),
    options: z.unknown().optional().describe("The rule's options (see the rule's docs.md); validated by the rule."),
  })
  .describe('A rule setting with options.');

export const ruleSettingSchema = z
  .union([ruleLevelSchema, ruleObjectSchema], {
    error: 'expected off, error, warning, info, or a map { severity, options }',
  })
  .describe('off | error | warning | info | { severity, options }');

/** Globs match repository-relative posix paths (`src/a.ts`): `./src/**` or `/src/**` would never match. */
const globSchema = z
  .string()
  .min(1)
  .refine((glob) => !glob.startsWith('./') && !glob.startsWith('/'), { error: 'globs are relative to the repository root: write `src/**`, not `./src/**` or `/src/**`' });

const pathList = (what: string) =>
  z.union([z.string().min(1), z.array(z.string().min(1))], { error: `expected ${what}: a path or a list of paths` });

/**
 * `.plumbline.yml` (or `.github/plumbline.yml`). Every key is optional; the defaults are safe.
 * Paths in `extends` and `checklist` are relative to the file that names them; `include`,
 * `exclude` and `baseline` are relative to the repository root.
 */
export const configSchema = z
  .strictObject({
    extends: pathList('extends')
      .optional()
      .describe('Config file(s) this one builds on, relative to this file; later files and this one override earlier ones.'),
    checklist: z
      .string()
      .min(1)
      .default('default')
      .describe('default | senior-backend | a path to a checklist YAML file (format: checklists/default.yml).'),
    include: z
      .array(globSchema)
      .default([])
      .describe('Globs (picomatch) of repository paths to review; empty: every TypeScript/JavaScript file.'),
    exclude: z
      .array(globSchema)
      .default([])
      .describe('Globs (picomatch) of repository paths never reviewed; node_modules, dist, build and .d.ts are always excluded.'),
    failOn: z
      .enum(FAIL_ON_VALUES)
      .default('error')
      .describe('The CI gate: exit 1 when a finding is at or above this severity; never: always exit 0. --fail-on overrides it.'),
    allowUnchecked: z
      .boolean()
      .default(false)
      .describe('true: the gate passes an item its rules could not check (a changed file with a syntax error, over 1 MB, a query EXPLAIN could not run); the report still says "not checked". --allow-unchecked sets it for one run.'),
    rules: z
      .record(z.string(), ruleSettingSchema)
      .default({})
      .describe('Per rule id: off, a severity, or { severity, options }.'),
    catalog: z
      .record(z.string(), z.array(z.unknown()))
      .default({})
      .describe('Entries appended to the built-in catalogs in rules/*.yml, by catalog key (your ORMs, loggers, PII words).'),
    baseline: z
      .string()
      .min(1)
      .default(DEFAULT_BASELINE)
      .describe('Baseline file (repository-relative) whose fingerprints review hides; written by `plumbline baseline`.'),
    explain: explainSectionSchema.prefault({}).describe('EXPLAIN ANALYZE of changed queries on a staging PostgreSQL (src/explain/README.md).'),
    github: githubSectionSchema.prefault({}).describe('The GitHub App: inline comments, check-run gate.'),
  })
  .describe('Plumbline configuration.');

export type PlumblineConfig = z.output<typeof configSchema>;
export type PlumblineConfigInput = z.input<typeof configSchema>;
export type RuleSetting = z.output<typeof ruleSettingSchema>;
