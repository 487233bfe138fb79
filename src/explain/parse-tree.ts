/** Small helpers over libpg-query's JSON parse tree (nodes are `{ TypeName: {...fields} }`). */
export type PgNode = Record<string, unknown>;

/** Visits every node object in the tree, with its type name (e.g. "FuncCall") and its fields. */
export function walkNodes(tree: unknown, visit: (type: string, fields: PgNode) => void): void {
  if (Array.isArray(tree)) {
    for (const item of tree) walkNodes(item, visit);
    return;
  }
  if (!tree || typeof tree !== 'object') return;
  for (const [key, value] of Object.entries(tree as PgNode)) {
    if (/^[A-Z]/.test(key) && value && typeof value === 'object' && !Array.isArray(value)) visit(key, value as PgNode);
    walkNodes(value, visit);
  }
}

/** The single node type and fields of a `{ Type: fields }` wrapper. */
export function unwrap(node: unknown): { type: string; fields: PgNode } | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const [entry] = Object.entries(node as PgNode);
  return entry && entry[1] && typeof entry[1] === 'object' ? { type: entry[0], fields: entry[1] as PgNode } : undefined;
}

/** ["public", "orders"] from a list of `{ String: { sval } }` nodes (function names, column refs). */
export function stringList(nodes: unknown): string[] {
  if (!Array.isArray(nodes)) return [];
  return nodes.map((n) => {
    const sval = (n as { String?: { sval?: string } }).String?.sval;
    if (sval !== undefined) return sval;
    return n && typeof n === 'object' && 'A_Star' in n ? '*' : '';
  });
}
