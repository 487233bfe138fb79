import { SyntaxKind, ts, type KindToNodeMappings, type Node, type SourceFile } from 'ts-morph';

/**
 * `file.getDescendantsOfKind(kind)` — the same nodes, in the same order — for several kinds at once,
 * walked over the compiler's nodes and kept per file for the whole review. Every check visits every
 * call of every file (context files included): ts-morph's generator walk cost more than a second on
 * a large pull request, and each check walked again. Callers must not change the returned list.
 */
export function descendantsOfKind<K extends SyntaxKind>(file: SourceFile, kind: K): ReadonlyArray<KindToNodeMappings[K]> {
  return descendantsOfKinds(file, [kind]) as ReadonlyArray<KindToNodeMappings[K]>;
}

/** The descendants of any of these kinds, in document order (a parent before its children). */
export function descendantsOfKinds(file: SourceFile, kinds: readonly SyntaxKind[]): readonly Node[] {
  // ts-morph walks the parse tree (forEachChild) for these kinds; tokens and JSDoc need its own walk.
  if (kinds.some((kind) => kind < SyntaxKind.FirstNode || kind >= SyntaxKind.FirstJSDocNode)) {
    throw new Error(`descendantsOfKinds: ${kinds.map((k) => SyntaxKind[k]).join(', ')} are not all parse-tree node kinds`);
  }
  let byKinds = cache.get(file.compilerNode);
  if (!byKinds) cache.set(file.compilerNode, (byKinds = new Map()));
  const key = kinds.join();
  let found = byKinds.get(key);
  if (!found) {
    const wanted = new Set(kinds);
    const nodes: ts.Node[] = [];
    const visit = (node: ts.Node): void => {
      ts.forEachChild(node, (child) => {
        if (wanted.has(child.kind)) nodes.push(child);
        visit(child);
      });
    };
    visit(file.compilerNode);
    const wrap = file as unknown as { _getNodeFromCompilerNode(node: ts.Node): Node };
    found = nodes.map((node) => wrap._getNodeFromCompilerNode(node));
    byKinds.set(key, found);
  }
  return found;
}

const cache = new WeakMap<ts.SourceFile, Map<string, Node[]>>();
