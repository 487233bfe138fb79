/**
 * `// plumbline-explain: name=recent-orders $1=42 $2='paid' budget=50` (or `-- plumbline-explain: …` in
 * .sql files, or skip) on the lines right above a query: its name, parameter values and time budget.
 */
export interface QueryAnnotation {
  name?: string;
  values: Map<number, string | null>;
  budgetMs?: number;
  skip: boolean;
}

const MARKER = /(?:\/\/|--|\/\*|\*)\s*plumbline-explain:?\s*(.*?)(?:\*\/)?\s*$/;
const TOKEN = /(\$?\w+)=('(?:[^']|'')*'|"[^"]*"|\S+)|(\bskip\b)/g;

/** The annotation in the (at most three) comment lines directly above `line` (1-based). */
export function annotationAbove(lines: string[], line: number): QueryAnnotation | undefined {
  for (let i = line - 2; i >= Math.max(0, line - 4); i--) {
    const m = MARKER.exec(lines[i] ?? '');
    if (m) return parseAnnotation(m[1]);
    if (!/^\s*(\/\/|--|\/\*|\*)/.test(lines[i] ?? '')) break;
  }
  return undefined;
}

export function parseAnnotation(text: string): QueryAnnotation {
  const result: QueryAnnotation = { values: new Map(), skip: false };
  for (const m of text.matchAll(TOKEN)) {
    if (m[3]) {
      result.skip = true;
      continue;
    }
    const [key, raw] = [m[1], m[2]];
    const value = raw.startsWith("'") ? raw.slice(1, -1).replace(/''/g, "'") : raw.startsWith('"') ? raw.slice(1, -1) : raw;
    if (key === 'name') result.name = value;
    else if (key === 'budget') result.budgetMs = Number(value);
    else if (/^\$\d+$/.test(key)) result.values.set(Number(key.slice(1)), value.toUpperCase() === 'NULL' ? null : value);
  }
  return result;
}
