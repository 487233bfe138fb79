import { stringList, unwrap, walkNodes, type PgNode } from './parse-tree.js';

/** A `$n` compared with a column: `o.created_at > $2`, `user_id = $1`, `status IN ($3, $4)`, `x BETWEEN $1 AND $2`. */
export interface ParamComparison {
  param: number;
  /** Table name when the column's qualifier or the FROM clause names it; else undefined (resolved by the caller). */
  table?: string;
  column: string;
  operator: 'equality' | 'range' | 'other';
}

/** Reads the comparisons of parameters with columns from a statement's parse tree. */
export function paramComparisons(tree: PgNode): ParamComparison[] {
  const aliases = new Map<string, string>();
  walkNodes(tree, (type, fields) => {
    if (type !== 'RangeVar') return;
    const name = String(fields.relname);
    aliases.set(name, name);
    const alias = (fields.alias as { aliasname?: string } | undefined)?.aliasname;
    if (alias) aliases.set(alias, name);
  });
  const tables = new Set(aliases.values());
  const only = tables.size === 1 ? [...tables][0] : undefined;
  const found: ParamComparison[] = [];
  walkNodes(tree, (type, fields) => {
    if (type !== 'A_Expr') return;
    const op = stringList(fields.name)[0] ?? '';
    const kind = String(fields.kind);
    const operator: ParamComparison['operator'] =
      kind === 'AEXPR_IN' || (kind === 'AEXPR_OP' && op === '=') || kind === 'AEXPR_OP_ANY' ? 'equality'
        : kind.startsWith('AEXPR_BETWEEN') || ['<', '>', '<=', '>='].includes(op) ? 'range'
          : 'other';
    for (const [colSide, paramSide] of [[fields.lexpr, fields.rexpr], [fields.rexpr, fields.lexpr]]) {
      const column = columnOf(colSide);
      if (!column) continue;
      for (const param of paramsIn(paramSide)) {
        found.push({ param, column: column.name, table: column.qualifier ? aliases.get(column.qualifier) : only, operator });
      }
    }
  });
  return found;
}

function columnOf(node: unknown): { qualifier?: string; name: string } | undefined {
  const u = unwrap(node);
  if (u?.type === 'TypeCast') return columnOf(u.fields.arg);
  if (u?.type !== 'ColumnRef') return undefined;
  const parts = stringList(u.fields.fields);
  if (parts.at(-1) === '*' || parts.length === 0) return undefined;
  return { qualifier: parts.length > 1 ? parts[parts.length - 2] : undefined, name: parts[parts.length - 1] };
}

/** `$n`, `$n::type`, a list of them (IN, BETWEEN), or `ANY($n)`. */
function paramsIn(node: unknown): number[] {
  if (Array.isArray(node)) return node.flatMap(paramsIn);
  const u = unwrap(node);
  if (!u) return [];
  if (u.type === 'ParamRef') return [Number(u.fields.number)];
  if (u.type === 'TypeCast') return paramsIn(u.fields.arg);
  if (u.type === 'List') return paramsIn(u.fields.items);
  return [];
}
