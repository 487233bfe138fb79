import { describe, expect, it } from 'vitest';
import { Node, Project, SyntaxKind } from 'ts-morph';
import path from 'node:path';
import { TYPED_FIXTURES, compilerOptions } from '../../test/support/check-harness.js';
import { loadCatalog } from '../core/catalog.js';
import { directRequestInput, isRequestObject, requestInputSource } from './request-input.js';

const catalog = loadCatalog();
let counter = 0;

/** The expression marked with a trailing `/*T*\/` comment, in a project of one or more files. */
function marked(files: string | Record<string, string>, types = false): Node {
  const project = new Project({ useInMemoryFileSystem: !types, compilerOptions, skipAddingFilesFromTsConfig: true });
  const root = path.join(types ? TYPED_FIXTURES : '/repo', 'cases', `request-input-${process.pid}-${counter++}`);
  const entries = Object.entries(typeof files === 'string' ? { 'a.ts': files } : files);
  const sourceFiles = entries.map(([name, text]) => project.createSourceFile(path.join(root, name), text));
  for (const sf of sourceFiles) {
    const index = sf.getFullText().indexOf('/*T*/');
    if (index < 0) continue;
    const token = sf.getDescendantAtPos(index - 1)!;
    return token.getAncestors().filter((a) => a.getEnd() <= index + 1 && Node.isExpression(a)).at(-1) ?? token;
  }
  throw new Error('no /*T*/ marker');
}

describe('directRequestInput', () => {
  it.each([
    ['Express req.query.q without types', `app.get('/', (req: any, res: any) => { use(req.query.q/*T*/); });`, false, '`req.query.q` (request input)'],
    ['Express req.body by type', `import type { Request } from 'express';\nfunction h(r: Request) { use(r.body.name/*T*/); }`, true, '`r.body.name` (request input)'],
    ['Express req.get()', `function h(req: any) { use(req.get('x-tenant')/*T*/); }`, false, "`req.get('x-tenant')` (request input)"],
    ['Koa ctx.request.body', `function h(ctx: any) { use(ctx.request.body.q/*T*/); }`, false, '`ctx.request.body.q` (request input)'],
    ['Koa ctx.query by type', `import type { Context } from 'koa';\nfunction h(c: Context) { use(c.query.q/*T*/); }`, true, '`c.query.q` (request input)'],
    ['Fastify request.query by type', `import type { FastifyRequest } from 'fastify';\nfunction h(r: FastifyRequest) { use(r.query/*T*/); }`, true, '`r.query` (request input)'],
    ['NestJS @Query parameter', `class C { find(@Query('q') q: string) { use(q/*T*/); } }`, false, '`q` (request input)'],
    ['NestJS @Body dto property', `class C { create(@Body() dto: { name: string }) { use(dto.name/*T*/); } }`, false, '`dto.name` (request input)'],
    ['NestJS @Req request', `class C { find(@Req() r: any) { use(r.query.q/*T*/); } }`, false, '`r.query.q` (request input)'],
    ['GraphQL @Args', `class R { users(@Args('filter') filter: string) { use(filter/*T*/); } }`, false, '`filter` (request input)'],
  ])('%s', (_name, code, types, description) => {
    expect(directRequestInput(marked(code, types), catalog)?.description).toBe(description);
  });

  it.each([
    ['a non-request property of req', `function h(req: any) { use(req.user.id/*T*/); }`, false],
    ['a local object named like a property', `const query = { q: 'x' };\nuse(query.q/*T*/);`, false],
    ['a typed object that is not a request, whatever its name', `const req = { query: { q: 'x' } };\nuse(req.query.q/*T*/);`, false],
    ['a plain parameter', `function h(q: string) { use(q/*T*/); }`, false],
  ])('not: %s', (_name, code, types) => {
    expect(directRequestInput(marked(code, types), catalog)).toBeUndefined();
  });
});

describe('requestInputSource', () => {
  it('follows const initialisers and destructuring', () => {
    const found = requestInputSource(marked(`function h(req: any) { const { q } = req.query; const term = q; use(term/*T*/); }`), catalog);
    expect(found?.description).toBe('`req.query.q` (request input)');
    expect(found?.steps.map((s) => s.node.getStartLineNumber())).toEqual([1, 1]);
  });

  it('follows a parameter to the handler that passes request input, across files', () => {
    const files = {
      'controller.ts': `import { Repo } from './repo';
class Controller {
  constructor(private readonly repo: Repo) {}
  search(@Query('q') q: string) {
    return this.repo.search(q);
  }
}`,
      'repo.ts': `export class Repo {
  search(term: string) { return use(term/*T*/); }
}`,
    };
    const found = requestInputSource(marked(files), catalog);
    expect(found?.description).toBe('`q` (request input)');
    expect(found?.steps.map((s) => [s.node.getSourceFile().getBaseName(), s.node.getStartLineNumber()])).toEqual([['controller.ts', 5]]);
  });

  it('stops after two call levels', () => {
    const code = `function a(x: string) { use(x/*T*/); }
function b(y: string) { a(y); }
function c(z: string) { b(z); }
function handler(req: any) { c(req.query.q); }`;
    expect(requestInputSource(marked(code), catalog)).toBeUndefined();
    expect(requestInputSource(marked(code.replace('c(req.query.q)', 'b(req.query.q)')), catalog)?.steps).toHaveLength(2);
  });
});

describe('isRequestObject', () => {
  it('knows req by name without types and by type with them', () => {
    expect(isRequestObject(marked(`function h(req) { use(req/*T*/); }`), catalog)).toBe(true);
    expect(isRequestObject(marked(`import type { Request } from 'express';\nfunction h(input: Request) { use(input/*T*/); }`, true), catalog)).toBe(true);
    expect(isRequestObject(marked(`function h(input: { id: string }) { use(input/*T*/); }`), catalog)).toBe(false);
  });

  it('finds the marker helper itself working on SyntaxKind', () => {
    expect(marked(`use(a.b/*T*/);`).getKind()).toBe(SyntaxKind.PropertyAccessExpression);
  });
});
