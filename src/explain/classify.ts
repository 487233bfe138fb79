import { fingerprint, parse } from 'libpg-query';
import { walkNodes, stringList, unwrap, type PgNode } from './parse-tree.js';
import { functionRefusal, type FunctionPolicy } from './sql-functions.js';

/**
 * Decides from the parse tree, before anything is sent to a database, whether a query may run and how:
 * reads are run (EXPLAIN ANALYZE), writes only planned (plain EXPLAIN), both in a READ ONLY transaction;
 * anything else, and any call to a function off the allow-list, is refused.
 */
export interface Classification {
  /**
   * "read": executed under EXPLAIN ANALYZE. "write" (INSERT/UPDATE/DELETE/MERGE, a data-modifying CTE,
   * SELECT … FOR UPDATE): planned with plain EXPLAIN only, because executing it — even rolled back —
   * advances sequences and fires triggers. Undefined when refused.
   */
  kind?: 'read' | 'write';
  /** The statement type, e.g. "SELECT", "DELETE", "CreateStmt". */
  statement: string;
  /** Why it must not run (empty when it may). */
  refusals: string[];
  /** libpg-query fingerprint: the same for queries that differ only in constants and whitespace. */
  fingerprint?: string;
  /** Highest `$n` used. */
  parameterCount: number;
  /** The statement's parse tree (`{ SelectStmt: … }`), for parameter analysis. */
  tree?: PgNode;
}

const RUNNABLE: Record<string, { statement: string; kind: 'read' | 'write' }> = {
  SelectStmt: { statement: 'SELECT', kind: 'read' },
  InsertStmt: { statement: 'INSERT', kind: 'write' },
  UpdateStmt: { statement: 'UPDATE', kind: 'write' },
  DeleteStmt: { statement: 'DELETE', kind: 'write' },
  MergeStmt: { statement: 'MERGE', kind: 'write' },
};

/** Why well-known non-query statements are refused; any other statement type is refused as DDL/utility. */
const REFUSED_STATEMENTS: Record<string, string> = {
  CopyStmt: 'COPY reads or writes files and programs on the server',
  TransactionStmt: 'transaction control would end the transaction that keeps the run rolled back',
  VariableSetStmt: 'SET changes the timeouts and the read-only mode Plumbline set',
  VariableShowStmt: 'SHOW is not a query to explain',
  LockStmt: 'LOCK takes table locks on the shared staging database',
  ExplainStmt: 'the query is already an EXPLAIN; give the query itself',
  CallStmt: 'CALL runs a procedure, which may commit and whose effects cannot be checked',
  DoStmt: 'DO runs an anonymous code block whose effects cannot be checked',
  NotifyStmt: 'NOTIFY signals other sessions',
  ListenStmt: 'LISTEN is not a query',
  PrepareStmt: 'PREPARE is managed by Plumbline; give the query itself',
  ExecuteStmt: 'EXECUTE runs a prepared statement Plumbline cannot see',
  VacuumStmt: 'VACUUM/ANALYZE changes the statistics of the shared staging database',
};

export async function classifySql(sql: string, policy: FunctionPolicy): Promise<Classification> {
  // libpg-query reads a C string: text after a NUL byte would be invisible to every check below.
  if (sql.includes('\0')) return { statement: 'unknown', refusals: ['contains a NUL byte, which hides the rest of the text from the parser'], parameterCount: 0 };
  let parsed: { stmts?: Array<{ stmt?: PgNode }> };
  try {
    parsed = (await parse(sql)) as typeof parsed;
  } catch (error) {
    return { statement: 'unknown', refusals: [`does not parse: ${(error as Error).message}`], parameterCount: 0 };
  }
  const stmts = parsed.stmts ?? [];
  if (stmts.length !== 1) {
    return { statement: 'multiple', refusals: [`holds ${stmts.length} statements; exactly one is run`], parameterCount: 0 };
  }
  const tree = stmts[0].stmt ?? {};
  const top = unwrap(tree);
  const type = top?.type ?? 'unknown';
  const refusals: string[] = [];
  const runnable = RUNNABLE[type];
  if (!runnable) refusals.push(REFUSED_STATEMENTS[type] ?? `${type.replace(/Stmt$/, '')} is DDL or a utility statement, not a query`);
  if (type === 'SelectStmt' && top?.fields.intoClause) refusals.push('SELECT INTO creates a table (DDL)');

  let kind = runnable?.kind;
  let parameterCount = 0;
  walkNodes(tree, (nodeType, fields) => {
    if (nodeType === 'FuncCall') {
      const qualified = stringList(fields.funcname);
      const refusal = functionRefusal(qualified.at(-1) ?? '', qualified.length > 1 ? qualified.at(-2) : undefined, policy);
      if (refusal) refusals.push(refusal);
    }
    if (nodeType === 'ParamRef') parameterCount = Math.max(parameterCount, Number(fields.number ?? 0));
    // A data-modifying CTE (WITH d AS (DELETE …) SELECT …) writes; SELECT … FOR UPDATE locks rows other sessions wait on.
    if (kind === 'read' && (RUNNABLE[nodeType]?.kind === 'write' || nodeType === 'LockingClause')) kind = 'write';
  });

  return {
    kind: refusals.length === 0 ? kind : undefined,
    statement: runnable?.statement ?? type,
    refusals: [...new Set(refusals)],
    fingerprint: await fingerprint(sql).catch(() => undefined),
    parameterCount,
    tree,
  };
}
