import { DOCS_BASE_URL } from '../../core/rule-info.js';
import type { RuleInfo } from '../../core/review-result.js';
import { diskSpill } from './disk-spill.js';
import { jitOverhead } from './jit-overhead.js';
import { nestedLoopInner } from './nested-loop-inner.js';
import type { PlanContext, PlanIssue, PlanRule } from './plan-rule.js';
import { regression } from './regression.js';
import { rowMisestimate } from './row-misestimate.js';
import { seqScanFilter } from './seq-scan-filter.js';
import { slowQuery } from './slow-query.js';
import { sortForLimit } from './sort-for-limit.js';
import { unrepresentativeData } from './unrepresentative-data.js';

/** Every query-plan rule, in report order. */
export const PLAN_RULES: PlanRule[] = [sortForLimit, seqScanFilter, diskSpill, nestedLoopInner, rowMisestimate, slowQuery, jitOverhead, regression, unrepresentativeData];

export function findPlanIssues(context: PlanContext, disabled: ReadonlySet<string> = new Set()): PlanIssue[] {
  return PLAN_RULES.filter((r) => !disabled.has(r.id)).flatMap((r) => r.check(context).map((issue) => ({ severity: r.defaultSeverity, ...issue })));
}

export function planRuleInfo(rule: PlanRule): RuleInfo {
  return {
    id: rule.id,
    title: rule.title,
    description: `${rule.description} Silent when ${rule.silentWhen}`,
    checklistItem: 'performs.indexes',
    defaultSeverity: rule.defaultSeverity,
    helpUri: `${DOCS_BASE_URL}src/explain/README.md#${rule.id.replace('/', '')}`,
  };
}
