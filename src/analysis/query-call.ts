import { Node, SyntaxKind, type CallExpression } from 'ts-morph';
import { z } from 'zod';
import { callPatternSchema, matchCall, matchesName, stripThis, type CallMatch } from './call-matcher.js';
import { chainCalls, type CallSite } from './function-summary.js';
import { unwrap } from './loops.js';
import { receiverTypeInfo } from './type-info.js';

/** A `query-calls` entry of rules/queries.yml: a call pattern plus what the check needs to word the fix. */
export const queryCallSchema = callPatternSchema
  .extend({
    operation: z.enum(['read', 'write', 'cache', 'http']).default('read').describe('What the call does; picks the wording.'),
    fix: z.string().describe('The batched form for this library, shown as the fix.'),
    executedBy: z
      .array(z.string())
      .default([])
      .describe('The call builds a lazy query that runs when its chain ends in one of these methods, or, for "await", is awaited/returned/then-ed.'),
  })
  .strict();

export type QueryCallPattern = z.infer<typeof queryCallSchema>;

export interface QueryHit {
  /** The outermost call of the chain (what runs), e.g. `knex('u').where(...).first()`. */
  site: CallSite;
  pattern: QueryCallPattern;
  how: CallMatch['how'];
  /** `prisma.user.findUnique`, `knex('users').first`. */
  text: string;
}

/** Whether a call (the outermost of its chain) runs a catalogued query; by type, else by shape. */
export function matchQuery(site: CallSite, patterns: readonly QueryCallPattern[]): QueryHit | undefined {
  if (Node.isTaggedTemplateExpression(site)) {
    // `prisma.$queryRaw\`…\`` has the shape of a call to its tag; call-matcher reads only the callee.
    const asCall = { getExpression: () => site.getTag() } as unknown as CallExpression;
    const match = matchOne(asCall, patterns);
    return match && { site, pattern: match.pattern as QueryCallPattern, how: match.how, text: textOf(match) };
  }
  const chain = chainCalls(site);
  for (const [index, call] of chain.entries()) {
    const match = matchOne(call, patterns);
    if (!match) continue;
    const pattern = match.pattern as QueryCallPattern;
    if (pattern.executedBy.length > 0 && !isExecuted(site, chain.slice(0, index), pattern.executedBy)) return undefined;
    return { site, pattern, how: match.how, text: textOf(match) };
  }
  return undefined;
}

function matchOne(call: CallExpression, patterns: readonly QueryCallPattern[], depth = 0): CallMatch | undefined {
  const callee = unwrap(call.getExpression());
  if (Node.isIdentifier(callee)) return matchImportedFunction(callee, patterns);
  const match = matchCall(call, patterns, { requireDependency: true });
  if (match?.how === 'shape' && Node.isPropertyAccessExpression(callee) && holdsQueryResult(callee.getExpression(), patterns, depth)) return undefined;
  if (match || !Node.isPropertyAccessExpression(callee)) return match;
  // Type names with a wildcard (generated Prisma delegates: `UserDelegate`, `PostDelegate`, …).
  const info = receiverTypeInfo(callee.getExpression());
  if (!info.resolved) return undefined;
  const method = callee.getName();
  for (const pattern of patterns) {
    if (!pattern.types.some((t) => t.includes('*')) || !matchesName(method, pattern.methods)) continue;
    if (!info.names.some((n) => matchesName(n, pattern.types))) continue;
    // A wildcard name is only trusted together with the package that declares it.
    if (!info.modules.some((m) => pattern.modules.includes(m))) continue;
    return { pattern, how: 'type', method, receiver: stripThis(callee.getExpression().getText()) };
  }
  return undefined;
}

/**
 * `const userRepository = await prisma.user.findMany(); userRepository.find(…)`: a variable holding the
 * result of a query is data (an array of rows), whatever its name — without types its shape would lie.
 */
function holdsQueryResult(receiver: Node, patterns: readonly QueryCallPattern[], depth: number): boolean {
  if (depth > 2 || !Node.isIdentifier(receiver)) return false;
  return (receiver.getSymbol()?.getDeclarations() ?? []).some((decl) => {
    if (!Node.isVariableDeclaration(decl)) return false;
    let init: Node | undefined = decl.getInitializer();
    init = init && unwrap(init);
    if (init && Node.isAwaitExpression(init)) init = unwrap(init.getExpression());
    return init !== undefined && Node.isCallExpression(init) && chainCalls(init).some((c) => matchOne(c, patterns, depth + 1) !== undefined);
  });
}

/**
 * `fetch(url)`, `got(url)`, `request(url)`: a plain function that is not declared in the project and,
 * when the entry names modules, is imported from one of them (so supertest's `request` is not undici's).
 */
function matchImportedFunction(callee: Node, patterns: readonly QueryCallPattern[]): CallMatch | undefined {
  const name = callee.getText();
  const source = importSourceOf(callee);
  for (const pattern of patterns) {
    if (!pattern.functions.includes(name)) continue;
    if (source === 'local') continue;
    if (pattern.modules.length > 0 ? !source || !pattern.modules.some((m) => source === m || source.startsWith(`${m}/`)) : source) continue;
    return { pattern, how: callee.getType().isAny() ? 'shape' : 'type', method: name, receiver: '' };
  }
  return undefined;
}

/** The module an identifier is imported from, 'local' when the project declares it, undefined for globals. */
function importSourceOf(identifier: Node): string | undefined {
  const declarations = identifier.getSymbol()?.getDeclarations() ?? [];
  for (const decl of declarations) {
    const importDecl = Node.isImportDeclaration(decl) ? decl : decl.getFirstAncestorByKind(SyntaxKind.ImportDeclaration);
    if (importDecl) return importDecl.getModuleSpecifierValue();
  }
  const local = declarations.some((d) => !d.getSourceFile().isInNodeModules() && !d.getSourceFile().isDeclarationFile());
  return local ? 'local' : undefined;
}

/** A lazy builder runs when its chain reaches an executing method, or is awaited / returned / `.then`-ed. */
function isExecuted(top: CallExpression, above: CallExpression[], executedBy: readonly string[]): boolean {
  const methodOf = (call: CallExpression) => {
    const callee = call.getExpression();
    return Node.isPropertyAccessExpression(callee) ? callee.getName() : '';
  };
  if (above.some((call) => executedBy.includes(methodOf(call)))) return true;
  if (!executedBy.includes('await')) return false;
  if (above.some((call) => ['then', 'catch', 'finally'].includes(methodOf(call)))) return true;
  let outer: Node = top;
  while (Node.isParenthesizedExpression(outer.getParent()!) || Node.isAsExpression(outer.getParent()!)) outer = outer.getParent()!;
  const parent = outer.getParent();
  return (
    Node.isAwaitExpression(parent) ||
    Node.isReturnStatement(parent) ||
    Node.isYieldExpression(parent) ||
    (Node.isArrowFunction(parent) && parent.getBody() === outer)
  );
}

function textOf(match: CallMatch): string {
  const receiver = match.receiver.replace(/\(([^()]{24})[^()]+\)/g, '($1…)');
  return receiver ? `${receiver}.${match.method}` : match.method;
}
