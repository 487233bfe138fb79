/**
 * ORM builder translation benchmark (not a test): `npx tsx bench/orm-builders.ts [chains=300]`
 * Time to translate one file of `chains` Knex, Kysely and Drizzle chains each (static read + replay on the
 * library's own compiler), per chain, so the cost per changed query can be compared with EXPLAIN's.
 */
import { Project } from 'ts-morph';
import { readDrizzleSchema } from '../src/explain/orm/drizzle/drizzle-tables.js';
import { drizzleTranslator } from '../src/explain/orm/drizzle/index.js';
import { knexTranslator } from '../src/explain/orm/knex/index.js';
import { kyselyTranslator } from '../src/explain/orm/kysely/index.js';
import type { OrmTranslator } from '../src/explain/orm/orm-query.js';

const n = Number(process.argv[2] ?? 300);
const schema = readDrizzleSchema([{ path: 'schema.ts', text: "export const orders = pgTable('orders', { id: serial('id').primaryKey(), userId: integer('user_id').notNull(), createdAt: timestamp('created_at').notNull() });" }]);
const cases: Array<[string, OrmTranslator, unknown, (i: number) => string]> = [
  ['knex', knexTranslator, { use: { wanted: '^3.1.0', compiler: '3.3.0' } }, (i) => `export const q${i} = (id: number) => knex('orders').where('user_id', id).orderBy('created_at', 'desc').limit(${i + 1});`],
  ['kysely', kyselyTranslator, { use: { wanted: '^0.28.0', compiler: '0.28.19' } }, (i) => `export const q${i} = (id: number) => db.selectFrom('orders').selectAll().where('user_id', '=', id).orderBy('created_at', 'desc').limit(${i + 1}).execute();`],
  ['drizzle', drizzleTranslator, { use: { wanted: '^0.45.0', compiler: '0.45.4' }, schema }, (i) => `export const q${i} = (id: number) => db.select().from(orders).where(eq(orders.userId, id)).orderBy(desc(orders.createdAt)).limit(${i + 1});`],
];
for (const [name, translator, prepared, line] of cases) {
  const project = new Project({ useInMemoryFileSystem: true });
  const sf = project.createSourceFile(`/${name}.ts`, Array.from({ length: n }, (_, i) => line(i)).join('\n'));
  const started = performance.now();
  const queries = translator.translate(sf, prepared);
  const ms = performance.now() - started;
  console.log(`${name.padEnd(8)} ${queries.length} chains in ${ms.toFixed(0)} ms: ${(ms / n).toFixed(2)} ms per chain`);
}
