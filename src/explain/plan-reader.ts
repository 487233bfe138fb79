/**
 * Reads EXPLAIN (FORMAT JSON) output of PostgreSQL 13–18 into one normalised tree: per-loop values
 * multiplied out, the time each node spends itself (exclusive time), parallel workers accounted for.
 * Keys that only some versions emit (18: fractional "Actual Rows", "Index Searches", "Disabled";
 * 17: "Serialization", planning "Memory"; 13+: "WAL" buffers) are optional.
 */
export interface PlanNode {
  id: number;
  nodeType: string;
  /** "Parallel Seq Scan" etc. keep nodeType "Seq Scan" and set parallelAware. */
  parallelAware: boolean;
  relation?: string;
  schema?: string;
  alias?: string;
  indexName?: string;
  joinType?: string;
  parentRelationship?: string;
  planRows: number;
  totalCost: number;
  /** Rows per loop as reported (fractional on 18); undefined when not analysed. */
  actualRows?: number;
  loops?: number;
  /** actualRows × loops. */
  actualRowsTotal?: number;
  /** Wall-clock time including children (ms); undefined with TIMING OFF or without ANALYZE. */
  inclusiveMs?: number;
  /** Time spent in this node itself (ms). */
  exclusiveMs?: number;
  /** Processes sharing this node's work (workers launched + leader) when under Gather; else 1. */
  parallelism: number;
  filter?: string;
  /** Rows read and thrown away by Filter, all loops together. */
  rowsRemovedByFilter?: number;
  indexCond?: string;
  hashCond?: string;
  joinFilter?: string;
  sortKey?: string[];
  sortMethod?: string;
  sortSpaceType?: string;
  sortSpaceKb?: number;
  hashBatches?: number;
  originalHashBatches?: number;
  diskUsageKb?: number;
  workersLaunched?: number;
  tempBlocksWritten?: number;
  children: PlanNode[];
  parent?: PlanNode;
  raw: Record<string, unknown>;
}

export interface ReadPlan {
  root: PlanNode;
  /** Pre-order. */
  nodes: PlanNode[];
  analyzed: boolean;
  timed: boolean;
  planningMs?: number;
  executionMs?: number;
  jit?: { functions: number; totalMs: number };
}

type Json = Record<string, unknown>;

export function readPlan(document: unknown): ReadPlan {
  const top = (Array.isArray(document) ? document[0] : document) as Json | undefined;
  if (!top || typeof top !== 'object' || !top.Plan) throw new Error('not an EXPLAIN (FORMAT JSON) document: no "Plan" key');
  const nodes: PlanNode[] = [];
  const root = readNode(top.Plan as Json, undefined, 1, nodes);
  const analyzed = root.actualRows !== undefined;
  const timed = root.inclusiveMs !== undefined;
  if (timed) computeExclusive(root);
  const jit = top.JIT as Json | undefined;
  const jitTiming = jit?.Timing as Json | undefined;
  const jitTotal = jitTiming ? Number(jitTiming.Total) : undefined;
  return {
    root,
    nodes,
    analyzed,
    timed,
    planningMs: num(top['Planning Time']),
    executionMs: num(top['Execution Time']),
    jit: jit ? { functions: Number(jit.Functions ?? 0), totalMs: jitTotal ?? 0 } : undefined,
  };
}

function readNode(raw: Json, parent: PlanNode | undefined, parallelism: number, out: PlanNode[]): PlanNode {
  const nodeType = String(raw['Node Type']);
  const loops = num(raw['Actual Loops']);
  const actualRows = num(raw['Actual Rows']);
  const perLoopMs = num(raw['Actual Total Time']);
  const node: PlanNode = {
    id: out.length,
    nodeType,
    parallelAware: raw['Parallel Aware'] === true,
    relation: str(raw['Relation Name']),
    schema: str(raw.Schema),
    alias: str(raw.Alias),
    indexName: str(raw['Index Name']),
    joinType: str(raw['Join Type']),
    parentRelationship: str(raw['Parent Relationship']),
    planRows: Number(raw['Plan Rows'] ?? 0),
    totalCost: Number(raw['Total Cost'] ?? 0),
    actualRows,
    loops,
    actualRowsTotal: actualRows !== undefined && loops !== undefined ? actualRows * loops : undefined,
    // Times are averages per loop; loops under Gather ran side by side in `parallelism` processes.
    inclusiveMs: perLoopMs !== undefined && loops !== undefined ? (perLoopMs * loops) / parallelism : undefined,
    parallelism,
    filter: str(raw.Filter),
    rowsRemovedByFilter: raw['Rows Removed by Filter'] !== undefined ? Number(raw['Rows Removed by Filter']) * (loops ?? 1) : undefined,
    indexCond: str(raw['Index Cond']),
    hashCond: str(raw['Hash Cond']),
    joinFilter: str(raw['Join Filter']),
    sortKey: Array.isArray(raw['Sort Key']) ? (raw['Sort Key'] as unknown[]).map(String) : undefined,
    sortMethod: str(raw['Sort Method']),
    sortSpaceType: str(raw['Sort Space Type']),
    sortSpaceKb: num(raw['Sort Space Used']),
    hashBatches: num(raw['Hash Batches']),
    originalHashBatches: num(raw['Original Hash Batches']),
    diskUsageKb: num(raw['Disk Usage']),
    workersLaunched: num(raw['Workers Launched']),
    tempBlocksWritten: num(raw['Temp Written Blocks']),
    children: [],
    parent,
    raw,
  };
  out.push(node);
  const isGather = nodeType === 'Gather' || nodeType === 'Gather Merge';
  const childParallelism = isGather ? (node.workersLaunched ?? num(raw['Workers Planned']) ?? 0) + 1 : parallelism;
  for (const child of (raw.Plans as Json[] | undefined) ?? []) node.children.push(readNode(child, node, childParallelism, out));
  return node;
}

function computeExclusive(node: PlanNode): void {
  for (const child of node.children) computeExclusive(child);
  const childTime = node.children.reduce((sum, c) => sum + (c.inclusiveMs ?? 0), 0);
  // InitPlans run once but can be charged to several parents; clamp instead of going negative.
  node.exclusiveMs = Math.max(0, (node.inclusiveMs ?? 0) - childTime);
}

/** The chain from the root to the node that spends the most time itself: where the time goes. */
export function hotPath(plan: ReadPlan): Set<number> {
  const path = new Set<number>();
  if (!plan.timed) return path;
  let hottest = plan.root;
  for (const n of plan.nodes) if ((n.exclusiveMs ?? 0) > (hottest.exclusiveMs ?? 0)) hottest = n;
  for (let n: PlanNode | undefined = hottest; n; n = n.parent) path.add(n.id);
  return path;
}

/** Table name for an alias used in sort keys and filters ("o" → "orders"). */
export function relationOfAlias(plan: ReadPlan, alias: string): string | undefined {
  return plan.nodes.find((n) => n.alias === alias && n.relation)?.relation ?? plan.nodes.find((n) => n.relation === alias)?.relation;
}

/** Nodes below `node` (not including it). */
export function descendants(node: PlanNode): PlanNode[] {
  return node.children.flatMap((c) => [c, ...descendants(c)]);
}

function num(value: unknown): number | undefined {
  return value === undefined || value === null ? undefined : Number(value);
}
function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
