import { Node, type CallExpression, type TaggedTemplateExpression } from 'ts-morph';
import { immediateRunner, isFunctionLike, unwrap, type FunctionLike, type IterationVocabulary } from './loops.js';

/** A call, or a tagged template (`prisma.$queryRaw\`…\``), which is a call too. */
export type CallSite = CallExpression | TaggedTemplateExpression;

/** One step of a chain: a call to a project function and the function it reaches. */
export interface ChainLink {
  call: CallSite;
  /** `UserRepository.findById`, `loadUser`. */
  name: string;
  declaration: FunctionLike;
}

/** What a call or a function ends up doing: the library call (`hit`) reached through `links`. */
export interface Reach<H> {
  hit: H;
  /** The project functions between the starting call and the hit, outermost first; empty when direct. */
  links: ChainLink[];
}

/**
 * Per-function summaries: "this function performs <hit>, via this chain". Each function is
 * summarised once per run (memoised), following calls to the project's own functions and methods
 * across files; recursion is cut where it loops back.
 */
export class FunctionSummaries<H> {
  private readonly memo = new Map<Node, Reach<H> | null>();
  private readonly inProgress = new Set<Node>();
  private readonly counts = new Map<Node, number>();

  /**
   * @param direct decides whether a call is itself a hit (called with the outermost call of each chain).
   * @param vocabulary which callbacks run at once (their body is part of the function) and which later.
   */
  constructor(
    private readonly direct: (call: CallSite) => H | undefined,
    private readonly vocabulary: IterationVocabulary,
  ) {}

  /** The hit a call performs: itself, or through the project functions it calls. */
  reachOf(call: CallSite): Reach<H> | undefined {
    const hit = this.direct(call);
    if (hit !== undefined) return { hit, links: [] };
    const declaration = resolveCallee(call);
    if (!declaration) return undefined;
    const summary = this.summaryOf(declaration);
    if (!summary) return undefined;
    return { hit: summary.hit, links: [{ call, name: functionName(declaration), declaration }, ...summary.links] };
  }

  /** How many of the calls a function (or a loop body) makes reach a hit (a lookup makes one; a unit of work several). */
  hitCallsIn(fn: FunctionLike | Node): number {
    let count = this.counts.get(fn);
    if (count === undefined) {
      count = executedCalls(fn, this.vocabulary).filter((call) => this.reachOf(call) !== undefined).length;
      this.counts.set(fn, count);
    }
    return count;
  }

  /** The first hit a function performs when it runs (in source order), or undefined. */
  summaryOf(fn: FunctionLike): Reach<H> | undefined {
    const known = this.memo.get(fn);
    if (known !== undefined) return known ?? undefined;
    if (this.inProgress.has(fn)) return undefined;
    this.inProgress.add(fn);
    let result: Reach<H> | undefined;
    try {
      for (const call of executedCalls(fn, this.vocabulary)) {
        result = this.reachOf(call);
        if (result) break;
      }
    } finally {
      this.inProgress.delete(fn);
    }
    this.memo.set(fn, result ?? null);
    return result;
  }
}

/**
 * Calls that run when `fn` (a function, or any node such as a loop body) runs: its body's calls, including those in callbacks run at once, not
 * those in nested declarations or deferred callbacks. Only the outermost call of each chain
 * (`a.b().c()` → the `.c()` call) is listed.
 */
export function executedCalls(fn: FunctionLike | Node, vocabulary: IterationVocabulary): CallSite[] {
  const body = isFunctionLike(fn) ? fn.getBody() : fn;
  if (!body) return [];
  const calls: CallSite[] = [];
  const visit = (node: Node) => {
    if (isFunctionLike(node) && node !== fn && immediateRunner(node, vocabulary) === undefined && !isIterationCallback(node, vocabulary)) return;
    if ((Node.isCallExpression(node) || Node.isTaggedTemplateExpression(node)) && isChainTop(node)) calls.push(node);
    node.forEachChild(visit);
  };
  visit(body);
  return calls;
}

