/**
 * Git writes a path in double quotes with C escapes when it holds a quote, backslash, control
 * character or (unless core.quotepath=off) a non-ASCII byte: `"caf\303\251 x.ts"`. Octal escapes are
 * bytes of the UTF-8 name, so they are collected as bytes and decoded once.
 */
const SIMPLE_ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

export interface QuotedPath {
  path: string;
  /** Index in the input just after the closing quote. */
  end: number;
}

/** Reads a C-quoted path that starts at `start` (which must be `"`); undefined when it is not closed. */
export function readQuotedPath(text: string, start = 0): QuotedPath | undefined {
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') return { path: new TextDecoder().decode(new Uint8Array(bytes)), end: i + 1 };
    if (ch !== '\\') {
      const codePoint = text.codePointAt(i)!;
      const char = String.fromCodePoint(codePoint);
      bytes.push(...encoder.encode(char));
      i += char.length;
      continue;
    }
    const next = text[i + 1];
    const octal = /^[0-7]{3}/.exec(text.slice(i + 1, i + 4));
    if (octal) {
      bytes.push(parseInt(octal[0], 8));
      i += 4;
    } else if (next !== undefined && next in SIMPLE_ESCAPES) {
      bytes.push(SIMPLE_ESCAPES[next]);
      i += 2;
    } else {
      return undefined;
    }
  }
  return undefined;
}
