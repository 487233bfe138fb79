import path from 'node:path';
import type { Node } from 'ts-morph';
import type { FixInput, NodeEdit } from './check.js';
import type { FindingFix, TextEdit } from './finding.js';

/** Turns a check's node edits into text edits with repository-relative, 1-based positions. */
export function fixOf(input: FixInput, root: string): FindingFix {
  const edits = input.edits.map((edit) => textEditOf(edit, root)).sort((a, b) => a.line - b.line || a.column - b.column);
  return { description: input.description, safe: input.safe, edits };
}

function textEditOf(edit: NodeEdit, root: string): TextEdit {
  if ('replace' in edit) return at(edit.replace, edit.replace.getStart(), edit.replace.getEnd(), edit.text, root);
  if ('insertBefore' in edit) {
    const start = edit.insertBefore.getStart(edit.includeDoc);
    return at(edit.insertBefore, start, start, edit.text, root);
  }
  if ('within' in edit) {
    if (edit.start < edit.within.getStart() || edit.end > edit.within.getEnd() || edit.end < edit.start) throw new Error(`fix edit ${edit.start}-${edit.end} is outside its node`);
    return at(edit.within, edit.start, edit.end, edit.text, root);
  }
  return at(edit.insertAfter, edit.insertAfter.getEnd(), edit.insertAfter.getEnd(), edit.text, root);
}

function at(node: Node, start: number, end: number, text: string, root: string): TextEdit {
  const sf = node.getSourceFile();
  const from = sf.getLineAndColumnAtPos(start);
  const to = sf.getLineAndColumnAtPos(end);
  return {
    path: path.relative(root, sf.getFilePath()).split(path.sep).join('/'),
    line: from.line,
    column: from.column,
    endLine: to.line,
    endColumn: to.column,
    text,
  };
}
