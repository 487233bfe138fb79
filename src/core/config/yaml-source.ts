import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { UserError } from '../errors.js';

/** A parsed YAML file that can say on which line a value (or a key) sits, for error messages. */
export interface YamlSource {
  /** Name shown in errors: the repository-relative path, or whatever the caller passed. */
  source: string;
  value: unknown;
  /** Line of the key that names the value at `path` (or of the list item); the nearest existing ancestor when missing. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

/** Parses YAML text; a syntax error is one line: `file:line:column: YAML syntax error: …`. */
export function parseYamlSource(text: string, source: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const [error] = doc.errors;
  if (error) {
    const at = error.linePos?.[0] ?? lineCounter.linePos(error.pos[0]);
    const reason = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    throw new UserError(`${source}:${at.line}:${at.col}: YAML syntax error: ${reason}`);
  }
  return {
    source,
    value: doc.toJS({ maxAliasCount: 100 }),
    lineOf: (path) => {
      const offset = offsetOf(doc, path);
      return offset === undefined ? undefined : lineCounter.linePos(offset).line;
    },
  };
}

function offsetOf(doc: Document, path: readonly PropertyKey[]): number | undefined {
  let node: unknown = doc.contents;
  let offset = rangeStart(node);
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && keyText(p.key) === String(segment));
      if (!pair) break;
      offset = rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment] !== undefined) {
      node = node.items[segment];
      offset = rangeStart(node) ?? offset;
    } else {
      break;
    }
  }
  return offset;
}

function keyText(key: unknown): string | undefined {
  return isScalar(key) ? String(key.value) : undefined;
}

function rangeStart(node: unknown): number | undefined {
  return (node as YamlNode | null)?.range?.[0];
}
