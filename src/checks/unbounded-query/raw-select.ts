import { parseSync } from 'libpg-query';

/** What PostgreSQL's parser says about a raw statement: does it return every matching row? */
export interface SelectShape {
  tables: string[];
  /** Columns compared with `=` in the top-level WHERE (`id = $1`). */
  equalities: string[];
}

/**
 * A top-level SELECT that reads a table with no LIMIT/FETCH, no aggregate without GROUP BY (one row),
 * and no set operation we cannot follow; undefined for anything else or text that does not parse.
 * The text is a folded `SqlText.text` (`$n` for run-time values); call `loadSqlParser()` first.
 */
export function unboundedSelect(sql: string, aggregates: ReadonlySet<string>): SelectShape | undefined {
  let parsed: { stmts?: Array<{ stmt?: Record<string, unknown> }> };
  try {
    parsed = parseSync(sql) as typeof parsed;
  } catch {
    // Text PostgreSQL cannot parse (a dialect, a fragment) says nothing about a LIMIT: no finding, by design.
    return undefined;
  }
  if (parsed.stmts?.length !== 1) return undefined;
  const select = parsed.stmts[0].stmt?.SelectStmt as SelectNode | undefined;
  if (!select || select.op !== 'SETOP_NONE' || select.limitCount || select.intoClause) return undefined;
  if (!select.fromClause?.length) return undefined;
  if (!select.groupClause && select.targetList?.some((t) => containsAggregate(t, aggregates))) return undefined;
  const tables = relationNames(select.fromClause);
  if (tables.length === 0) return undefined;
  return { tables, equalities: equalityColumns(select.whereClause) };
}

interface SelectNode {
  op?: string;
  limitCount?: unknown;
  intoClause?: unknown;
  fromClause?: unknown[];
  groupClause?: unknown[];
  targetList?: unknown[];
  whereClause?: unknown;
}

/** An aggregate call outside a window (`count(*)`, not `count(*) OVER ()`), anywhere in a target. */
function containsAggregate(node: unknown, aggregates: ReadonlySet<string>): boolean {
  if (!node || typeof node !== 'object') return false;
  if (Array.isArray(node)) return node.some((n) => containsAggregate(n, aggregates));
  const record = node as Record<string, unknown>;
  const call = record.FuncCall as { funcname?: Array<{ String?: { sval?: string } }>; over?: unknown } | undefined;
  if (call && !call.over) {
    const name = call.funcname?.at(-1)?.String?.sval;
    if (name && aggregates.has(name)) return true;
  }
  // Subqueries have their own aggregates; they do not make the outer query one row.
  if (record.SubLink) return false;
  return Object.values(record).some((n) => containsAggregate(n, aggregates));
}

function relationNames(from: unknown[]): string[] {
  const names: string[] = [];
  const visit = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const record = node as Record<string, unknown>;
    const range = record.RangeVar as { relname?: string; schemaname?: string } | undefined;
    if (range?.relname && !isSystemCatalog(range.relname, range.schemaname)) names.push(range.relname);
    if (record.RangeSubselect || record.RangeFunction) return;
    Object.values(record).forEach(visit);
  };
  visit(from);
  return names;
}

/**
 * PostgreSQL's own catalogs (`pg_indexes`, `information_schema.columns`) describe the schema: as large as the
 * schema, not as the data, so reading them whole is what schema tools do.
 */
function isSystemCatalog(relation: string, schema: string | undefined): boolean {
  if (schema !== undefined) return schema === 'pg_catalog' || schema === 'information_schema';
  return relation.startsWith('pg_');
}

/** `WHERE u.id = $1 AND active` → ['id']: columns the top-level AND compares with `=`. */
function equalityColumns(where: unknown): string[] {
  if (!where || typeof where !== 'object') return [];
  const record = where as Record<string, { boolop?: string; args?: unknown[]; kind?: string; name?: unknown[]; lexpr?: unknown; rexpr?: unknown }>;
  if (record.BoolExpr?.boolop === 'AND_EXPR') return (record.BoolExpr.args ?? []).flatMap(equalityColumns);
  const expr = record.A_Expr;
  if (expr?.kind !== 'AEXPR_OP' || JSON.stringify(expr.name) !== '[{"String":{"sval":"="}}]') return [];
  return [expr.lexpr, expr.rexpr].flatMap((side) => {
    const fields = (side as { ColumnRef?: { fields?: Array<{ String?: { sval?: string } }> } } | undefined)?.ColumnRef?.fields;
    const last = fields?.at(-1)?.String?.sval;
    return last ? [last] : [];
  });
}
