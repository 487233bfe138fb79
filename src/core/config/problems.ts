import type { z } from 'zod';
import { UserError } from '../errors.js';
import type { YamlSource } from './yaml-source.js';

/** One thing wrong with a config (or checklist) file: where, which key, what. */
export interface ConfigProblem {
  source: string;
  line?: number;
  /** Dotted key path, e.g. `rules.silent-failure`; empty for the whole file. */
  key: string;
  message: string;
}

export interface PathProblem {
  path: PropertyKey[];
  message: string;
}

/** Turns zod issues into readable problems: unknown keys one by one, unions resolved to the branch the value was meant for. */
export function problemsFromZod(issues: readonly z.core.$ZodIssue[], value: unknown, knownKeys: (path: PropertyKey[]) => string[] | undefined): PathProblem[] {
  const problems: PathProblem[] = [];
  const visit = (issue: z.core.$ZodIssue, prefix: PropertyKey[]) => {
    const path = [...prefix, ...issue.path];
    const actual = valueAt(value, path);
    switch (issue.code) {
      case 'unrecognized_keys': {
        const known = knownKeys(path);
        for (const key of issue.keys) {
          problems.push({ path: [...path, key], message: `unknown key${known ? ` (known keys: ${known.join(', ')})` : ''}` });
        }
        return;
      }
      case 'invalid_union': {
        // The branch whose type matched the value (a map for `{ severity, options }`) has the useful message.
        const meant = issue.errors.filter((branch) => !branch.some((i) => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'invalid_value')));
        if (meant.length === 1) {
          for (const inner of meant[0]) visit(inner, path);
          return;
        }
        problems.push({ path, message: `${issue.message}, got ${describe(actual)}` });
        return;
      }
      case 'invalid_type':
        problems.push({ path, message: `expected ${article(issue.expected)}, got ${describe(actual)}` });
        return;
      case 'invalid_value':
        problems.push({ path, message: `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describe(actual)}` });
        return;
      case 'too_small':
        problems.push({ path, message: issue.origin === 'string' ? 'must not be empty' : issue.message });
        return;
      default:
        problems.push({ path, message: issue.message });
    }
  };
  for (const issue of issues) visit(issue, []);
  return problems;
}

export function locate(problems: readonly PathProblem[], yaml: Pick<YamlSource, 'source' | 'lineOf'>): ConfigProblem[] {
  return problems.map((p) => ({ source: yaml.source, line: yaml.lineOf(p.path), key: keyPath(p.path), message: p.message }));
}

/** `rules.silent-failure`, `include[1]`. */
export function keyPath(path: readonly PropertyKey[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? String(s) : `.${String(s)}`)).join('');
}

export function formatProblem(p: ConfigProblem): string {
  const where = p.line === undefined ? p.source : `${p.source}:${p.line}`;
  return p.key ? `${where}: ${p.key}: ${p.message}` : `${where}: ${p.message}`;
}

/** All problems in one UserError: one line for one problem, a list for several. */
export function problemsError(problems: readonly ConfigProblem[], what = 'configuration'): UserError {
  const sorted = [...problems].sort((a, b) => a.source.localeCompare(b.source) || (a.line ?? 0) - (b.line ?? 0));
  if (sorted.length === 1) return new UserError(`invalid ${what}: ${formatProblem(sorted[0])}`);
  const files = [...new Set(sorted.map((p) => p.source))].join(', ');
  return new UserError(`invalid ${what} in ${files} (${sorted.length} problems):\n${sorted.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
}

export function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function article(expected: string): string {
  const names: Record<string, string> = { object: 'a map', array: 'a list', string: 'a string', number: 'a number', boolean: 'true or false' };
  return names[expected] ?? expected;
}
