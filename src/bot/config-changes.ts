import { inlineCode } from '../report/markdown-escape.js';

const MAX_LINES = 20;

/**
 * What the PR's version of the config would change, key by key ("rules.n-plus-one: error → off"),
 * for the summary: the review itself uses the base branch's version.
 */
export function configChanges(base: Record<string, unknown>, head: Record<string, unknown>): string[] {
  const before = flatten(base);
  const after = flatten(head);
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort();
  const lines: string[] = [];
  for (const key of keys) {
    const a = before.get(key);
    const b = after.get(key);
    if (a === b) continue;
    lines.push(`${inlineCode(key)}: ${a === undefined ? '(unset)' : inlineCode(a)} → ${b === undefined ? '(unset)' : inlineCode(b)}`);
  }
  return lines.length > MAX_LINES ? [...lines.slice(0, MAX_LINES), `… and ${lines.length - MAX_LINES} more`] : lines;
}

function flatten(value: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) {
    out.set(prefix, JSON.stringify(value));
  }
  return out;
}
