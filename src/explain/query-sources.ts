import { parse } from 'libpg-query';
import path from 'node:path';
import type { SourceFile } from 'ts-morph';
import { findSqlQueries } from '../analysis/sql-text.js';
import type { Catalog } from '../core/catalog.js';
import { rangeTouchesChange, type ChangeSet, type ChangedFile } from '../core/changes/change-set.js';
import type { SourceRange } from '../core/finding.js';
import { annotationAbove, type QueryAnnotation } from './annotations.js';
import { ORM_TRANSLATORS, repositoryContext } from './orm/index.js';
import { isTranslated, type AsyncOrmTranslator, type OrmTranslator } from './orm/orm-query.js';

/** A query to explain, with where it sits in the code. */
export interface SourceQuery extends SourceRange {
  sql: string;
  /** What each `$n` stands for in the code (`userId`), for the report. */
  parameterNames: string[];
  /** False when constant folding had to guess a piece of the text. */
  complete: boolean;
  annotation?: QueryAnnotation;
  /** Enclosing function/method name: matches the same query on the base commit. */
  owner: string;
  origin: 'code' | 'sql-file' | 'orm';
  /** Shown with the plan (e.g. the assumption an ORM translation made). */
  notes?: string[];
  /** "2 of 3" when one ORM call sends several statements: keeps their names (and fingerprints) apart. */
  part?: string;
}

export interface ChangedQueries {
  queries: SourceQuery[];
  /** ORM calls on changed lines that could not be translated with certainty, and why. */
  notices: string[];
}

/**
 * The queries of the change: tagged templates and raw-query calls on changed lines (text folded by
 * src/analysis/sql-text.ts), ORM calls translated to the SQL their ORM sends (src/explain/orm/), and
 * the statements of changed `.sql` files that are queries. Schema and migration files are DDL, not
 * queries: skipped.
 */
export async function changedQueries(
  input: { files: SourceFile[]; changes: ChangeSet; root: string; catalog: Catalog; all: boolean; schemaFiles: string[] },
  translators: Array<OrmTranslator | AsyncOrmTranslator> = ORM_TRANSLATORS,
): Promise<ChangedQueries> {
  const changed = new Map(input.changes.files.map((f) => [f.path, f]));
  const touches = (file: ChangedFile | undefined, start: number, end: number) => input.all || (!!file && rangeTouchesChange(file, start, end));
  const queries: SourceQuery[] = [];
  for (const sf of input.files) {
    const rel = relative(input.root, sf.getFilePath());
    const lines = sf.getFullText().split(/\r?\n/);
    for (const q of findSqlQueries(sf, input.catalog)) {
      if (q.fragment) continue;
      const start = q.node.getStartLineNumber();
      const end = q.node.getEndLineNumber();
      if (!touches(changed.get(rel), start, end)) continue;
      const begin = sf.getLineAndColumnAtPos(q.node.getStart());
      const finish = sf.getLineAndColumnAtPos(q.node.getEnd());
      queries.push({
        path: rel, line: begin.line, column: begin.column, endLine: finish.line, endColumn: finish.column,
        sql: q.sql.text.trim(), parameterNames: q.sql.parameters.map((p) => p.text), complete: q.sql.complete,
        annotation: annotationAbove(lines, start), owner: ownerName(q.node), origin: 'code',
      });
    }
  }
  const notices: string[] = [];
  queries.push(...(await ormQueries(input, translators, touches, changed, notices)));
  const schema = new Set(input.schemaFiles.map((f) => relative(input.root, f)));
  for (const file of input.changes.files) {
    if (!file.path.endsWith('.sql') || file.status === 'deleted' || schema.has(file.path) || isMigration(file.path)) continue;
    const text = await input.changes.readNew(file.path);
    if (text === undefined) continue;
    for (const q of await sqlFileQueries(file.path, text)) if (touches(file, q.line, q.endLine)) queries.push(q);
  }
  return { queries, notices };
}

