import { catalogSchemas } from './catalog-schemas.js';
import { checks as builtInChecks } from './checks/registry.js';
import type { Check } from './core/check.js';
import { createRuleRegistry, type RuleRegistry } from './core/rule-registry.js';
import { PLAN_RULES, planRuleInfo } from './explain/plan-findings/index.js';

/**
 * The rule registry every front end uses (CLI commands, the Action, the App): the built-in checks,
 * the query-plan rules and the pipeline's rules, and the catalog entry schemas (src/catalog-schemas.ts).
 * Tests pass their own checks; the other rules and the catalog schemas stay.
 */
export function ruleRegistry(checks: Check<unknown>[] = builtInChecks): RuleRegistry {
  return createRuleRegistry(checks, PLAN_RULES.map(planRuleInfo), catalogSchemas);
}

export const registry: RuleRegistry = ruleRegistry();
