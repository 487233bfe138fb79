import { hotPath, type PlanNode, type ReadPlan } from './plan-reader.js';

/** A compact text rendering of a read plan for reports; the hot path is marked with "▶". */
export function renderPlanText(plan: ReadPlan): string {
  const hot = hotPath(plan);
  const lines: string[] = [];
  const visit = (node: PlanNode, depth: number) => {
    const mark = hot.has(node.id) ? '▶ ' : '  ';
    const indent = '   '.repeat(depth);
    lines.push(`${mark}${indent}${depth ? '-> ' : ''}${title(node)}  ${numbers(node)}`);
    for (const detail of details(node)) lines.push(`  ${indent}${depth ? '   ' : ''}   ${detail}`);
    for (const child of node.children) visit(child, depth + 1);
  };
  visit(plan.root, 0);
  if (plan.planningMs !== undefined) lines.push(`Planning Time: ${fmt(plan.planningMs)} ms`);
  if (plan.jit) lines.push(`JIT: ${plan.jit.functions} functions, ${fmt(plan.jit.totalMs)} ms`);
  if (plan.executionMs !== undefined) lines.push(`Execution Time: ${fmt(plan.executionMs)} ms`);
  return lines.join('\n');
}

/** One line per node for finding messages ("Seq Scan on orders o (rows=2400000 loops=1)"). */
export function describeNode(node: PlanNode): string {
  return `${title(node)} ${numbers(node)}`;
}

function title(node: PlanNode): string {
  let text = `${node.parallelAware ? 'Parallel ' : ''}${node.nodeType}${node.raw['Scan Direction'] === 'Backward' ? ' Backward' : ''}`;
  if (node.joinType && node.nodeType.includes('Join')) text = text.replace('Join', `${node.joinType} Join`);
  if (node.nodeType === 'Nested Loop' && node.joinType && node.joinType !== 'Inner') text = `Nested Loop ${node.joinType} Join`;
  if (node.indexName) text += ` using ${node.indexName}`;
  if (node.relation) text += ` on ${node.relation}${node.alias && node.alias !== node.relation ? ` ${node.alias}` : ''}`;
  return text;
}

function numbers(node: PlanNode): string {
  const est = `(cost=${fmt(node.totalCost)} rows=${node.planRows})`;
  if (node.actualRows === undefined) return est;
  const time = node.exclusiveMs !== undefined ? ` self ${fmt(node.exclusiveMs)} ms of ${fmt(node.inclusiveMs ?? 0)} ms` : '';
  return `${est} (actual rows=${fmt(node.actualRows)} loops=${node.loops ?? 1}${time})`;
}

function details(node: PlanNode): string[] {
  const out: string[] = [];
  if (node.sortKey) out.push(`Sort Key: ${node.sortKey.join(', ')}`);
  if (node.sortMethod) out.push(`Sort Method: ${node.sortMethod}  ${node.sortSpaceType ?? ''}: ${node.sortSpaceKb ?? '?'}kB`);
  if (node.indexCond) out.push(`Index Cond: ${node.indexCond}`);
  if (node.hashCond) out.push(`Hash Cond: ${node.hashCond}`);
  if (node.joinFilter) out.push(`Join Filter: ${node.joinFilter}`);
  if (node.filter) out.push(`Filter: ${node.filter}`);
  if (node.rowsRemovedByFilter) out.push(`Rows Removed by Filter: ${Math.round(node.rowsRemovedByFilter)}`);
  if (node.hashBatches !== undefined) out.push(`Buckets/Batches: ${node.hashBatches} batches${node.diskUsageKb ? `, Disk Usage: ${node.diskUsageKb}kB` : ''}`);
  if (node.workersLaunched !== undefined) out.push(`Workers Launched: ${node.workersLaunched}`);
  return out;
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(n < 10 ? 2 : 1);
}
