import { describe, expect, it } from 'vitest';
import { Project, SyntaxKind, type CallExpression } from 'ts-morph';
import { compilerOptions } from '../../test/support/check-harness.js';
import { enclosingIteration, isShortConstantCollection } from './loops.js';

const vocabulary = { iterationMethods: ['forEach', 'map', 'filter'], deferredCallbacks: ['setTimeout', 'on'] };

/** The call named `target(...)` in `code`, and what encloses it. */
function around(code: string) {
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions });
  const file = project.createSourceFile('/repo/case.ts', `declare function target(...a: unknown[]): unknown;\n${code}`);
  const call = file.getDescendantsOfKind(SyntaxKind.CallExpression).find((c) => c.getExpression().getText() === 'target') as CallExpression;
  const found = enclosingIteration(call, vocabulary);
  return found && { kind: found.iteration.kind, collection: found.iteration.collection?.getText(), parallel: found.iteration.parallel, through: found.throughCallbacks };
}

describe('enclosingIteration', () => {
  it.each([
    ['for…of', 'export function f(ids: string[]) { for (const id of ids) target(id); }', { kind: 'for-of', collection: 'ids' }],
    ['for…in', 'export function f(o: Record<string, 1>) { for (const k in o) target(k); }', { kind: 'for-in', collection: 'o' }],
    ['for await', 'export async function f(s: AsyncIterable<string>) { for await (const x of s) target(x); }', { kind: 'for-await', collection: 's' }],
    ['indexed for', 'export function f(ids: string[]) { for (let i = 0; i < ids.length; i++) target(ids[i]); }', { kind: 'for', collection: 'ids' }],
    ['while draining a queue', 'export function f(q: string[]) { while (q.length > 0) target(q.pop()); }', { kind: 'while', collection: 'q' }],
    ['map callback under Promise.all', 'export function f(ids: string[]) { return Promise.all(ids.map((id) => target(id))); }', { kind: 'callback', collection: 'ids', parallel: true }],
    ['.then inside a forEach callback', 'export function f(ids: string[]) { ids.forEach((id) => Promise.resolve(id).then(() => target(id))); }', { kind: 'callback', collection: 'ids', parallel: false }],
    ['a callback handed to another function', 'declare function retry(f: () => unknown): void;\nexport function f(ids: string[]) { for (const id of ids) retry(() => target(id)); }', { kind: 'for-of', through: ['retry'] }],
    ['a retry loop inside a collection loop: the collection counts', 'export function f(ids: string[]) { for (const id of ids) { for (;;) { target(id); break; } } }', { kind: 'for-of', collection: 'ids' }],
  ])('%s', (_name, code, expected) => {
    expect(around(code)).toMatchObject(expected);
  });

  it.each([
    ['a loop without a collection', 'export async function f() { let more = true; while (more) { more = !!(await target()); } }'],
    ['a function declared in the loop', 'export function f(ids: string[]) { for (const id of ids) { function later() { return target(id); } void later; } }'],
    ['a deferred callback', 'export function f(ids: string[]) { for (const id of ids) setTimeout(() => target(id), 1); }'],
    ['the iterated expression', 'export function f() { for (const x of target() as string[]) void x; }'],
    ['.map on a non-array', 'class Box { map(f: (n: number) => unknown) { return f(1); } }\nexport function f(b: Box) { return b.map((n) => target(n)); }'],
  ])('none for %s', (_name, code) => {
    expect(around(code)).toBeUndefined();
  });
});

describe('isShortConstantCollection', () => {
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions });
  const file = project.createSourceFile(
    '/repo/consts.ts',
    `const LIST = ['a', 'b'] as const;\nconst OBJ = { a: 1, b: 2 };\nenum E { A, B }\nlet loose = ['a'];\nexport const uses = [LIST, Object.keys(OBJ), Object.values(E), loose, [...LIST, 'c'], ['x', 'y', 'z']];\n`,
  );
  const elements = file.getVariableDeclarationOrThrow('uses').getInitializerIfKindOrThrow(SyntaxKind.ArrayLiteralExpression).getElements();
  it('recognises literal lists, const bindings, Object.keys of literals and enums, but not `let` or spreads', () => {
    expect(elements.map((e) => isShortConstantCollection(e, 2))).toEqual([true, true, true, false, false, false]);
    expect(isShortConstantCollection(elements[5], 3)).toBe(true);
  });
});
