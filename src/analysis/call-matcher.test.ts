import { describe, expect, it } from 'vitest';
import { Project, SyntaxKind } from 'ts-morph';
import path from 'node:path';
import { callPatternSchema, matchCall, matchesName } from './call-matcher.js';
import { TYPED_FIXTURES, compilerOptions } from '../../test/support/check-harness.js';

const pgQuery = callPatternSchema.parse({
  id: 'pg.query',
  library: 'pg',
  modules: ['pg'],
  types: ['Pool', 'Client', 'PoolClient', 'ClientBase'],
  methods: ['query'],
  receivers: ['pool', '*Pool', 'client', 'db'],
});
const prismaDelegate = callPatternSchema.parse({
  id: 'prisma.delegate',
  library: 'Prisma',
  methods: ['find*', 'create', 'update'],
  receivers: ['prisma.*', '*.prisma.*'],
});
const fetchCall = callPatternSchema.parse({ id: 'fetch', library: 'fetch', functions: ['fetch'] });

function firstCall(code: string, types: boolean, marker = 'TARGET') {
  const project = new Project({ useInMemoryFileSystem: !types, compilerOptions, skipAddingFilesFromTsConfig: true });
  const file = project.createSourceFile(
    path.join(types ? TYPED_FIXTURES : '/repo', 'cases', `call-matcher-${Math.random()}.ts`),
    code,
  );
  const line = code.split('\n').findIndex((l) => l.includes(marker)) + 1;
  return file.getDescendantsOfKind(SyntaxKind.CallExpression).find((c) => c.getStartLineNumber() === line)!;
}
describe('matchCall', () => {
  it('matches pg Pool.query by type when @types/pg is installed', () => {
    const call = firstCall(`import { Pool } from 'pg';\nconst conn = new Pool();\nconn.query('select 1'); // TARGET`, true);
    expect(matchCall(call, [pgQuery])).toMatchObject({ how: 'type', method: 'query', receiver: 'conn' });
  });

  it('does not match a Map.get-like method on a resolved non-library type, whatever its name', () => {
    const call = firstCall(`const pool = new Map<string, number>();\n(pool as any as { query(): void }).query(); // TARGET`, false);
    expect(matchCall(call, [pgQuery])).toBeUndefined();
  });

  it('falls back to the receiver shape when the library is not installed', () => {
    const call = firstCall(`import { Pool } from 'pg';\nconst pool = new Pool();\npool.query('select 1'); // TARGET`, false);
    expect(matchCall(call, [pgQuery])).toMatchObject({ how: 'shape', receiver: 'pool' });
  });

  it('matches prisma.<model>.<method> shapes through a class that extends an uninstalled PrismaClient', () => {
    const code = `import { PrismaClient } from '@prisma/client';
class PrismaService extends PrismaClient {}
class Repo { constructor(private prisma: PrismaService) {}
  find(id: string) { return this.prisma.user.findUnique({ where: { id } }); // TARGET
  } }`;
    expect(matchCall(firstCall(code, false), [prismaDelegate])).toMatchObject({ how: 'shape', receiver: 'prisma.user' });
  });

  it('matches the global fetch but not a local function called fetch', () => {
    expect(matchCall(firstCall(`await fetch('https://x'); // TARGET`, false), [fetchCall])).toMatchObject({ method: 'fetch' });
    const local = `function fetch(x: string) { return x; }\nfetch('a'); // TARGET`;
    expect(matchCall(firstCall(local, false), [fetchCall])).toBeUndefined();
  });

  it('matches a plain function imported from a library that is not installed', () => {
    const imported = `import { fetch } from 'undici';\nawait fetch('https://x'); // TARGET`;
    expect(matchCall(firstCall(imported, false), [fetchCall])).toMatchObject({ method: 'fetch', how: 'shape' });
  });
});

describe('matchesName', () => {
  // A list is compiled once into one expression: each glob still matches the whole name, `*` stops at a dot.
  const globs = ['find*', 'query', '$queryRaw*'];
  it.each([
    ['findMany', true],
    ['find', true],
    ['query', true],
    ['queryRaw', false],
    ['$queryRawUnsafe', true],
    ['refind', false],
    ['find.all', false],
  ])('%s against find*, query, $queryRaw* → %s', (name, expected) => {
    expect(matchesName(name as string, globs)).toBe(expected);
    // the second answer comes from the compiled list and is the same
    expect(matchesName(name as string, globs)).toBe(expected);
  });
  it('an empty list matches nothing', () => {
    expect(matchesName('', [])).toBe(false);
    expect(matchesName('find', [])).toBe(false);
  });
});
