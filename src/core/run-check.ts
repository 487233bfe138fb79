import { Node, type Project, type SourceFile } from 'ts-morph';
import path from 'node:path';
import type { Catalog } from './catalog.js';
import { formatMessage, type Check, type CheckContext, type ReportInput } from './check.js';
import type { FindingDraft, RelatedLocation, SourceRange } from './finding.js';
import { fixOf } from './fix-edits.js';

/** A draft plus the message id it was reported with (tests assert on ids, reports on text). */
export interface CheckFinding extends FindingDraft {
  messageId?: string;
}

export interface RunCheckInput<O> {
  check: Check<O>;
  project: Project;
  files: SourceFile[];
  root: string;
  catalog: Catalog;
  options: O;
}

/** Runs one check and turns what it reports into drafts with repository-relative positions. */
export async function runCheck<O>({ check, project, files, root, catalog, options }: RunCheckInput<O>): Promise<CheckFinding[]> {
  const findings: CheckFinding[] = [];
  const context: CheckContext<O> = {
    project,
    files,
    options,
    catalog,
    root,
    report(input: ReportInput) {
      const template = check.meta.messages[input.messageId];
      if (template === undefined) throw new Error(`${check.id}: unknown message id "${input.messageId}"`);
      findings.push({
        ruleId: check.id,
        messageId: input.messageId,
        ...rangeOf(input.node, input.endNode, root),
        message: formatMessage(template, input.data),
        severity: input.severity,
        suggestion: input.suggestion,
        fix: input.fix && fixOf(input.fix, root),
        related: input.related?.map((r) => ('node' in r ? relatedOf(r.node, r.message, root) : r)),
        fingerprintKey: input.fingerprintKey,
      });
    },
    reportAt(draft) {
      findings.push({ ruleId: check.id, ...draft });
    },
  };
  await check.run(context);
  return findings;
}

export function relativePath(filePath: string, root: string): string {
  return path.relative(root, filePath).split(path.sep).join('/');
}

export function rangeOf(node: Node, endNode: Node | undefined, root: string): SourceRange {
  const sf = node.getSourceFile();
  const start = sf.getLineAndColumnAtPos(node.getStart());
  const end = sf.getLineAndColumnAtPos((endNode ?? node).getEnd());
  return {
    path: relativePath(sf.getFilePath(), root),
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
  };
}

function relatedOf(node: Node, message: string, root: string): RelatedLocation {
  const { path: p, line, column } = rangeOf(node, undefined, root);
  return { path: p, line, column, message };
}

export { Node };
