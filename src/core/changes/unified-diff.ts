import type { ChangedFile, ChangeStatus, LineRange } from './change-set.js';
import { isHunkHeader, isStrayHunkLine, malformedDiff, readHunk } from './hunk.js';
import { toLineRanges } from './line-ranges.js';
import { diffPaths, headerPath, isEpoch, splitGitHeader, stripPrefix, type HeaderPath } from './diff-paths.js';

const DEV_NULL = '/dev/null';

export interface ParseOptions {
  /** Named in error messages, e.g. the diff file's name. */
  source?: string;
}

/** What one file's section of a diff said, before it is turned into a ChangedFile. */
interface FileSection {
  headerLine: number;
  git: boolean;
  gitPaths?: [string, string];
  minus?: HeaderPath;
  plus?: HeaderPath;
  renameFrom?: string;
  renameTo?: string;
  copyFrom?: string;
  copyTo?: string;
  similarity?: number;
  oldMode?: string;
  newMode?: string;
  newFile: boolean;
  deletedFile: boolean;
  binary: boolean;
  /** Inside a `GIT binary patch`: base85 lines until the next file. */
  inBinaryPatch: boolean;
  added: number[];
  hunks: { oldCount: number; newCount: number; oldStart: number }[];
}

/**
 * Parses unified diff text, git's (`diff --git`, extended headers, binary patches, quoted paths,
 * any prefixes) or plain `diff -u` / `diff -ruN`, into changed files with their added lines.
 * Text around the diff (a `git format-patch` mail, `Only in` lines) is ignored; a hunk whose
 * counts do not match its lines is an error naming the line.
 */
export function parseUnifiedDiff(text: string, options: ParseOptions = {}): ChangedFile[] {
  const { source } = options;
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const sections: FileSection[] = [];
  let current: FileSection | undefined;
  let afterHunk = false;

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const line = raw.replace(/\r$/, '');
    if (current?.inBinaryPatch && !line.startsWith('diff ')) continue;

    if (line.startsWith('diff --git ')) {
      current = newSection(i, true);
      current.gitPaths = splitGitHeader(line.slice('diff --git '.length));
      sections.push(current);
      afterHunk = false;
    } else if (line.startsWith('diff --cc ') || line.startsWith('diff --combined ')) {
      throw malformedDiff(i, 'combined diffs of a merge are not supported: diff the merge result against one parent', source);
    } else if (line.startsWith('--- ') && lines[i + 1]?.startsWith('+++ ')) {
      const inGitHeader = current?.git && current.hunks.length === 0 && current.minus === undefined;
      if (!inGitHeader) {
        current = newSection(i, false);
        sections.push(current);
      }
      current!.minus = headerPath(line.slice(4));
      current!.plus = headerPath(lines[i + 1].replace(/\r$/, '').slice(4));
      i++;
      afterHunk = false;
    } else if (isHunkHeader(line)) {
      if (!current || (!current.git && current.plus === undefined)) {
        throw malformedDiff(i, 'hunk without a file header: expected `diff --git` or `---`/`+++` lines before it', source);
      }
      const hunk = readHunk(lines, i, source);
      current.added.push(...hunk.added);
      current.hunks.push(hunk);
      i = hunk.next - 1;
      afterHunk = true;
    } else if (current && afterHunk && isStrayHunkLine(raw)) {
      throw malformedDiff(i, `"${raw.slice(0, 40)}" follows a complete hunk: the hunk's header counts fewer lines than it has`, source);
    } else if (line === '-- ') {
      current = undefined; // the signature of a `git format-patch` mail
    } else if (line.startsWith('Binary files ') && line.endsWith(' differ')) {
      if (!current?.git || current.hunks.length > 0) {
        current = newSection(i, false);
        sections.push(current);
        const [minus, plus] = binaryLinePaths(line);
        current.minus = { path: minus };
        current.plus = { path: plus };
      }
      current.binary = true;
    } else if (current?.git && !afterHunk) {
      readExtendedHeader(current, line);
    }
  }

  if (sections.length === 0 && text.trim() !== '') {
    throw malformedDiff(0, 'no file header found: expected `diff --git` or `---`/`+++` lines', source);
  }
  return sections.map((s) => toChangedFile(s, source));
}

/** The added lines of one file's hunks without headers, as GitHub's API returns them (`files[].patch`). */
export function addedLinesFromPatch(patch: string): LineRange[] {
  const lines = patch.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const added: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!isHunkHeader(lines[i])) {
      if (lines[i].replace(/\r$/, '').trim() === '') continue;
      throw malformedDiff(i, `expected a hunk header "@@ -start,count +start,count @@", got "${lines[i].slice(0, 40)}"`, 'the patch');
    }
    const hunk = readHunk(lines, i, 'the patch');
    added.push(...hunk.added);
    i = hunk.next - 1;
  }
  return toLineRanges(added);
}

function newSection(headerLine: number, git: boolean): FileSection {
  return { headerLine, git, newFile: false, deletedFile: false, binary: false, inBinaryPatch: false, added: [], hunks: [] };
}

