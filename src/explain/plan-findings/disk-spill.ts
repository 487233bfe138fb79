import type { PlanNode } from '../plan-reader.js';
import { formatCount, type PlanRule } from './plan-rule.js';

/** Sorts and hashes that did not fit in work_mem and wrote temporary files. */
export const diskSpill: PlanRule = {
  id: 'query-plan/disk-spill',
  title: 'Sort or hash spilling to disk',
  description: 'A sort, hash or hash aggregate did not fit in work_mem and wrote temporary files, which is many times slower than memory.',
  defaultSeverity: 'warning',
  silentWhen: 'every sort and hash fits in memory (Sort Space Type "Memory", one hash batch, no HashAgg disk usage).',
  check({ plan }) {
    // One finding per query: a plan that spills usually does so at several nodes for the same reason.
    const spills = plan.nodes
      .map((node) => ({ node, spill: spillOf(node) }))
      .filter((s): s is { node: PlanNode; spill: string } => s.spill !== undefined)
      .sort((a, b) => (b.node.exclusiveMs ?? 0) - (a.node.exclusiveMs ?? 0));
    if (spills.length === 0) return [];
    const list = spills.map((s) => `${s.node.nodeType} ${s.spill}`).join(', ');
    return [
      {
        ruleId: this.id,
        node: spills[0].node,
        message:
          `${spills.length === 1 ? 'A node spills' : `${spills.length} nodes spill`} to disk (${list}): temporary files make it several times slower and compete for the staging server's I/O. ` +
          'Feed it fewer rows (an index or a more selective filter), or raise `work_mem` for this query only (`SET LOCAL work_mem = …`).',
      },
    ];
  },
};

function spillOf(n: PlanNode): string | undefined {
  if (n.nodeType === 'Sort' && (n.sortSpaceType === 'Disk' || /external/i.test(n.sortMethod ?? ''))) {
    return `${formatCount(n.sortSpaceKb ?? 0)} kB (${n.sortMethod ?? 'external sort'})`;
  }
  if (n.nodeType === 'Hash' && (n.hashBatches ?? 1) > 1) return `in ${n.hashBatches} batches`;
  if ((n.nodeType === 'Aggregate' || n.nodeType === 'HashAggregate') && (n.diskUsageKb ?? 0) > 0) return `${formatCount(n.diskUsageKb ?? 0)} kB`;
  return undefined;
}
