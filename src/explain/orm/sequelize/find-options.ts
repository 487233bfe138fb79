import type { Node, Type } from 'ts-morph';
import { Op, type Model, type ModelStatic, type Sequelize } from 'sequelize';
import { short, untranslatable } from '../sql-values.js';
import { CodeRef, isPlainObject, TypeRef, type CodeValue } from './code-value.js';

/**
 * A finder's options read from the code (code-value.ts) turned into the options Sequelize receives: only the
 * keys below, constants as they are, every value the code computes as a `sequelize.literal` marker that
 * becomes `$n` in the captured SQL (a slot). What could change the statement in a way the code does not show
 * (a where built at run time, a list of run-time length, raw fragments, `separate` includes) is refused.
 */
const SQL_KEYS = new Set(['where', 'include', 'order', 'limit', 'offset', 'attributes', 'paranoid', 'subQuery', 'raw', 'distinct', 'col', 'group']);
/** Options that never change the SQL: their values are not read. */
const INERT_KEYS = new Set(['transaction', 'logging', 'benchmark', 'useMaster', 'rejectOnEmpty', 'nest', 'plain', 'type', 'mapToModel']);
const INCLUDE_KEYS = new Set(['model', 'as', 'association', 'required', 'right', 'where', 'attributes', 'include', 'through', 'paranoid', 'duplicating', 'all', 'nested', 'on']);
const LIST_OPERATORS = new Set<symbol>([Op.in, Op.notIn]);
const COMBINERS = new Set<symbol>([Op.and, Op.or, Op.not]);

export interface Slots {
  /** The code text of each slot, by marker index. */
  names: string[];
  /** Whether each is a string, number or boolean (or untyped) rather than a Date: findOne's LIMIT 1 depends on it. */
  primitive: boolean[];
}

export const SLOT_MARK = '@@plumbline-slot-';

export interface ConvertContext {
  sequelize: Sequelize;
  slots: Slots;
  /** The model a reference in the code stands for, or a reason why it is not usable. */
  model(ref: CodeRef): ModelStatic<Model>;
}

export function findOptions(value: CodeValue, context: ConvertContext): Record<string, unknown> {
  if (value === undefined) return {};
  if (!isPlainObject(value)) untranslatable(`the options are built at run time (\`${short(text(value))}\`)`);
  const out: Record<string, unknown> = {};
  for (const [key, option] of Object.entries(value)) {
    if (INERT_KEYS.has(key)) continue;
    if (!SQL_KEYS.has(key)) untranslatable(`the option \`${key}\` is not translated`);
    out[key] = option_(key, option, context);
  }
  return out;
}

function option_(key: string, value: CodeValue, context: ConvertContext): unknown {
  switch (key) {
    case 'where': return where(value, context);
    case 'include': return (Array.isArray(value) ? value : [value]).map((item) => include(item, context));
    case 'order': return order(value, context);
    case 'attributes': return attributes(value);
    case 'limit':
    case 'offset':
      if (value instanceof CodeRef) return slot(value, context);
      return constant(value, key);
    default: return constant(value, key);
  }
}

function where(value: CodeValue, context: ConvertContext): unknown {
  if (value instanceof CodeRef) untranslatable(`the where \`${short(value.text)}\` is built at run time`);
  if (Array.isArray(value)) return value.map((v) => where(v, context));
  if (!isPlainObject(value)) untranslatable(`the where \`${short(text(value))}\` is not an object`);
  const out: Record<string | symbol, unknown> = {};
  for (const key of Object.keys(value)) out[key] = condition(value[key], key, context);
  for (const op of Object.getOwnPropertySymbols(value)) {
    if (!COMBINERS.has(op)) untranslatable(`\`${String(op.description)}\` is not translated at the top of a where`);
    out[op] = where(value[op], context);
  }
  return out;
}

/** The value of `{ column: value }`: a constant, a slot (`= $n`), a list, or operators. */
function condition(value: CodeValue, column: string, context: ConvertContext): unknown {
  if (value instanceof CodeRef) return { [Op.eq]: slot(value, context) };
  if (Array.isArray(value)) return value.map((item) => scalar(item, column, context));
  if (!isPlainObject(value)) return constant(value, column);
  const out: Record<string | symbol, unknown> = {};
  for (const key of Object.keys(value)) out[key] = condition(value[key], `${column}.${key}`, context);
  for (const op of Object.getOwnPropertySymbols(value)) {
    const operand = value[op];
    if (COMBINERS.has(op)) out[op] = Array.isArray(operand) ? operand.map((o) => condition(o, column, context)) : condition(operand, column, context);
    else if (LIST_OPERATORS.has(op) && operand instanceof CodeRef) {
      untranslatable(`\`${column}: { [Op.${String(op.description)}]: ${short(operand.text)} }\` sends one value per element, so its text depends on the list's length at run time`);
    } else out[op] = Array.isArray(operand) ? operand.map((o) => scalar(o, column, context)) : scalar(operand, column, context);
  }
  return out;
}

