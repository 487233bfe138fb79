import { describe, expect, it } from 'vitest';
import { runCheckOn, summarize } from '../../../test/support/check-harness.js';
import { checkTester, type InvalidCase, type ValidCase } from '../../../test/support/check-tester.js';
import stringBuiltSql from './index.js';

/**
 * Names the code chose itself, found on the corpus (issue 12): the alias a query builder was given
 * (`${qb.alias}.tenantId`, ever-gauzy) is not outside input. The same property on anything else still is.
 */
const TYPEORM = `import { Brackets, Repository } from 'typeorm';\nclass TimeLog { id!: string; tenantId!: string }\n`;

const valid: Array<ValidCase<typeof stringBuiltSql>> = [
  {
    name: 'MikroORM: the alias of the query builder in knex.raw',
    code: `import { EntityRepository } from '@mikro-orm/knex';\nexport class Stats {\n  constructor(private readonly repo: EntityRepository<object>) {}\n  today(tenantId: string) {\n    const qb = this.repo.createQueryBuilder('time_log');\n    const knex = this.repo.getKnex();\n    return knex.raw(\`SELECT * FROM time_log WHERE \${qb.alias}.tenant_id = ?\`, [tenantId]);\n  }\n}\n`,
  },
  {
    name: 'TypeORM: the alias inside a Brackets callback, quoted',
    code: `${TYPEORM}export function logs(repo: Repository<TimeLog>, tenantId: string) {\n  const query = repo.createQueryBuilder('time_log');\n  query.andWhere(new Brackets((qb) => {\n    qb.andWhere(\`"\${query.alias}"."tenantId" = :tenantId\`, { tenantId });\n  }));\n  return query.addOrderBy(\`"\${query.alias}"."createdAt"\`, 'ASC').getMany();\n}\n`,
  },
];

const invalid: Array<InvalidCase<typeof stringBuiltSql>> = [
  // A user's alias read from a row is data, whatever the property is called.
  {
    name: 'the alias property of a record is not a builder alias',
    code: `${TYPEORM}export function byAlias(repo: Repository<TimeLog>, user: { alias: string }) {\n  return repo.createQueryBuilder('t').where(\`t.owner = '\${user.alias}'\`).getMany();\n}\n`,
    errors: [{ line: 4, column: 45, messageId: 'builtFromStrings', severity: 'warning' }],
  },
  {
    name: 'a variable named query that holds request input is not a builder',
    code: `${TYPEORM}import type { Request } from 'express';\nexport function byAlias(repo: Repository<TimeLog>, req: Request) {\n  const query = req.query as { alias: string };\n  return repo.createQueryBuilder('t').where(\`\${query.alias}.id = 1\`).getMany();\n}\n`,
    errors: [{ line: 6, column: 45, messageId: 'identifierFromStrings', severity: 'warning' }],
  },
];

checkTester(stringBuiltSql).run({ valid, invalid });

/** A command an operator runs (a `cli/` or `commands/` folder of a package depending on commander, inquirer, …). */
describe('string-built-sql: a command-line command', () => {
  const createDb = `import pg from 'pg';\nexport default async function createDb({ client, db }: { client: pg.Client; db: string }) {\n  await client.query(\`CREATE DATABASE "\${db}"\`);\n}\n`;
  it('a database name the operator typed, in a CLI package, is not reported', async () => {
    const code = { 'packages/cli/create-app/package.json': '{ "dependencies": { "commander": "^10.0.0", "inquirer": "^9.0.0", "pg": "^8.0.0" } }', 'packages/cli/create-app/src/utils/create-db.ts': createDb };
    expect(await runCheckOn(stringBuiltSql, { code })).toEqual([]);
  });
  it('the same code in a server package is reported', async () => {
    const code = { 'packages/api/package.json': '{ "dependencies": { "pg": "^8.0.0" } }', 'packages/api/src/utils/create-db.ts': createDb };
    expect(summarize(await runCheckOn(stringBuiltSql, { code })).map((f) => f.messageId)).toEqual(['builtFromStrings']);
  });
  it('request input in a CLI package is still reported', async () => {
    const code = { 'packages/cli/admin/package.json': '{ "dependencies": { "commander": "^10.0.0", "pg": "^8.0.0", "express": "^4.0.0" } }', 'packages/cli/admin/src/server.ts': `import { Pool } from 'pg';\nimport type { Request } from 'express';\nconst pool = new Pool();\nexport const f = (req: Request) => pool.query(\`SELECT * FROM users WHERE name = '\${req.query.name}'\`);\n` };
    expect(summarize(await runCheckOn(stringBuiltSql, { code })).map((f) => f.messageId)).toEqual(['injection']);
  });
});
