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
      return pickValue(spec.values, spec.weights);
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
      const bounds = `'{${spec.bounds.join(',')}}'::float8[]`;
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

/**
 * One of `values`, weighted: width_bucket over the cumulative weights finds the bucket a random number
 * falls in (a binary search over a float8 array constant). Array constants, never ARRAY[…] expressions,
 * which are rebuilt for every row.
 */
function pickValue(values: Array<string | number | boolean>, weights?: number[]): string {
  const type = values.every((v) => typeof v === 'number') ? 'float8' : values.every((v) => typeof v === 'boolean') ? 'boolean' : 'text';
  const array = `${literal(`{${values.map(arrayElement).join(',')}}`)}::${type}[]`;
  if (!weights) return `(${array})[1 + floor(random() * ${values.length})::int]`;
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const lowerBounds: number[] = [];
  let sum = 0;
  for (const w of weights.slice(0, values.length)) {
    lowerBounds.push(sum / total);
    sum += w;
  }
  return `(${array})[width_bucket(random(), '{${lowerBounds.join(',')}}'::float8[])]`;
}

/** An element of an array literal: quoted, with backslashes and double quotes escaped. */
function arrayElement(value: string | number | boolean): string {
  return typeof value === 'string' ? `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"` : String(value);
}

export function literal(value: string | number | boolean): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return `'${value.replace(/'/g, "''")}'`;
}
