import type { z } from 'zod';

/** The keys a strict object schema allows at `path` (for "unknown key (known keys: …)" messages). */
export function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] | undefined {
  let current: z.core.$ZodType | undefined = unwrap(schema);
  for (const segment of path) {
    if (!current) return undefined;
    const def = current._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
    if (def.type === 'object') current = (def.shape as Record<string, z.core.$ZodType>)[String(segment)];
    else if (def.type === 'record') current = def.valueType as z.core.$ZodType;
    else if (def.type === 'array') current = def.element as z.core.$ZodType;
    else return undefined;
    current = current && unwrap(current);
  }
  const def = current?._zod.def as (z.core.$ZodTypeDef & Record<string, unknown>) | undefined;
  return def?.type === 'object' ? Object.keys(def.shape as object) : undefined;
}

/** Through optional/default/prefault wrappers, and to the map branch of a union. */
function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let current = schema;
  for (let depth = 0; depth < 10; depth++) {
    const def = current._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
    if (def.type === 'optional' || def.type === 'default' || def.type === 'prefault' || def.type === 'nullable') {
      current = def.innerType as z.core.$ZodType;
    } else if (def.type === 'union') {
      const options = def.options as z.core.$ZodType[];
      current = options.find((o) => (unwrap(o)._zod.def as { type: string }).type === 'object') ?? current;
      if ((current._zod.def as { type: string }).type === 'union') return current;
    } else {
      return current;
    }
  }
  return current;
}
