import { UserError } from '../../core/errors.js';
import type { ColumnSpec, TableProfile } from './profile-schema.js';

/**
 * The SQL expression that generates one column's value for row `g` of generate_series, evaluated on
 * the server so loading never ships rows over the connection.
 */
export function columnExpression(spec: ColumnSpec, tables: TableProfile[], type: string): string {
  const value = baseExpression(spec, tables);
  const typed = `(${value})::${type}`;
  return spec.nullFraction > 0 ? `CASE WHEN random() < ${spec.nullFraction} THEN NULL ELSE ${typed} END` : typed;
}

function baseExpression(spec: ColumnSpec, tables: TableProfile[]): string {
  switch (spec.kind) {
    case 'sequence':
      return `${spec.start} + (g - 1) * ${spec.step}`;
    case 'uniform':
      return spec.integer ? `${spec.min} + floor(random() * ${spec.max - spec.min + 1})` : `${spec.min} + random() * ${spec.max - spec.min}`;
    case 'normal': {
      // Box–Muller: two uniform numbers give one normally distributed one.
      let e = `${spec.mean} + ${spec.stddev} * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())`;
      if (spec.min !== undefined) e = `greatest(${spec.min}, ${e})`;
      if (spec.max !== undefined) e = `least(${spec.max}, ${e})`;
      return spec.integer ? `round(${e})` : e;
    }
    case 'zipf':
      return zipf(spec.distinct, spec.skew);
    case 'foreign-key': {
      const [tableName, column] = spec.references.split('.');
      const parent = tables.find((t) => t.table === tableName);
      const key = parent?.columns[column];
      if (!parent || key?.kind !== 'sequence' || key.start !== 1 || key.step !== 1) {
        throw new UserError(`profile: foreign key ${spec.references} must point at a table in the profile whose column is \`kind: sequence\` from 1`);
      }
      return spec.skew ? zipf(parent.rows, spec.skew) : `1 + floor(random() * ${parent.rows})`;
    }
    case 'values':
      return `(${weightedArray(spec.values, spec.weights)})[1 + floor(random() * ${slots(spec.values, spec.weights)})]`;
    case 'text': {
      const key = spec.distinct ? `floor(random() * ${spec.distinct})::bigint` : 'g';
      const text = `${literal(spec.prefix)} || ${key} || ${literal(spec.suffix)}`;
      return spec.length ? `rpad(${text}, ${spec.length}, 'abcdefghijklmnopqrstuvwxyz')` : text;
    }
    case 'timestamp':
      return `${literal(spec.from)}::timestamptz + random() * (${literal(spec.to)}::timestamptz - ${literal(spec.from)}::timestamptz)`;
    case 'boolean':
      return `random() < ${spec.trueFraction}`;
    case 'histogram': {
      // Pick a bucket, then a point inside it; the scalar subquery draws the bucket once per row (it references g).
      const bounds = `ARRAY[${spec.bounds.join(',')}]::float8[]`;
      const e = `(SELECT b[i] + random() * (b[i + 1] - b[i]) FROM (SELECT ${bounds} AS b, 1 + floor(random() * ${spec.bounds.length - 1})::int + 0 * g AS i) h)`;
      return spec.integer ? `round(${e})` : e;
    }
  }
}

/** Inverse CDF of a continuous power law over 1…n; value 1 is the most common. */
function zipf(n: number, skew: number): string {
  if (Math.abs(skew - 1) < 1e-9) return `floor(power(${n}, random()))`;
  const a = 1 - skew;
  return `least(${n}, floor(power((power(${n + 1}, ${a}) - 1) * random() + 1, ${1 / a})))`;
}

const WEIGHT_SLOTS = 1000;

/** Values repeated in proportion to their weights, so one random index picks a weighted value. */
function weightedArray(values: Array<string | number | boolean>, weights?: number[]): string {
  if (!weights) return `ARRAY[${values.map(literal).join(', ')}]`;
  const total = weights.reduce((a, b) => a + b, 0);
  const repeated = values.flatMap((v, i) => new Array(Math.max(weights[i] > 0 ? 1 : 0, Math.round(((weights[i] ?? 0) / total) * WEIGHT_SLOTS))).fill(literal(v)));
  return `ARRAY[${repeated.join(', ')}]`;
}

function slots(values: unknown[], weights?: number[]): number {
  if (!weights) return values.length;
  const total = weights.reduce((a, b) => a + b, 0);
  return values.reduce<number>((n, _v, i) => n + Math.max(weights[i] > 0 ? 1 : 0, Math.round(((weights[i] ?? 0) / total) * WEIGHT_SLOTS)), 0);
}

export function literal(value: string | number | boolean): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return `'${value.replace(/'/g, "''")}'`;
}
