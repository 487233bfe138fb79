import { readQuotedPath } from './quoted-path.js';

/** A path from a `---`/`+++` line (or an extended header), with the timestamp plain `diff` adds after a tab. */
export interface HeaderPath {
  path: string;
  timestamp?: string;
}

export function headerPath(text: string): HeaderPath {
  const value = text.replace(/\r$/, '');
  if (value.startsWith('"')) {
    const quoted = readQuotedPath(value);
    if (quoted) return { path: quoted.path, timestamp: value.slice(quoted.end).trim() || undefined };
  }
  // Git ends a name holding a space with a tab (so `patch` does not read a date into it); `diff` puts the date there.
  const tab = value.indexOf('\t');
  return tab < 0 ? { path: value } : { path: value.slice(0, tab), timestamp: value.slice(tab + 1).trim() || undefined };
}

/**
 * Splits `diff --git <old> <new>`. Unquoted names may hold spaces, so, like `git apply`, it takes the
 * split whose two sides name the same file; for a rename with spaces it gives up and the
 * `rename from`/`rename to` lines decide.
 */
export function splitGitHeader(rest: string): [string, string] | undefined {
  const text = rest.replace(/\r$/, '');
  if (text.startsWith('"')) {
    const first = readQuotedPath(text);
    if (!first || text[first.end] !== ' ') return undefined;
    const second = headerPath(text.slice(first.end + 1)).path;
    return [first.path, second];
  }
  const quotedSecond = text.indexOf(' "');
  if (quotedSecond >= 0) {
    const second = readQuotedPath(text, quotedSecond + 1);
    if (second) return [text.slice(0, quotedSecond), second.path];
  }
  const spaces = [...text.matchAll(/ /g)].map((m) => m.index!);
  for (const at of spaces) {
    const left = text.slice(0, at);
    const right = text.slice(at + 1);
    if (diffPaths(left, right).same) return [left, right];
  }
  return spaces.length === 1 ? [text.slice(0, spaces[0]), text.slice(spaces[0] + 1)] : undefined;
}

/**
 * Compares the two names of one file. Equal names have no prefix (`--no-prefix`); names that differ
 * only in their first directory carry prefixes (`a/` `b/`, mnemonic `i/` `w/`, or `diff -r old new`).
 */
export function diffPaths(left: string, right: string): { same: boolean; prefixes: [string, string] } {
  if (left === right) return { same: true, prefixes: ['', ''] };
  const l = left.indexOf('/');
  const r = right.indexOf('/');
  if (l > 0 && r > 0 && left.slice(l) === right.slice(r) && left.length > l + 1) {
    return { same: true, prefixes: [left.slice(0, l + 1), right.slice(0, r + 1)] };
  }
  // A rename: only git's default prefixes can be recognised.
  return { same: false, prefixes: left.startsWith('a/') && right.startsWith('b/') ? ['a/', 'b/'] : ['', ''] };
}

export function stripPrefix(path: string, prefix: string): string {
  return prefix && path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

/** `diff -N` dates an absent file at the epoch (in the local time zone, so possibly 1969-12-31). */
export function isEpoch(timestamp: string | undefined): boolean {
  return timestamp !== undefined && /^(1970-01-01|1969-12-31)/.test(timestamp);
}