function readExtendedHeader(section: FileSection, line: string): void {
  const [, key, value] = /^(old mode|new mode|deleted file mode|new file mode|rename from|rename to|copy from|copy to|similarity index|GIT binary patch)\s*(.*)$/.exec(line) ?? [];
  switch (key) {
    case 'old mode': section.oldMode = value; break;
    case 'new mode': section.newMode = value; break;
    case 'deleted file mode': section.deletedFile = true; section.oldMode = value; break;
    case 'new file mode': section.newFile = true; section.newMode = value; break;
    case 'rename from': section.renameFrom = headerPath(value).path; break;
    case 'rename to': section.renameTo = headerPath(value).path; break;
    case 'copy from': section.copyFrom = headerPath(value).path; break;
    case 'copy to': section.copyTo = headerPath(value).path; break;
    case 'similarity index': section.similarity = parseInt(value, 10); break;
    case 'GIT binary patch': section.binary = true; section.inBinaryPatch = true; break;
  }
}

/** "Binary files a/x and b/x differ": names may contain " and ", so prefer a split whose sides agree. */
function binaryLinePaths(line: string): [string, string] {
  const middle = line.slice('Binary files '.length, -' differ'.length);
  const splits: [string, string][] = [];
  for (let at = middle.indexOf(' and '); at >= 0; at = middle.indexOf(' and ', at + 1)) {
    splits.push([middle.slice(0, at), middle.slice(at + 5)]);
  }
  const agreeing = splits.find(([a, b]) => a === DEV_NULL || b === DEV_NULL || diffPaths(a, b).same);
  return agreeing ?? splits[splits.length - 1] ?? [middle, middle];
}

function toChangedFile(section: FileSection, source?: string): ChangedFile {
  const { oldPath, newPath } = section.git ? gitSectionPaths(section) : plainSectionPaths(section);
  const deleted = section.deletedFile || section.plus?.path === DEV_NULL || (!section.git && isEpochDeletion(section));
  const added = !deleted && (section.newFile || section.minus?.path === DEV_NULL || (!section.git && isEpochCreation(section)));
  const status: ChangeStatus = deleted ? 'deleted' : added ? 'added' : section.renameFrom ? 'renamed' : section.copyFrom ? 'copied' : 'modified';
  const path = deleted ? oldPath : newPath;
  if (!path) throw malformedDiff(section.headerLine, "cannot tell the file's path from its header", source);
  const modeChanged = section.oldMode !== undefined && section.newMode !== undefined && section.oldMode !== section.newMode;
  const file: ChangedFile = {
    path,
    status,
    binary: section.binary,
    modeOnly: status === 'modified' && modeChanged && section.hunks.length === 0 && !section.binary,
    addedLines: deleted || section.binary ? [] : toLineRanges(section.added),
  };
  if (oldPath && oldPath !== path) file.oldPath = oldPath;
  if (section.similarity !== undefined && (status === 'renamed' || status === 'copied')) file.similarity = section.similarity;
  if (section.oldMode) file.oldMode = section.oldMode;
  if (section.newMode) file.newMode = section.newMode;
  return file;
}

function gitSectionPaths(section: FileSection): { oldPath?: string; newPath?: string } {
  const [left, right] = section.gitPaths ?? [];
  const prefixes = left !== undefined && right !== undefined ? diffPaths(left, right).prefixes : ['a/', 'b/'];
  const fromHeader = (p: HeaderPath | undefined, prefix: string) => (p && p.path !== DEV_NULL ? stripPrefix(p.path, prefix) : undefined);
  return {
    oldPath: section.renameFrom ?? section.copyFrom ?? fromHeader(section.minus, prefixes[0]) ?? (left && stripPrefix(left, prefixes[0])),
    newPath: section.renameTo ?? section.copyTo ?? fromHeader(section.plus, prefixes[1]) ?? (right && stripPrefix(right, prefixes[1])),
  };
}

/** `diff -ruN old new` names both sides under different roots; a lone side under a/ or b/ is git-like. */
function plainSectionPaths(section: FileSection): { oldPath?: string; newPath?: string } {
  const minus = section.minus?.path;
  const plus = section.plus?.path;
  if (minus && plus && minus !== DEV_NULL && plus !== DEV_NULL) {
    const { prefixes } = diffPaths(minus, plus);
    return { oldPath: stripPrefix(minus, prefixes[0]), newPath: stripPrefix(plus, prefixes[1]) };
  }
  return {
    oldPath: minus && minus !== DEV_NULL ? stripPrefix(minus, 'a/') : undefined,
    newPath: plus && plus !== DEV_NULL ? stripPrefix(plus, 'b/') : undefined,
  };
}

// `diff -N` writes an absent side as an empty file dated at the epoch.
function isEpochCreation(section: FileSection): boolean {
  return isEpoch(section.minus?.timestamp) && section.hunks.length === 1 && section.hunks[0].oldCount === 0;
}

function isEpochDeletion(section: FileSection): boolean {
  return isEpoch(section.plus?.timestamp) && section.hunks.length === 1 && section.hunks[0].newCount === 0;
}
