/**
 * A small parser for what `explain` needs from schema.prisma: models (→ tables, `@@map`, `@@schema`),
 * fields (→ columns, `@map`, types, `@db.*` native types, `@default`, `@id`, `@unique`), relations
 * (`@relation(fields, references)`), `@@id`, `@@unique`, `@@index`, enums and the generator's
 * `previewFeatures`. The real Prisma parsers do not fit: `@mrleebo/prisma-ast`'s chevrotain needs
 * Node 21+ and `@prisma/prisma-schema-wasm` is a 4 MB engine build. What this parser does not
 * understand (composite `type`s, `view`s, `@ignore`d fields) is left out, and a query that needs it
 * cannot be translated.
 */
export interface PrismaSchema {
  models: PrismaModel[];
  enums: PrismaEnum[];
  /** `previewFeatures = ["relationJoins"]`: Prisma's default relation load strategy is then `join`. */
  relationJoins: boolean;
}

export interface PrismaModel {
  name: string;
  table: string;
  /** `@@schema("…")`; Prisma's default is the connection's schema, `public`. */
  schema: string;
  fields: PrismaField[];
  /** Field names of `@id` / `@@id`. */
  primaryKey: string[];
  indexes: PrismaIndex[];
}

export interface PrismaField {
  name: string;
  column: string;
  /** `String`, `Int`, an enum or a model name. */
  type: string;
  list: boolean;
  optional: boolean;
  /** `@db.Timestamptz(6)` → `Timestamptz(6)`. */
  nativeType?: string;
  /** The `@default(…)` argument text. */
  default?: string;
  /** `@relation(fields: […], references: […])` on the side that holds the key. */
  relation?: { name?: string; fields: string[]; references: string[] };
  /** `@relation("name")` without fields (the other side), to pair named relations. */
  relationName?: string;
}

export interface PrismaIndex {
  fields: Array<{ name: string; desc: boolean }>;
  unique: boolean;
  name?: string;
}

export interface PrismaEnum {
  name: string;
  /** `@@map` */
  dbName: string;
  schema: string;
  /** The database labels (`@map`), in the order of `names`. */
  values: string[];
  names: string[];
}

interface Attribute {
  name: string;
  args: { positional: string[]; named: Map<string, string> };
}

