import type { ExplainSection } from '../core/config/explain-section.js';
import { DEFAULT_THRESHOLDS, type PlanThresholds } from './plan-findings/plan-rule.js';
import { DEFAULT_TIMEOUTS, type Timeouts } from './guarded-session.js';

/** The `explain:` config section with every default filled in. */
export interface ExplainSettings {
  section: ExplainSection;
  thresholds: PlanThresholds;
  timeouts: Timeouts;
  disabled: Set<string>;
}

export function explainSettings(section: unknown): ExplainSettings {
  const s = (section ?? {}) as ExplainSection;
  const thresholds: PlanThresholds = { ...DEFAULT_THRESHOLDS, ...definedOnly(s.thresholds ?? {}) };
  if (s.budgetMs !== undefined) thresholds.budgetMs = s.budgetMs;
  return {
    section: s,
    thresholds,
    timeouts: { ...DEFAULT_TIMEOUTS, ...definedOnly(s.timeouts ?? {}) },
    disabled: new Set(s.disable ?? []),
  };
}

/** The database to use: --database-url, then the configured env variable, then PLUMBLINE_DATABASE_URL. */
export function databaseUrlFrom(flag: string | undefined, section: ExplainSection | undefined, env = process.env): string | undefined {
  if (flag) return flag;
  if (section?.databaseUrlEnv && env[section.databaseUrlEnv]) return env[section.databaseUrlEnv];
  return env.PLUMBLINE_DATABASE_URL || undefined;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
