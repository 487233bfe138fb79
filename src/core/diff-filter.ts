import { isLineChanged, rangeTouchesChange, type ChangeSet, type ChangedFile } from './changes/change-set.js';
import type { FindingDraft } from './finding.js';

/**
 * Keeps findings that touch a changed line. A finding may name several locations (for N+1: the
 * loop, the call in it, the query it reaches); it is kept when any of them changed.
 */
export function touchesChange(draft: FindingDraft, changedFiles: Map<string, ChangedFile>): boolean {
  const primary = changedFiles.get(draft.path);
  if (primary && rangeTouchesChange(primary, draft.line, draft.endLine)) return true;
  return (draft.related ?? []).some((r) => {
    const file = changedFiles.get(r.path);
    return file !== undefined && isLineChanged(file, r.line);
  });
}

export function changedFilesByPath(changes: ChangeSet): Map<string, ChangedFile> {
  return new Map(changes.files.filter((f) => f.status !== 'deleted').map((f) => [f.path, f]));
}