export function parsePrismaSchema(text: string): PrismaSchema {
  const schema: PrismaSchema = { models: [], enums: [], relationJoins: false };
  const source = stripComments(text);
  const blockPattern = /\b(model|enum|generator|datasource|view|type)\s+(\w+)\s*\{([^}]*)\}/g;
  for (const match of source.matchAll(blockPattern)) {
    const [, kind, name, body] = match;
    const lines = body.split('\n').map((l) => l.trim()).filter(Boolean);
    if (kind === 'model') schema.models.push(parseModel(name, lines));
    else if (kind === 'enum') schema.enums.push(parseEnum(name, lines));
    else if (kind === 'generator') {
      const preview = lines.find((l) => l.startsWith('previewFeatures'));
      if (preview && /["']relationJoins["']/.test(preview)) schema.relationJoins = true;
    }
  }
  return schema;
}

function parseModel(name: string, lines: string[]): PrismaModel {
  const model: PrismaModel = { name, table: name, schema: 'public', fields: [], primaryKey: [], indexes: [] };
  for (const line of lines) {
    if (line.startsWith('@@')) {
      const [attribute] = attributes(line.slice(1));
      if (!attribute) continue;
      const list = fieldList(attribute.args.positional[0] ?? attribute.args.named.get('fields') ?? '');
      if (attribute.name === 'map') model.table = unquote(attribute.args.positional[0]);
      else if (attribute.name === 'schema') model.schema = unquote(attribute.args.positional[0]);
      else if (attribute.name === 'id') model.primaryKey = list.map((f) => f.name);
      else if (attribute.name === 'index' || attribute.name === 'unique') {
        const mapName = attribute.args.named.get('map') ?? attribute.args.named.get('name');
        model.indexes.push({ fields: list, unique: attribute.name === 'unique', name: mapName && unquote(mapName) });
      }
      continue;
    }
    const head = /^(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/.exec(line);
    if (!head) continue;
    const [, fieldName, type, list, optional, rest] = head;
    const attrs = attributes(rest);
    if (attrs.some((a) => a.name === 'ignore')) continue;
    const field: PrismaField = { name: fieldName, column: fieldName, type, list: !!list, optional: !!optional };
    for (const attribute of attrs) {
      const first = attribute.args.positional[0];
      if (attribute.name === 'map' && first) field.column = unquote(first);
      else if (attribute.name === 'id') model.primaryKey = [fieldName];
      else if (attribute.name === 'unique') model.indexes.push({ fields: [{ name: fieldName, desc: false }], unique: true, name: mapArg(attribute) });
      else if (attribute.name === 'default' && first) field.default = first;
      else if (attribute.name.startsWith('db.')) field.nativeType = attribute.name.slice(3) + (attribute.args.positional.length ? `(${attribute.args.positional.join(', ')})` : '');
      else if (attribute.name === 'relation') {
        const relationName = attribute.args.named.get('name') ?? first;
        const fields = attribute.args.named.get('fields');
        const references = attribute.args.named.get('references');
        if (fields && references) {
          field.relation = { name: relationName && unquote(relationName), fields: fieldList(fields).map((f) => f.name), references: fieldList(references).map((f) => f.name) };
        } else if (relationName) field.relationName = unquote(relationName);
      }
    }
    model.fields.push(field);
  }
  return model;
}

function parseEnum(name: string, lines: string[]): PrismaEnum {
  const result: PrismaEnum = { name, dbName: name, schema: 'public', values: [], names: [] };
  for (const line of lines) {
    if (line.startsWith('@@')) {
      const [attribute] = attributes(line.slice(1));
      if (attribute?.name === 'map') result.dbName = unquote(attribute.args.positional[0]);
      if (attribute?.name === 'schema') result.schema = unquote(attribute.args.positional[0]);
      continue;
    }
    const value = /^(\w+)\s*(.*)$/.exec(line);
    if (!value) continue;
    const mapped = attributes(value[2]).find((a) => a.name === 'map');
    result.names.push(value[1]);
    result.values.push(mapped ? unquote(mapped.args.positional[0]) : value[1]);
  }
  return result;
}

function mapArg(attribute: Attribute): string | undefined {
  const map = attribute.args.named.get('map');
  return map && unquote(map);
}

/** `@a @b(x, y: [z]) @db.VarChar(20)` → attributes with their top-level arguments. */
function attributes(text: string): Attribute[] {
  const result: Attribute[] = [];
  const pattern = /@([\w.]+)/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text))) {
    let args = '';
    let end = pattern.lastIndex;
    if (text[end] === '(') {
      const close = closing(text, end);
      args = text.slice(end + 1, close);
      end = close + 1;
      pattern.lastIndex = end;
    }
    result.push({ name: match[1], args: splitArgs(args) });
  }
  return result;
}

function closing(text: string, open: number): number {
  let depth = 0;
  let quoted = false;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"' && text[i - 1] !== '\\') quoted = !quoted;
    if (quoted) continue;
    if (c === '(' || c === '[') depth++;
    if (c === ')' || c === ']') depth--;
    if (depth === 0) return i;
  }
  return text.length;
}

function splitArgs(text: string): Attribute['args'] {
  const positional: string[] = [];
  const named = new Map<string, string>();
  let depth = 0;
  let quoted = false;
  let start = 0;
  const push = (part: string) => {
    const trimmed = part.trim();
    if (!trimmed) return;
    const key = /^(\w+)\s*:\s*([\s\S]*)$/.exec(trimmed);
    if (key && depth === 0) named.set(key[1], key[2].trim());
    else positional.push(trimmed);
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' && text[i - 1] !== '\\') quoted = !quoted;
    if (quoted) continue;
    if (c === '(' || c === '[') depth++;
    if (c === ')' || c === ']') depth--;
    if (c === ',' && depth === 0) {
      push(text.slice(start, i));
      start = i + 1;
    }
  }
  push(text.slice(start));
  return { positional, named };
}

/** `[a, b(sort: Desc)]` → fields with their direction. */
function fieldList(text: string): PrismaIndex['fields'] {
  const inner = text.trim().replace(/^\[/, '').replace(/\]$/, '');
  return splitArgs(inner).positional.map((part) => ({ name: /^\w+/.exec(part)?.[0] ?? part, desc: /sort\s*:\s*Desc/.test(part) }));
}

function unquote(text: string | undefined): string {
  return (text ?? '').trim().replace(/^"([\s\S]*)"$/, '$1');
}

function stripComments(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      let quoted = false;
      for (let i = 0; i < line.length; i++) {
        if (line[i] === '"' && line[i - 1] !== '\\') quoted = !quoted;
        if (!quoted && line[i] === '/' && line[i + 1] === '/') return line.slice(0, i);
      }
      return line;
    })
    .join('\n');
}
