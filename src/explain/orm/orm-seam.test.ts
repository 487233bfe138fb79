import { Project, SyntaxKind } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { changedQueries } from '../query-sources.js';
import type { OrmTranslator } from './orm-query.js';

// The seam every ORM translator plugs into: translated calls become queries on the call's line (several
// statements of one call kept apart), untranslatable ones a notice that names the call and the reason.
const project = new Project({ useInMemoryFileSystem: true });
const sf = project.createSourceFile('/repo/src/orders.ts', 'export const recent = () =>\n  db.order.findMany({ take: 50 });\nexport const odd = () => db.order.findMany(build());\n');
const [first, second] = sf.getDescendantsOfKind(SyntaxKind.CallExpression).filter((c) => c.getText().startsWith('db.'));

const fake: OrmTranslator = {
  orm: 'prisma',
  prepare: async (context) => (context.root === '/repo' ? { models: 1 } : undefined),
  translate: () => [
    { orm: 'prisma', node: first, sql: 'SELECT * FROM "Order" LIMIT $1', parameterNames: ['50'], followUps: [{ sql: 'SELECT * FROM "Item" WHERE "orderId" IN ($1)', parameterNames: ['ids'] }], note: 'relationLoadStrategy: query' },
    { orm: 'prisma', node: second, reason: 'the arguments are built at run time (`build()`)' },
  ],
};

describe('ORM translations in changedQueries', () => {
  it('puts every statement of a call on its line and names what it could not translate', async () => {
    const input = { files: [sf], changes: { files: [] } as never, root: '/repo', catalog: {}, all: true, schemaFiles: [] };
    const { queries, notices } = await changedQueries(input, [fake]);
    expect(queries.map((q) => [q.line, q.sql, q.origin, q.part])).toEqual([
      [2, 'SELECT * FROM "Order" LIMIT $1', 'orm', '1 of 2'],
      [2, 'SELECT * FROM "Item" WHERE "orderId" IN ($1)', 'orm', '2 of 2'],
    ]);
    expect(queries[0].notes).toEqual(['translated from the prisma call (statement 1 of 2 it sends); relationLoadStrategy: query']);
    expect(notices).toEqual(['explain: not explained: the prisma call at src/orders.ts:3 — the arguments are built at run time (`build()`)']);
  });

  it('skips an ORM the repository does not use', async () => {
    const input = { files: [sf], changes: { files: [] } as never, root: '/elsewhere', catalog: {}, all: true, schemaFiles: [] };
    expect(await changedQueries(input, [fake])).toEqual({ queries: [], notices: [] });
  });
});
