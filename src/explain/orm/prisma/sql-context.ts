import type { Arg } from './call-arguments.js';
import { Untranslatable } from './call-arguments.js';
import type { PrismaModel, PrismaSchema } from './prisma-schema.js';
import { q, qualified } from './prisma-ddl.js';

/**
 * One statement being built: its `$n` parameters (named after the code expression), the aliases Prisma
 * numbers (`t0`, `j1`, …) and the joins a to-one relation filter adds to its FROM.
 */
export class Statement {
  readonly parameterNames: string[] = [];
  readonly joins: string[] = [];
  private alias = 0;

  constructor(readonly schema: PrismaSchema, firstAlias = 0) {
    this.alias = firstAlias;
  }

  nextAlias(prefix: 't' | 'j'): string {
    return q(`${prefix}${this.alias++}`);
  }

  /** A constant as a SQL literal, anything else as the next `$n`. */
  value(arg: Arg): string {
    if (arg.kind === 'value') {
      this.parameterNames.push(arg.text);
      return `$${this.parameterNames.length}`;
    }
    if (arg.kind !== 'const') throw new Untranslatable('a filter value is an object or a list where a value was expected');
    return literal(arg.value);
  }

  parameter(name: string): string {
    this.parameterNames.push(name);
    return `$${this.parameterNames.length}`;
  }
}

export function literal(value: string | number | boolean | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'string') return `'${value.replace(/'/g, "''")}'`;
  return String(value);
}

export function table(model: PrismaModel): string {
  return qualified(model.schema, model.table);
}

export function col(ref: string, column: string): string {
  return `${ref}.${q(column)}`;
}
