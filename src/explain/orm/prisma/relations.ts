import type { PrismaField, PrismaModel, PrismaSchema } from './prisma-schema.js';

/** A relation field seen from its model: `from.fromColumns[i] = to.toColumns[i]`. */
export interface Relation {
  to: PrismaModel;
  toMany: boolean;
  fromColumns: string[];
  toColumns: string[];
}

export function findModel(schema: PrismaSchema, name: string): PrismaModel | undefined {
  return schema.models.find((m) => m.name === name);
}

/** The model behind a client property: `prisma.orderItem` → `OrderItem`. */
export function modelOfDelegate(schema: PrismaSchema, property: string): PrismaModel | undefined {
  return schema.models.find((m) => m.name.charAt(0).toLowerCase() + m.name.slice(1) === property);
}

export function scalarField(model: PrismaModel, name: string, schema: PrismaSchema): PrismaField | undefined {
  const field = model.fields.find((f) => f.name === name);
  return field && !findModel(schema, field.type) ? field : undefined;
}

export function scalarFields(model: PrismaModel, schema: PrismaSchema): PrismaField[] {
  return model.fields.filter((f) => !findModel(schema, f.type));
}

export function column(model: PrismaModel, fieldName: string): string {
  return model.fields.find((f) => f.name === fieldName)?.column ?? fieldName;
}

/**
 * The relation a field stands for, from the side holding `@relation(fields, references)` or the other
 * side; undefined for implicit many-to-many relations (a hidden join table) and unknown fields.
 */
export function relationOf(schema: PrismaSchema, model: PrismaModel, fieldName: string): Relation | undefined {
  const field = model.fields.find((f) => f.name === fieldName);
  const to = field && findModel(schema, field.type);
  if (!field || !to) return undefined;
  if (field.relation) {
    return { to, toMany: false, fromColumns: field.relation.fields.map((f) => column(model, f)), toColumns: field.relation.references.map((f) => column(to, f)) };
  }
  const name = field.relationName;
  const back = to.fields.find((f) => f.type === model.name && f.relation && f !== field && (name === undefined || f.relation.name === name));
  if (!back?.relation) return undefined;
  return { to, toMany: field.list, fromColumns: back.relation.references.map((f) => column(model, f)), toColumns: back.relation.fields.map((f) => column(to, f)) };
}
