import { describe, expect, it } from 'vitest';
import { Node, Project, SyntaxKind } from 'ts-morph';
import { compilerOptions } from '../../test/support/check-harness.js';
import { FunctionSummaries, functionName, resolveCallee, type CallSite } from './function-summary.js';

const vocabulary = { iterationMethods: ['map'], deferredCallbacks: ['setTimeout'] };

function project(files: Record<string, string>) {
  const p = new Project({ useInMemoryFileSystem: true, compilerOptions });
  for (const [name, text] of Object.entries(files)) p.createSourceFile(`/repo/${name}`, text);
  p.resolveSourceFileDependencies();
  return p;
}

/** A hit is any call to a function named `query`. */
const isQuery = (call: CallSite) => (Node.isCallExpression(call) && call.getExpression().getText().endsWith('query') ? call.getText() : undefined);

describe('FunctionSummaries', () => {
  const p = project({
    'db.ts': 'export function query(sql: string) { return sql; }\n',
    'repo.ts': "import { query } from './db';\nexport class Repo {\n  find(id: string) { return query('select ' + id); }\n  findLater(id: string) { setTimeout(() => query(id), 1); }\n}\n",
    'service.ts': "import { Repo } from './repo';\nexport class Service {\n  constructor(private readonly repo: Repo) {}\n  get = (id: string) => this.repo.find(id);\n  loop(n: number): unknown { return n > 0 ? this.loop(n - 1) : null; }\n}\n",
    'controller.ts': "import { Service } from './service';\nexport function show(s: Service, later: { findLater(id: string): void }) {\n  s.get('1');\n  later.findLater('2');\n  s.loop(3);\n}\n",
  });
  const calls = p.getSourceFileOrThrow('/repo/controller.ts').getDescendantsOfKind(SyntaxKind.CallExpression);
  const summaries = new FunctionSummaries(isQuery, vocabulary);

  it('follows calls across files and names the chain', () => {
    const reach = summaries.reachOf(calls[0]);
    expect(reach?.hit).toBe("query('select ' + id)");
    expect(reach?.links.map((l) => l.name)).toEqual(['Service.get', 'Repo.find']);
  });

  it('computes each function once', () => {
    const fn = resolveCallee(calls[0])!;
    expect(summaries.summaryOf(fn)).toBe(summaries.summaryOf(fn));
  });

  it('ignores deferred callbacks, unresolved receivers and recursion', () => {
    expect(summaries.reachOf(calls[1])).toBeUndefined();
    expect(summaries.reachOf(calls[2])).toBeUndefined();
  });

  it('names functions, methods and arrow properties', () => {
    const repo = p.getSourceFileOrThrow('/repo/repo.ts').getClassOrThrow('Repo');
    expect(functionName(repo.getMethodOrThrow('find'))).toBe('Repo.find');
    expect(functionName(p.getSourceFileOrThrow('/repo/db.ts').getFunctionOrThrow('query'))).toBe('query');
  });
});
