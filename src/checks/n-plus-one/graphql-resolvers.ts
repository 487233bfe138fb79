import { Node, SyntaxKind, type SourceFile } from 'ts-morph';
import { z } from 'zod';
import { matchesName } from '../../analysis/call-matcher.js';
import type { FunctionLike } from '../../analysis/loops.js';
import { unwrap } from '../../analysis/loops.js';

/** A `graphql-field-resolvers` entry: how a field resolver (runs once per parent object) is spelled. */
export const fieldResolverSchema = z
  .object({
    id: z.string(),
    decorator: z.string().optional().describe('Method decorator of a field resolver: `ResolveField`.'),
    variable: z.string().optional().describe('Glob over names of variables holding a resolver map: `*resolvers`.'),
    rootTypes: z.array(z.string()).default([]).describe('Operation types of a resolver map, resolved once per request.'),
  })
  .strict();

export type FieldResolverShape = z.infer<typeof fieldResolverSchema>;

export interface FieldResolver {
  fn: FunctionLike;
  /** `User.posts`. */
  field: string;
  /** `User`. */
  parent: string;
}

/** Field resolvers declared in a file: decorated methods and fields of resolver maps. */
export function fieldResolvers(file: SourceFile, shapes: readonly FieldResolverShape[]): FieldResolver[] {
  const found: FieldResolver[] = [];
  const decorators = shapes.flatMap((s) => (s.decorator ? [s.decorator] : []));
  for (const method of file.getDescendantsOfKind(SyntaxKind.MethodDeclaration)) {
    if (!method.getDecorators().some((d) => decorators.includes(d.getName()))) continue;
    const owner = method.getParent();
    const parent = Node.isClassDeclaration(owner) ? resolvedType(owner) : 'parent';
    found.push({ fn: method, field: `${parent}.${method.getName()}`, parent });
  }
  for (const shape of shapes.filter((s) => s.variable)) {
    const variable = [shape.variable!.toLowerCase()];
    for (const decl of file.getDescendantsOfKind(SyntaxKind.VariableDeclaration)) {
      const init = decl.getInitializer();
      if (!init || !matchesName(decl.getName().toLowerCase(), variable)) continue;
      const map = unwrap(init);
      if (!Node.isObjectLiteralExpression(map)) continue;
      for (const typeEntry of map.getProperties()) {
        if (!Node.isPropertyAssignment(typeEntry) || shape.rootTypes.includes(typeEntry.getName())) continue;
        const fields = unwrap(typeEntry.getInitializerOrThrow());
        if (!Node.isObjectLiteralExpression(fields)) continue;
        for (const member of fields.getProperties()) {
          const fn = fieldFunction(member);
          if (fn) found.push({ fn, field: `${typeEntry.getName()}.${nameOf(member)}`, parent: typeEntry.getName() });
        }
      }
    }
  }
  return found;
}

/** `@Resolver(() => User)` → "User"; otherwise the class name without "Resolver". */
function resolvedType(owner: Node & { getDecorator(name: string): { getArguments(): Node[] } | undefined; getName(): string | undefined }): string {
  const arg = owner.getDecorator('Resolver')?.getArguments()[0];
  const inner = arg && unwrap(arg);
  if (inner && Node.isArrowFunction(inner)) return inner.getBody().getText();
  if (inner && Node.isIdentifier(inner)) return inner.getText();
  if (inner && Node.isStringLiteral(inner)) return inner.getLiteralValue();
  return (owner.getName() ?? 'parent').replace(/Resolver$/, '') || 'parent';
}

function fieldFunction(member: Node): FunctionLike | undefined {
  if (Node.isMethodDeclaration(member)) return member;
  if (!Node.isPropertyAssignment(member)) return undefined;
  const init = unwrap(member.getInitializerOrThrow());
  return Node.isArrowFunction(init) || Node.isFunctionExpression(init) ? init : undefined;
}

function nameOf(member: Node): string {
  return Node.isMethodDeclaration(member) || Node.isPropertyAssignment(member) ? member.getName() : '?';
}
