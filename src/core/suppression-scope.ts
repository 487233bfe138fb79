import { Node, type SourceFile } from 'ts-morph';
import type { Suppression } from './suppressions.js';

/**
 * A suppression above a statement covers the whole statement: `plumbline-ignore-next-line n-plus-one`
 * above a `for` loop silences the N+1 reported on the call inside it. The statement is the outermost
 * node that starts on the suppressed line (a loop, a declaration, a class member); files without a
 * syntax tree (`.sql`) keep the single line.
 */
export function widenToStatements(suppressions: Suppression[], sourceFiles: ReadonlyMap<string, SourceFile>): Suppression[] {
  return suppressions.map((s) => {
    const file = sourceFiles.get(s.path);
    const endLine = file ? statementEndLine(file, s.line) : undefined;
    return endLine && endLine > s.line ? { ...s, endLine } : s;
  });
}

function statementEndLine(file: SourceFile, line: number): number | undefined {
  const text = file.getFullText();
  const lineStart = file.compilerNode.getPositionOfLineAndCharacter(line - 1, 0);
  const offset = lineStart + (/^[ \t]*/.exec(text.slice(lineStart))?.[0].length ?? 0);
  let node: Node | undefined = file.getDescendantAtPos(offset);
  let outermost: Node | undefined;
  while (node && !Node.isSourceFile(node) && node.getStartLineNumber() === line) {
    outermost = node;
    node = node.getParent();
  }
  return outermost?.getEndLineNumber();
}