/** True unless the call is the receiver of a further call in the same chain (`a.b()` in `a.b().c()`). */
export function isChainTop(call: Node): boolean {
  let outer = call;
  while (Node.isParenthesizedExpression(outer.getParent()!) || Node.isNonNullExpression(outer.getParent()!)) outer = outer.getParent()!;
  const parent = outer.getParent();
  if (!Node.isPropertyAccessExpression(parent) || parent.getExpression() !== outer) return true;
  const grand = parent.getParent();
  return !(Node.isCallExpression(grand) && grand.getExpression() === parent);
}

/** The calls of a chain, outermost first: `a.b().c()` → [`a.b().c()`, `a.b()`]. */
export function chainCalls(top: CallExpression): CallExpression[] {
  const calls: CallExpression[] = [];
  for (let current: Node | undefined = top; current && Node.isCallExpression(current); ) {
    calls.push(current);
    const callee = current.getExpression();
    current = Node.isPropertyAccessExpression(callee) ? unwrap(callee.getExpression()) : undefined;
  }
  return calls;
}

/** The project's own function or method a call reaches, or undefined (library, unresolved, no body). */
export function resolveCallee(call: CallSite): FunctionLike | undefined {
  const callee = unwrap(Node.isCallExpression(call) ? call.getExpression() : call.getTag());
  const nameNode = Node.isPropertyAccessExpression(callee) ? callee.getNameNode() : callee;
  let symbol = nameNode.getSymbol();
  if (symbol?.isAlias()) symbol = symbol.getAliasedSymbol() ?? symbol;
  for (const decl of symbol?.getDeclarations() ?? []) {
    const file = decl.getSourceFile();
    if (file.isInNodeModules() || file.isDeclarationFile()) continue;
    const fn = functionOf(decl);
    if (fn?.getBody()) return fn;
  }
  return undefined;
}

/** `UserRepository.findById`, `loadUsers`, `<anonymous>`. */
export function functionName(fn: Node): string {
  const owner = fn.getFirstAncestor((a) => Node.isClassDeclaration(a) || Node.isClassExpression(a) || Node.isObjectLiteralExpression(a));
  const ownerName = owner && (Node.isClassDeclaration(owner) || Node.isClassExpression(owner)) ? owner.getName() : undefined;
  let name: string | undefined;
  if (Node.isMethodDeclaration(fn) || Node.isFunctionDeclaration(fn) || Node.isGetAccessorDeclaration(fn)) name = fn.getName();
  const holder = fn.getParent();
  if (!name && holder && (Node.isVariableDeclaration(holder) || Node.isPropertyDeclaration(holder) || Node.isPropertyAssignment(holder))) {
    name = holder.getName();
  }
  if (!name) return '<anonymous>';
  return ownerName && !Node.isFunctionDeclaration(fn) ? `${ownerName}.${name}` : name;
}

function functionOf(decl: Node): FunctionLike | undefined {
  if (Node.isFunctionDeclaration(decl) || Node.isMethodDeclaration(decl) || Node.isGetAccessorDeclaration(decl)) {
    // Overloads: the implementation is the declaration with a body.
    if (decl.getBody()) return decl;
    const impl = (decl as unknown as { getImplementation?: () => FunctionLike | undefined }).getImplementation?.();
    return impl;
  }
  if (Node.isVariableDeclaration(decl) || Node.isPropertyDeclaration(decl) || Node.isPropertyAssignment(decl)) {
    const init = decl.getInitializer();
    const inner = init && unwrap(init);
    if (inner && (Node.isArrowFunction(inner) || Node.isFunctionExpression(inner))) return inner;
  }
  return undefined;
}

function isIterationCallback(node: Node, vocabulary: IterationVocabulary): boolean {
  const call = node.getParent();
  if (!Node.isCallExpression(call)) return false;
  const callee = call.getExpression();
  return call.getArguments().includes(node) && Node.isPropertyAccessExpression(callee) && vocabulary.iterationMethods.includes(callee.getName());
}
