import { access, chmod, constants, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { applyFixes } from './apply-edits.js';
import { UserError } from './errors.js';
import type { Finding } from './finding.js';
import type { ReviewResult } from './review-result.js';
import { digestOf } from './source-digest.js';
import { writeFileAtomic } from './write-file-atomic.js';

export interface FixedFiles {
  /** Findings whose fix was written. */
  applied: Finding[];
  /** Repository-relative paths that were rewritten. */
  files: string[];
  /** One line per fix or file left alone, and why. */
  notes: string[];
}

/**
 * `plumbline review --fix`: writes the safe fixes of the result's findings into the files under `root`.
 * A file whose text is not the one analysed is left alone (its positions would be wrong); of
 * overlapping fixes the first is applied (`applyFixes`). Every file is checked writable before any is
 * written, so a read-only file fails the command (UserError) with nothing half done.
 */
export async function applySafeFixes(root: string, result: ReviewResult): Promise<FixedFiles> {
  const byPath = new Map<string, Finding[]>();
  const notes: string[] = [];
  for (const f of result.findings) {
    if (!f.fix?.safe || f.fix.edits.length === 0) continue;
    if (f.fix.edits.some((e) => e.path !== f.path)) {
      notes.push(`${f.path}:${f.line} ${f.ruleId}: not fixed: its fix edits other files`);
      continue;
    }
    byPath.set(f.path, [...(byPath.get(f.path) ?? []), f]);
  }
  for (const file of byPath.keys()) await assertFixable(path.join(root, file), file);

  const applied: Finding[] = [];
  const files: string[] = [];
  for (const [file, findings] of byPath) {
    const absolute = path.join(root, file);
    const text = await readFile(absolute, 'utf8');
    if (digestOf(text) !== result.sourceDigests?.[file]) {
      notes.push(`${file}: not fixed: it changed since it was analysed (run the review again)`);
      continue;
    }
    const outcome = applyFixes(text, findings, (f) => f.fix!);
    for (const { item, reason } of outcome.skipped) notes.push(`${file}:${item.line} ${item.ruleId}: not fixed: ${reason} (run --fix again)`);
    if (outcome.applied.length === 0) continue;
    const { mode } = await stat(absolute);
    await writeFileAtomic(absolute, outcome.text, file);
    await chmod(absolute, mode);
    applied.push(...outcome.applied);
    files.push(file);
  }
  return { applied, files, notes };
}

/** A read-only file is refused even for root, who could write it anyway: the user marked it so. */
async function assertFixable(absolute: string, shown: string): Promise<void> {
  const found = await stat(absolute).catch(() => undefined);
  if (!found?.isFile()) throw new UserError(`cannot fix ${shown}: it is not a file in the working tree`);
  const writable = (found.mode & 0o222) !== 0 && (await access(absolute, constants.W_OK).then(() => true, () => false));
  if (!writable) throw new UserError(`cannot fix ${shown}: the file is read-only`, 'make it writable, or run without --fix');
}
