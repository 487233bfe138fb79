import { describe, expect, it } from 'vitest';
import { runCheckOn, summarize } from '../../../test/support/check-harness.js';
import stringBuiltSql from './index.js';

/**
 * Names the code chose itself, found on the corpus (issue 12): the alias a query builder was given
 * (`${qb.alias}.tenantId`, ever-gauzy) is not outside input. The same property on anything else still is.
 */
interface Case { name: string; code: string; errors?: Array<{ line: number; column: number; messageId: string; severity?: string }> }

const TYPEORM = `import { Brackets, Repository } from 'typeorm';\nclass TimeLog { id!: string; tenantId!: string }\n`;

const valid: Case[] = [
  {
    name: 'MikroORM: the alias of the query builder in knex.raw',
    code: `import { EntityRepository } from '@mikro-orm/knex';\nexport class Stats {\n  constructor(private readonly repo: EntityRepository<object>) {}\n  today(tenantId: string) {\n    const qb = this.repo.createQueryBuilder('time_log');\n    const knex = this.repo.getKnex();\n    return knex.raw(\`SELECT * FROM time_log WHERE \${qb.alias}.tenant_id = ?\`, [tenantId]);\n  }\n}\n`,
  },
  {
    name: 'TypeORM: the alias inside a Brackets callback, quoted',
    code: `${TYPEORM}export function logs(repo: Repository<TimeLog>, tenantId: string) {\n  const query = repo.createQueryBuilder('time_log');\n  query.andWhere(new Brackets((qb) => {\n    qb.andWhere(\`"\${query.alias}"."tenantId" = :tenantId\`, { tenantId });\n  }));\n  return query.addOrderBy(\`"\${query.alias}"."createdAt"\`, 'ASC').getMany();\n}\n`,
  },
];

const invalid: Case[] = [
  // A user's alias read from a row is data, whatever the property is called.
  {
    name: 'the alias property of a record is not a builder alias',
    code: `${TYPEORM}export function byAlias(repo: Repository<TimeLog>, user: { alias: string }) {\n  return repo.createQueryBuilder('t').where(\`t.owner = '\${user.alias}'\`).getMany();\n}\n`,
    errors: [{ line: 4, column: 62, messageId: 'builtFromStrings' }],
  },
  {
    name: 'a variable named query that holds request input is not a builder',
    code: `${TYPEORM}import type { Request } from 'express';\nexport function byAlias(repo: Repository<TimeLog>, req: Request) {\n  const query = req.query as { alias: string };\n  return repo.createQueryBuilder('t').where(\`\${query.alias}.id = 1\`).getMany();\n}\n`,
    errors: [{ line: 6, column: 48, messageId: 'identifierFromStrings' }],
  },
];

describe('string-built-sql: names the code chose', () => {
  for (const types of [true, false]) {
    describe(types ? 'with library types' : 'without node_modules', () => {
      it.each(valid)('valid: $name', async (c) => {
        expect(summarize(await runCheckOn(stringBuiltSql, { code: c.code, types }))).toEqual([]);
      });
      it.each(invalid)('invalid: $name', async (c) => {
        const findings = summarize(await runCheckOn(stringBuiltSql, { code: c.code, types }));
        expect(findings.map((f) => ({ line: f.line, messageId: f.messageId }))).toEqual(c.errors!.map((e) => ({ line: e.line, messageId: e.messageId })));
      });
    });
  }
});
