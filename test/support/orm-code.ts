import { Project } from 'ts-morph';
import { Placeholder, finishStatement } from '../../src/explain/orm/compiled-statement.js';
import { isTranslated, type OrmTranslator } from '../../src/explain/orm/orm-query.js';

/**
 * Runs a translator over a snippet of code (an in-memory file, `files` for the others it imports) and
 * returns what it made of each ORM call: `{ line, sql, parameterNames }` or `{ line, reason }`.
 */
export function translateCode(translator: OrmTranslator, prepared: unknown, code: string, files: Record<string, string> = {}) {
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { strict: true } });
  for (const [name, text] of Object.entries(files)) project.createSourceFile(name, text);
  const sf = project.createSourceFile('/repo/src/query.ts', code);
  return translator.translate(sf, prepared).map((q) =>
    isTranslated(q) ? { line: q.node.getStartLineNumber(), sql: q.sql, parameterNames: q.parameterNames } : { line: q.node.getStartLineNumber(), reason: q.reason },
  );
}

/** A library's own output with the same finishing as the translators: constants inlined, placeholders kept. */
export function ownStatement(sql: string, params: readonly unknown[]) {
  const finished = finishStatement(sql, params, (v) => (v instanceof Placeholder ? v : undefined));
  if ('reason' in finished) throw new Error(finished.reason);
  return finished;
}

/** A value the code computes, passed to the library in the tests' own compilation. */
export const p = (name: string) => new Placeholder(name);