async function ormQueries(
  input: { files: SourceFile[]; root: string },
  translators: Array<OrmTranslator | AsyncOrmTranslator>,
  touches: (file: ChangedFile | undefined, start: number, end: number) => boolean,
  changed: Map<string, ChangedFile>,
  notices: string[],
): Promise<SourceQuery[]> {
  const context = repositoryContext(input.root);
  const queries: SourceQuery[] = [];
  for (const translator of translators) {
    const prepared = await translator.prepare(context);
    if (prepared === undefined) continue;
    for (const sf of input.files) {
      const rel = relative(input.root, sf.getFilePath());
      const lines = sf.getFullText().split(/\r?\n/);
      for (const query of await translator.translate(sf, prepared)) {
        const start = query.node.getStartLineNumber();
        if (!touches(changed.get(rel), start, query.node.getEndLineNumber())) continue;
        const begin = sf.getLineAndColumnAtPos(query.node.getStart());
        const finish = sf.getLineAndColumnAtPos(query.node.getEnd());
        if (!isTranslated(query)) {
          notices.push(`explain: not explained: the ${query.orm} call at ${rel}:${begin.line} — ${query.reason}`);
          continue;
        }
        const statements = [{ sql: query.sql, parameterNames: query.parameterNames }, ...(query.followUps ?? [])];
        statements.forEach((statement, i) => {
          queries.push({
            path: rel, line: begin.line, column: begin.column, endLine: finish.line, endColumn: finish.column,
            sql: statement.sql, parameterNames: statement.parameterNames, complete: true,
            annotation: annotationAbove(lines, start),
            owner: statements.length > 1 ? `${ownerName(query.node)} (${query.orm} query ${i + 1} of ${statements.length})` : ownerName(query.node),
            origin: 'orm',
            part: statements.length > 1 ? `${i + 1} of ${statements.length}` : undefined,
            notes: [`translated from the ${query.orm} call${statements.length > 1 ? ` (statement ${i + 1} of ${statements.length} it sends)` : ''}${query.note ? `; ${query.note}` : ''}`],
          });
        });
      }
    }
  }
  return queries;
}

/** The statements of a .sql file that are queries (SELECT/INSERT/UPDATE/DELETE/MERGE/WITH), with their lines. */
export async function sqlFileQueries(filePath: string, text: string): Promise<SourceQuery[]> {
  let parsed: { stmts?: Array<{ stmt?: Record<string, unknown>; stmt_location?: number; stmt_len?: number }> };
  try {
    parsed = (await parse(text)) as typeof parsed;
  } catch {
    return []; // not PostgreSQL (or a template): nothing to run
  }
  const lines = text.split(/\r?\n/);
  const lineAt = (offset: number) => text.slice(0, offset).split(/\r?\n/).length;
  let index = -1;
  return (parsed.stmts ?? []).flatMap((s) => {
    const type = Object.keys(s.stmt ?? {})[0] ?? '';
    if (!['SelectStmt', 'InsertStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt'].includes(type)) return [];
    index++;
    const from = s.stmt_location ?? 0;
    const raw = s.stmt_len ? text.slice(from, from + s.stmt_len) : text.slice(from);
    const lead = raw.length - raw.trimStart().length;
    const sql = raw.trim().replace(/;$/, '');
    const line = lineAt(from + lead);
    const endLine = lineAt(from + lead + sql.length);
    const last = lines[endLine - 1] ?? '';
    return [{
      path: filePath, line, column: 1, endLine, endColumn: last.length + 1, sql, parameterNames: [], complete: true,
      annotation: annotationAbove(lines, line), owner: `statement ${index}`, origin: 'sql-file' as const,
    }];
  });
}

function isMigration(p: string): boolean {
  return /(^|\/)(migrations?|schema)(\/|\.sql$)/.test(p);
}

export function ownerName(node: import('ts-morph').Node): string {
  for (let n = node.getParent(); n; n = n.getParent()) {
    const name = (n as unknown as { getName?: () => string | undefined }).getName?.();
    if (typeof name === 'string' && name) return name;
  }
  return '(top level)';
}

function relative(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}
