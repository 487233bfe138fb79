import { code } from './builder-chain.js';

/**
 * The library compiled the replayed chain with every value bound (`$1`, `$2`, …). Constants of the code are
 * inlined back as SQL literals — the planner sees them as the ORM's first executions do — and only the
 * values the code computes stay parameters, renumbered, named after their expression.
 */
export class Placeholder {
  constructor(readonly name: string) {}
  /** What shows up if a library stringifies it (a table or column name built at run time). */
  toString(): string {
    return `${MARK}${this.name}${MARK}`;
  }

  toJSON(): string {
    return this.toString();
  }
}

const MARK = '@@plumbline-placeholder@@';

/** The name of a placeholder a library wrote into a name (or an error message about one). */
export function placeholderInText(text: string): string | undefined {
  const start = text.indexOf(MARK);
  if (start < 0) return undefined;
  const end = text.indexOf(MARK, start + MARK.length);
  return text.slice(start + MARK.length, end < 0 ? undefined : end);
}

export type Finished = { sql: string; parameterNames: string[] } | { reason: string };

export function finishStatement(sql: string, params: readonly unknown[], placeholderOf: (value: unknown) => Placeholder | undefined): Finished {
  const name = placeholderInText(sql);
  if (name !== undefined) {
    return { reason: `${code(name)} is computed at run time where the query needs a name (table, column or direction)` };
  }
  const names: string[] = [];
  const renumbered = new Map<number, string>();
  for (const [i, value] of params.entries()) {
    const placeholder = placeholderOf(value);
    if (placeholder) {
      names.push(placeholder.name);
      renumbered.set(i + 1, `$${names.length}`);
      continue;
    }
    const literal = sqlLiteral(value);
    if (literal === undefined) return { reason: `the value \`${String(value)}\` cannot be written as SQL text` };
    renumbered.set(i + 1, literal);
  }
  return { sql: replaceParameters(sql, (n) => renumbered.get(n) ?? `$${n}`), parameterNames: names };
}

function sqlLiteral(value: unknown): string | undefined {
  if (value === null) return 'NULL';
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return `'${value.replace(/'/g, "''")}'`;
  return undefined;
}

/** `$n` outside quoted identifiers and string constants. */
export function replaceParameters(sql: string, replace: (n: number) => string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (c === '"' || c === "'") {
      const end = sql.indexOf(c, i + 1);
      const stop = end < 0 ? sql.length : end + 1;
      out += sql.slice(i, stop);
      i = stop;
    } else if (c === '$' && /\d/.test(sql[i + 1] ?? '')) {
      const digits = /^\d+/.exec(sql.slice(i + 1))![0];
      out += replace(Number(digits));
      i += 1 + digits.length;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
