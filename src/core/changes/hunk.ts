import { UserError } from '../errors.js';

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

export interface HunkResult {
  /** New-side line numbers of the `+` lines. */
  added: number[];
  /** Index of the first line after the hunk (and its `\ No newline` markers). */
  next: number;
  oldStart: number;
  oldCount: number;
  newCount: number;
}

/** Builds the one-line error for a diff that does not parse, naming the line of the input. */
export function malformedDiff(lineIndex: number, problem: string, source?: string): UserError {
  const where = source ? `line ${lineIndex + 1} of ${source}` : `line ${lineIndex + 1}`;
  return new UserError(`malformed diff at ${where}: ${problem}`, 'expected unified diff text, as printed by `git diff` or `diff -u`');
}

export function isHunkHeader(line: string): boolean {
  return line.startsWith('@@ ');
}

/**
 * Reads the hunk whose `@@` header is at `start`. The header's counts decide where the hunk ends
 * (a hunk's lines can look like headers: `--- x` is a removed line `-- x`), so a count that
 * does not match the lines is an error rather than a guess.
 */
export function readHunk(lines: string[], start: number, source?: string): HunkResult {
  const header = lines[start].replace(/\r$/, '');
  const match = HUNK_HEADER.exec(header);
  if (!match) throw malformedDiff(start, `hunk header "${clip(header)}" is not of the form "@@ -start,count +start,count @@"`, source);
  const oldStart = Number(match[1]);
  const oldCount = match[2] === undefined ? 1 : Number(match[2]);
  const newCount = match[4] === undefined ? 1 : Number(match[4]);
  let oldLeft = oldCount;
  let newLeft = newCount;
  let newLine = Number(match[3]);
  const added: number[] = [];
  const expected = () => `${oldLeft} more old and ${newLeft} more new lines`;
  let i = start + 1;
  while (oldLeft > 0 || newLeft > 0) {
    if (i >= lines.length) {
      throw malformedDiff(start, `hunk "${clip(header)}" ends early: the diff ended with ${expected()} still due`, source);
    }
    const line = lines[i];
    const kind = line.length === 0 || line === '\r' ? ' ' : line[0];
    if (kind === ' ') {
      oldLeft--;
      newLeft--;
      newLine++;
    } else if (kind === '-') {
      oldLeft--;
    } else if (kind === '+') {
      added.push(newLine);
      newLeft--;
      newLine++;
    } else if (kind !== '\\') {
      throw malformedDiff(i, `unexpected "${clip(line)}" inside the hunk at line ${start + 1} (${expected()} were due)`, source);
    }
    if (oldLeft < 0 || newLeft < 0) {
      throw malformedDiff(i, `the hunk at line ${start + 1} has more lines than its header "${clip(header)}" declares`, source);
    }
    i++;
  }
  // `\ No newline at end of file` follows the last line of a side.
  while (i < lines.length && lines[i].startsWith('\\')) i++;
  return { added, next: i, oldStart, oldCount, newCount };
}

/** True for a line that only a hunk may contain: one a miscounted hunk leaves behind. */
export function isStrayHunkLine(line: string): boolean {
  return /^[+\- ]/.test(line) && line !== '-- ' && line.replace(/\r$/, '').trim() !== '';
}

function clip(text: string): string {
  const line = text.replace(/\r$/, '');
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}
