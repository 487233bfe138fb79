/** A change set: what a review looks at, whatever the diff came from (git, a diff file, a pull request). */
export type ChangeStatus = 'added' | 'modified' | 'renamed' | 'deleted' | 'copied';

export interface LineRange {
  /** 1-based, inclusive, on the new side. */
  start: number;
  end: number;
}

export interface ChangedFile {
  /** New-side path (old path for deleted files), repository-relative, posix. */
  path: string;
  oldPath?: string;
  status: ChangeStatus;
  binary: boolean;
  /** True when only the file mode changed. */
  modeOnly: boolean;
  /** Lines added or changed on the new side. Empty for deletions, binaries and mode-only changes. */
  addedLines: LineRange[];
  /** Percentage of unchanged content for renamed and copied files, as git reports it. */
  similarity?: number;
  /** Git file modes ("100644", "100755", "120000" for a symlink) when the diff names them. */
  oldMode?: string;
  newMode?: string;
}

export interface ChangeSet {
  /** Absolute path of the repository (or unpacked tree) that holds the new side. */
  root: string;
  /** Human-readable description of where the change came from, e.g. "origin/main...HEAD + working tree". */
  description: string;
  files: ChangedFile[];
  /** Reads a file of the new side; undefined when it does not exist there. */
  readNew(path: string): Promise<string | undefined>;
  /** Reads a file of the base side; undefined when it did not exist there or the source has no base. */
  readBase(path: string): Promise<string | undefined>;
  /** Notices about the change itself (e.g. which default branch was used). */
  notices: string[];
}

export function isLineChanged(file: ChangedFile, line: number): boolean {
  return file.addedLines.some((r) => line >= r.start && line <= r.end);
}

export function rangeTouchesChange(file: ChangedFile, start: number, end: number): boolean {
  return file.addedLines.some((r) => r.start <= end && r.end >= start);
}
