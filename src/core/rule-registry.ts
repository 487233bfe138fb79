import type { z } from 'zod';
import type { CatalogSchemas } from './catalog.js';
import type { Check } from './check.js';
import type { RuleInfo } from './review-result.js';
import { ruleInfoOf, SUPPRESSION_RULE } from './rule-info.js';

/**
 * Every rule a finding may carry — the static checks, the query-plan rules, the pipeline's own
 * (invalid-suppression) — built once and handed to every front end, so that `review`, `staging`,
 * `rules`, the Action and the App accept and reject exactly the same configs.
 */
export interface RuleRegistry {
  /** The static checks review() runs. */
  checks: Check<unknown>[];
  /** Every rule, in `plumbline rules` order: checks, query-plan rules, pipeline rules. */
  rules: RuleInfo[];
  /** What the config loader accepts under `rules:` (spread into loadConfig / validateConfig). */
  config: { knownRules: string[]; ruleOptionSchemas: Record<string, z.ZodType | undefined>; catalogSchemas: CatalogSchemas };
  /** A rule id, or a `prefix/*` pattern that names at least one rule (suppression comments). */
  isKnown(id: string): boolean;
}

/** Core knows no rule by name: the caller passes the checks and the other rules (query-plan/*). */
export function createRuleRegistry(checks: Check<unknown>[], otherRules: RuleInfo[], catalogSchemas: CatalogSchemas = {}): RuleRegistry {
  const rules = [...checks.map(ruleInfoOf), ...otherRules, SUPPRESSION_RULE];
  const ids = rules.map((r) => r.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) throw new Error(`rule id ${duplicate} is registered twice`);
  const known = new Set(ids);
  return {
    checks,
    rules,
    config: {
      knownRules: ids,
      ruleOptionSchemas: Object.fromEntries(checks.flatMap((c) => (c.meta.options ? [[c.id, c.meta.options]] : []))),
      catalogSchemas,
    },
    isKnown: (id) => known.has(id) || (id.endsWith('/*') && ids.some((r) => r.startsWith(id.slice(0, -1)))),
  };
}
