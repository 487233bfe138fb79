import { normalize } from 'libpg-query';

/**
 * Prisma's SQL and a translation in one comparable form: constants and parameters alike become `?`
 * (Prisma binds every value, even `LIMIT 50`; translations inline constants), `IN (?, ?, …)` one `?`
 * (Prisma binds one per parent row), the no-op `1=1` conjuncts dropped, and the aliases Prisma numbers
 * (`t0`, `j1`, `aggr_selection_0_…`) renumbered in order of appearance.
 */
export async function sqlNormalForm(sql: string): Promise<string> {
  const withoutNoops = sql.replace(/ WHERE 1=1(?= |$)/g, '').replace(/ AND 1=1\)/g, ')');
  const normalized = await normalize(withoutNoops);
  const aliases = new Map<string, string>();
  return normalized
    .replace(/\$\d+/g, '?')
    .replace(/IN \(\?(?:,\s*\?)*\)/g, 'IN (?)')
    .replace(/"([tj])\d+"/g, (_m, prefix: string) => {
      const key = _m;
      if (!aliases.has(key)) aliases.set(key, `"${prefix}${aliases.size}"`);
      return aliases.get(key)!;
    })
    .replace(/\s+/g, ' ')
    .trim();
}
