import { Node, Project, SyntaxKind } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { descendantsOfKind, descendantsOfKinds } from './descendants.js';

// The cached walk must give what ts-morph gives — the same node objects, in the same order — since the
// checks' findings and their order depend on it.
const code = `
// a comment statement at the top (ts-morph adds comment nodes here)
/** JSDoc with {@link run} and @example run(1) */
export async function run(items: number[], db: { query(s: string): Promise<unknown> }) {
  for (const item of items) {
    await db.query(sql\`SELECT \${item}\`);
    try { f(g(h(item))); } catch (error) { console.error(error); }
  }
  const fn = () => new Client({ sql: String(items.map((i) => i * 2)) });
  return fn()?.send?.(items.reduce((a, b) => a + b, 0));
}
class A { m() { return [1, 2].forEach((x) => this.m()); } }
`;

function sourceFile() {
  return new Project({ useInMemoryFileSystem: true }).createSourceFile('a.ts', code);
}

describe('descendantsOfKind', () => {
  it.each([SyntaxKind.CallExpression, SyntaxKind.TaggedTemplateExpression, SyntaxKind.CatchClause, SyntaxKind.ForOfStatement, SyntaxKind.NewExpression, SyntaxKind.ArrowFunction])(
    'kind %s: the nodes ts-morph finds, in its order',
    (kind) => {
      const file = sourceFile();
      const expected = file.getDescendantsOfKind(kind);
      expect(expected.length).toBeGreaterThan(0);
      expect(descendantsOfKind(file, kind)).toEqual(expected);
      // node identity, not only structure: checks compare nodes with ===
      descendantsOfKind(file, kind).forEach((node, i) => expect(node).toBe(expected[i]));
    },
  );

  it('the second question is answered from the cache, with the same list', () => {
    const file = sourceFile();
    expect(descendantsOfKind(file, SyntaxKind.CallExpression)).toBe(descendantsOfKind(file, SyntaxKind.CallExpression));
    expect(descendantsOfKind(file, SyntaxKind.CallExpression).length).toBe(12);
  });

  it('several kinds at once come in document order, as forEachDescendant visits them', () => {
    const file = sourceFile();
    const kinds = [SyntaxKind.NewExpression, SyntaxKind.CallExpression, SyntaxKind.TaggedTemplateExpression];
    const visited: Node[] = [];
    file.forEachDescendant((node) => {
      if (kinds.includes(node.getKind())) visited.push(node);
    });
    expect(descendantsOfKinds(file, kinds)).toEqual(visited);
    descendantsOfKinds(file, kinds).forEach((node, i) => expect(node).toBe(visited[i]));
  });

  it('refuses token and JSDoc kinds, which ts-morph finds by another walk', () => {
    expect(() => descendantsOfKind(sourceFile(), SyntaxKind.Identifier)).toThrow(/not all parse-tree node kinds/);
    expect(() => descendantsOfKind(sourceFile(), SyntaxKind.JSDoc)).toThrow(/not all parse-tree node kinds/);
  });
});