function scalar(value: CodeValue, column: string, context: ConvertContext): unknown {
  if (value instanceof CodeRef) return slot(value, context);
  return constant(value, column);
}

function include(value: CodeValue, context: ConvertContext): unknown {
  if (value instanceof CodeRef) return { model: context.model(value) };
  if (typeof value === 'string') return value;
  if (!isPlainObject(value)) untranslatable(`the include \`${short(text(value))}\` is not read`);
  if ('separate' in value) untranslatable('an include with `separate` sends its own statement after the first returns');
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (!INCLUDE_KEYS.has(key)) untranslatable(`the include option \`${key}\` is not translated`);
    if (key === 'model') {
      if (!(v instanceof CodeRef)) untranslatable('the include `model` is not a model reference');
      out.model = context.model(v);
    } else if (key === 'where' || key === 'on') out[key] = where(v, context);
    else if (key === 'include') out.include = (Array.isArray(v) ? v : [v]).map((item) => include(item, context));
    else if (key === 'attributes') out.attributes = attributes(v);
    else if (key === 'through') {
      if (!isPlainObject(v)) untranslatable('the include `through` is not an object literal');
      out.through = Object.fromEntries(Object.entries(v).map(([k, t]) => {
        if (k !== 'attributes' && k !== 'where' && k !== 'paranoid') untranslatable(`the through option \`${k}\` is not translated`);
        return [k, k === 'where' ? where(t, context) : k === 'attributes' ? attributes(t) : constant(t, k)];
      }));
    } else out[key] = constant(v, key);
  }
  return out;
}

function order(value: CodeValue, context: ConvertContext): unknown {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value)) untranslatable(`the order \`${short(text(value))}\` is built at run time`);
  return value.map((item) => {
    if (typeof item === 'string') return item;
    if (!Array.isArray(item)) untranslatable(`the order item \`${short(text(item))}\` is not read`);
    return item.map((part, i) => {
      if (part instanceof CodeRef) {
        if (i === item.length - 1) untranslatable(`the sort direction \`${short(part.text)}\` is chosen at run time`);
        return context.model(part);
      }
      if (isPlainObject(part) && part.model instanceof CodeRef) return { ...constantObject(part, 'order'), model: context.model(part.model) };
      return constant(part, 'order');
    });
  });
}

function attributes(value: CodeValue): unknown {
  if (isPlainObject(value)) return constantObject(value, 'attributes');
  if (!Array.isArray(value)) untranslatable(`the attributes \`${short(text(value))}\` are chosen at run time`);
  return value.map((a) => constant(a, 'attributes'));
}

function constantObject(value: Record<string | symbol, CodeValue>, what: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'model').map(([k, v]) => [k, constant(v, what)]));
}

function constant(value: CodeValue, what: string): unknown {
  if (value instanceof CodeRef) untranslatable(`\`${what}\` is computed at run time (\`${short(value.text)}\`)`);
  if (value instanceof TypeRef) untranslatable(`\`${what}\` holds a data type`);
  if (Array.isArray(value)) return value.map((v) => constant(v, what));
  if (isPlainObject(value)) {
    if (Object.getOwnPropertySymbols(value).length) untranslatable(`\`${what}\` holds an operator`);
    return constantObject(value, what);
  }
  return value;
}

/** A run-time value: a marker literal Sequelize copies into the SQL as it is. */
function slot(ref: CodeRef, context: ConvertContext): unknown {
  const kind = valueKind(ref.node);
  if (kind === 'list') untranslatable(`\`${short(ref.text)}\` is a list: Sequelize sends one value per element, so the text depends on its length at run time`);
  if (kind === 'object') untranslatable(`\`${short(ref.text)}\` is an object, which Sequelize reads as operators or a JSON path`);
  context.slots.names.push(ref.text.replace(/\s+/g, ' '));
  context.slots.primitive.push(kind === 'scalar');
  return context.sequelize.literal(`${SLOT_MARK}${context.slots.names.length - 1}@@`);
}

/** What the checker says about a value: a list or object changes the SQL Sequelize writes for it. */
function valueKind(node: Node): 'scalar' | 'date' | 'list' | 'object' {
  const kinds = members(node.getType()).map((type) => {
    if (type.isArray() || type.isTuple()) return 'list';
    if (type.isAny() || type.isUnknown() || type.isString() || type.isNumber() || type.isBoolean() || type.isLiteral() || type.isEnum() || type.isEnumLiteral() || type.isNull() || type.isUndefined() || type.isBooleanLiteral()) return 'scalar';
    if (type.getSymbol()?.getName() === 'Date') return 'date';
    return type.isObject() ? 'object' : 'scalar';
  });
  return kinds.includes('list') ? 'list' : kinds.includes('object') ? 'object' : kinds.includes('date') ? 'date' : 'scalar';
}

function members(type: Type): Type[] {
  return type.isUnion() ? type.getUnionTypes() : [type];
}

function text(value: CodeValue): string {
  if (value instanceof CodeRef) return value.text;
  if (value instanceof TypeRef) return value.name;
  return JSON.stringify(value) ?? String(value);
}

