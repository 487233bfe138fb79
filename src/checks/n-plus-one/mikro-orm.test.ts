import { describe, expect, it } from 'vitest';
import { runCheckOn } from '../../../test/support/check-harness.js';
import { checkTester, type InvalidCase, type ValidCase } from '../../../test/support/check-tester.js';
import nPlusOne from './index.js';

/**
 * MikroORM as its own library (issue 12: medusa's EntityManager calls were named TypeORM, so the fix was
 * TypeORM's `In()`). Each case runs with the real @mikro-orm/core declarations and without node_modules
 * (a package.json or the import says which library `manager.findOne` belongs to).
 */
const MIKRO = `import { EntityManager } from '@mikro-orm/core';\nclass User { id!: string; name!: string }\n`;
const PKG = { 'package.json': '{ "dependencies": { "@mikro-orm/core": "^6.0.0", "@mikro-orm/postgresql": "^6.0.0" } }' };

const invalidCases: Array<InvalidCase<typeof nPlusOne>> = [
  {
    name: 'em.findOne per element',
    code: `${MIKRO}export async function load(em: EntityManager, ids: string[]) {\n  for (const id of ids) await em.findOne(User, { id });\n}\n`,
    errors: [{ line: 4, column: 31, messageId: 'queryInLoop', message: ['`em.findOne` (MikroORM)', '`em.find(Entity, { id: { $in: ids } })`', '`populate`'] }],
  },
  {
    name: 'a MikroORM repository read per element, inside Promise.all',
    code: `import { EntityRepository } from '@mikro-orm/core';\nclass User { id!: string }\nexport class Users {\n  constructor(private readonly userRepository: EntityRepository<User>) {}\n  load(ids: string[]) {\n    return Promise.all(ids.map((id) => this.userRepository.findOne({ id })));\n  }\n}\n`,
    errors: [{ line: 6, column: 40, messageId: 'queryInLoop', message: ['`userRepository.findOne` (MikroORM)', '{ $in: ids }'] }],
  },
  {
    name: 'em.nativeUpdate per element is a write, with the batched write as the fix',
    code: `${MIKRO}export async function rename(em: EntityManager, rows: User[]) {\n  for (const row of rows) await em.nativeUpdate(User, { id: row.id }, { name: row.name });\n}\n`,
    errors: [{ line: 4, column: 33, messageId: 'queryInLoop', message: ['`em.nativeUpdate` (MikroORM)', '`em.insertMany(Entity, rows)`', 'one `em.flush()` after it'] }],
  },
  {
    name: 'a flush per element sends one unit of work per element',
    code: `${MIKRO}export async function save(em: EntityManager, rows: User[]) {\n  for (const row of rows) {\n    em.persist(row);\n    await em.flush();\n  }\n}\n`,
    errors: [{ line: 6, column: 11, messageId: 'queryInLoop', message: ['`em.flush` (MikroORM)'] }],
  },
  {
    name: 'a query builder executed per element',
    code: `${MIKRO}export async function load(em: EntityManager, ids: string[]) {\n  for (const id of ids) await em.createQueryBuilder(User).where({ id }).getSingleResult();\n}\n`,
    only: 'no-types',
    errors: [{ line: 4, column: 31, messageId: 'queryInLoop', message: ['(MikroORM)', "`.where({ id: { $in: ids } })`"] }],
  },
];

const validCases: Array<ValidCase<typeof nPlusOne>> = [
  { name: 'one find with $in per chunk', code: `${MIKRO}export async function load(em: EntityManager, chunks: string[][]) {\n  for (const chunk of chunks) await em.find(User, { id: { $in: chunk } });\n}\n` },
  // persist only queues the entity in the unit of work; the one flush after the loop sends them together.
  { name: 'persist in the loop, one flush after it', code: `${MIKRO}export async function save(em: EntityManager, rows: User[]) {\n  for (const row of rows) em.persist(row);\n  await em.flush();\n}\n` },
  // em.create builds an entity in memory; nothing is sent.
  { name: 'em.create per element', code: `${MIKRO}export function build(em: EntityManager, names: string[]) {\n  return names.map((name) => em.create(User, { id: name, name }));\n}\n` },
  // Found on the corpus (medusa): the project's own class is named QueryBuilder, like Knex's and TypeORM's
  // types; a method of it that only adds where clauses to a builder is not a query.
  {
    name: "a project's own class named QueryBuilder",
    code: `export class QueryBuilder {\n  private parseWhere(obj: object, builder: { andWhere(cb: (b: unknown) => unknown): void }) {\n    for (const cond of Object.values(obj)) builder.andWhere((sub) => this.parseWhere(cond as object, sub as never));\n  }\n}\n`,
  },
];

/**
 * Each case in both settings: with types the file alone (the import resolves to @mikro-orm/core's declarations);
 * without types beside PKG, the package.json saying the project depends on MikroORM. A case marked `only` keeps
 * its one setting.
 */
function inBothSettings<T extends ValidCase<typeof nPlusOne>>(cases: T[]): T[] {
  return cases.flatMap((c) => [
    ...(c.only === 'no-types' ? [] : [{ ...c, only: 'types' as const }]),
    ...(c.only === 'types' ? [] : [{ ...c, only: 'no-types' as const, code: { ...PKG, 'src/case.ts': c.code as string } }]),
  ]);
}

const valid = inBothSettings(validCases);
const invalid = inBothSettings(invalidCases);

checkTester(nPlusOne).run({ valid, invalid });

describe('n-plus-one: MikroORM messages', () => {
  // Issue 12: a MikroORM call must not be named TypeORM (the tester only states text a message contains).
  it('no invalid case names TypeORM, in either setting', async () => {
    for (const c of invalid) {
      const findings = await runCheckOn(nPlusOne, { code: c.code, types: c.only === 'types' });
      expect(findings.length, `${c.name} (${c.only})`).toBeGreaterThan(0);
      for (const f of findings) expect(f.message, `${c.name} (${c.only})`).not.toContain('TypeORM');
    }
  });

  it('without node_modules, `manager.findOne` in a file importing @mikro-orm is MikroORM even when TypeORM is also declared', async () => {
    const code = {
      'package.json': '{ "dependencies": { "typeorm": "^0.3.0", "@mikro-orm/postgresql": "^6.0.0" } }',
      'src/case.ts': `import { SqlEntityManager } from '@mikro-orm/postgresql';\nexport async function load(manager: SqlEntityManager, ids: string[]) {\n  return Promise.all(ids.map((id) => manager.findOne('Category', { id })));\n}\n`,
    };
    const [finding] = await runCheckOn(nPlusOne, { code });
    expect(finding.message).toContain('`manager.findOne` (MikroORM)');
    expect(finding.message).toContain('`em.find(Entity, { id: { $in: ids } })`');
  });
});
