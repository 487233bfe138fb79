import { Node, SyntaxKind, type Type } from 'ts-morph';

/**
 * Loops and iteration callbacks: where code runs once per element of a collection.
 * Shared by checks that care about work repeated per element (n-plus-one).
 */
export type IterationKind = 'for' | 'for-of' | 'for-in' | 'for-await' | 'while' | 'do-while' | 'callback';

export interface Iteration {
  kind: IterationKind;
  /** The loop statement, or the iteration call (`items.map(fn)`). */
  node: Node;
  /** What runs once per element: the loop body or the callback. */
  body: Node;
  /** The iterated collection (`items`, `ids` in `i < ids.length`); absent for loops that iterate no collection. */
  collection?: Node;
  /** `Promise.all(items.map(fn))` / `allSettled`: the per-element work runs concurrently. */
  parallel: boolean;
  /** The iteration method for callbacks (`map`). */
  method?: string;
}

export interface IterationVocabulary {
  /** Methods that call their callback once per element of an array-like receiver (`map`, `forEach`, …). */
  iterationMethods: readonly string[];
  /** Calls whose callback runs later, not now (`setTimeout`, `on`): their body is not part of the loop. */
  deferredCallbacks: readonly string[];
  /** Calls known to run their callback at once, every time (`$transaction`, `limit`): nothing to doubt. */
  immediateCallbacks?: readonly string[];
}

export interface EnclosingIteration {
  iteration: Iteration;
  /** Calls, between the node and the iteration, whose callback argument the node sits in (`cache.wrap`),
   * other than the `immediateCallbacks`: they may not run it. */
  throughCallbacks: string[];
}

export type FunctionLike = Node & { getBody(): Node | undefined };

export function isFunctionLike(node: Node): node is FunctionLike {
  return (
    Node.isArrowFunction(node) ||
    Node.isFunctionExpression(node) ||
    Node.isFunctionDeclaration(node) ||
    Node.isMethodDeclaration(node) ||
    Node.isConstructorDeclaration(node) ||
    Node.isGetAccessorDeclaration(node) ||
    Node.isSetAccessorDeclaration(node)
  );
}

/**
 * The innermost iteration whose per-element part contains `node`, crossing callbacks that run at
 * once (`.then`, an IIFE, `retry(() => …)`), but not function declarations or deferred callbacks.
 */
export function enclosingIteration(node: Node, vocabulary: IterationVocabulary): EnclosingIteration | undefined {
  const throughCallbacks: string[] = [];
  let child = node;
  for (let parent = node.getParent(); parent; child = parent, parent = parent.getParent()) {
    const loop = loopIteration(parent);
    if (loop) {
      // A loop over no collection (retry, polling, pagination) is not "per element"; an outer one may be.
      if (loop.body === child && loop.collection) return { iteration: loop, throughCallbacks };
      continue;
    }
    if (isFunctionLike(parent)) {
      const callback = callbackIteration(parent, vocabulary);
      if (callback) return { iteration: callback, throughCallbacks };
      const runner = immediateRunner(parent, vocabulary);
      if (runner === undefined) return undefined;
      if (runner !== '' && !vocabulary.immediateCallbacks?.includes(runner)) throughCallbacks.push(runner);
    }
  }
  return undefined;
}

/** The loop statement as an iteration, or undefined when `node` is no loop. */
export function loopIteration(node: Node): Iteration | undefined {
  if (Node.isForOfStatement(node)) {
    const kind = node.isAwaited() ? 'for-await' : 'for-of';
    return { kind, node, body: node.getStatement(), collection: node.getExpression(), parallel: false };
  }
  if (Node.isForInStatement(node)) {
    return { kind: 'for-in', node, body: node.getStatement(), collection: node.getExpression(), parallel: false };
  }
  if (Node.isForStatement(node)) {
    const condition = node.getCondition();
    return { kind: 'for', node, body: node.getStatement(), collection: condition && indexBound(condition), parallel: false };
  }
  if (Node.isWhileStatement(node) || Node.isDoStatement(node)) {
    const kind = Node.isWhileStatement(node) ? 'while' : 'do-while';
    const collection = drainedCollection(node.getExpression(), node.getStatement());
    return { kind, node, body: node.getStatement(), collection, parallel: false };
  }
  return undefined;
}

/** `items.map(fn)` on an array-like `items`: the callback is an iteration. */
export function callbackIteration(fn: Node, vocabulary: IterationVocabulary): Iteration | undefined {
  const call = fn.getParent();
  if (!Node.isCallExpression(call) || !call.getArguments().includes(fn)) return undefined;
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.getName();
  if (!vocabulary.iterationMethods.includes(method)) return undefined;
  const receiver = callee.getExpression();
  if (!isArrayLike(receiver.getType())) return undefined;
  return { kind: 'callback', node: call, body: fn, collection: receiver, parallel: isAwaitedTogether(call), method };
}

/**
 * How a function expression runs: '' when at once without a name worth noting (IIFE, `.then`,
 * `new Promise`), the callee's name when passed to another call (`retry`), undefined when it does
 * not run here (declared, stored, or handed to a deferred API such as `setTimeout`).
 */
export function immediateRunner(fn: Node, vocabulary: IterationVocabulary): string | undefined {
  if (!Node.isArrowFunction(fn) && !Node.isFunctionExpression(fn)) return undefined;
  let outer: Node = fn;
  while (Node.isParenthesizedExpression(outer.getParent()!)) outer = outer.getParent()!;
  const parent = outer.getParent();
  if (Node.isCallExpression(parent) && parent.getExpression() === outer) return '';
  if (Node.isNewExpression(parent)) return parent.getArguments().includes(outer) ? '' : undefined;
  if (!Node.isCallExpression(parent) || !parent.getArguments().includes(outer)) return undefined;
  const name = calleeName(parent.getExpression());
  if (vocabulary.deferredCallbacks.includes(name)) return undefined;
  return ['then', 'catch', 'finally'].includes(name) ? '' : name;
}

/** Arrays, tuples, Sets and Maps; also values whose type is unknown (no declarations installed). */
export function isArrayLike(type: Type): boolean {
  if (type.isAny() || type.isUnknown() || type.getText() === 'error') return true;
  const parts = type.isUnion() ? type.getUnionTypes().filter((t) => !t.isUndefined() && !t.isNull()) : [type];
  return parts.length > 0 && parts.every((t) => t.isArray() || t.isTuple() || COLLECTION_TYPES.has(t.getSymbol()?.getName() ?? ''));
}

const COLLECTION_TYPES = new Set(['Array', 'ReadonlyArray', 'Set', 'ReadonlySet', 'Map', 'ReadonlyMap']);

/**
 * A collection spelled out in the code with at most `max` elements: `['a', 'b']`, a `const` bound to
 * such a literal, a short tuple type, `Object.keys(obj)` of a literal object, an enum's values.
 */
export function isShortConstantCollection(expr: Node, max: number, depth = 0): boolean {
  if (depth > 3) return false;
  const inner = unwrap(expr);
  if (Node.isArrayLiteralExpression(inner)) {
    const elements = inner.getElements();
    return elements.length <= max && !elements.some((e) => Node.isSpreadElement(e));
  }
  if (Node.isObjectLiteralExpression(inner)) {
    const properties = inner.getProperties();
    return properties.length <= max && !properties.some((p) => Node.isSpreadAssignment(p));
  }
  if (Node.isCallExpression(inner)) {
    const callee = inner.getExpression().getText();
    const [arg] = inner.getArguments();
    if (/^Object\.(keys|values|entries)$/.test(callee) && arg) return isShortConstantCollection(arg, max, depth + 1);
  }
  if (Node.isIdentifier(inner) || Node.isPropertyAccessExpression(inner)) {
    const symbol = inner.getSymbol();
    // An imported `const JOBS = [...]` is as constant as a local one.
    for (const decl of (symbol?.getAliasedSymbol() ?? symbol)?.getDeclarations() ?? []) {
      if (Node.isEnumDeclaration(decl)) return decl.getMembers().length <= max;
      if (Node.isVariableDeclaration(decl) && decl.getVariableStatement()?.getDeclarationKind() === 'const') {
        const init = decl.getInitializer();
        // `const rows = []` filled by `rows.push(…)` is as long as the data, not the literal.
        if (init && isShortConstantCollection(init, max, depth + 1) && !isFilledLater(decl)) return true;
      }
      if (Node.isPropertyDeclaration(decl) && decl.isReadonly()) {
        const init = decl.getInitializer();
        if (init && isShortConstantCollection(init, max, depth + 1)) return true;
      }
    }
  }
  const type = inner.getType();
  return type.isTuple() && type.getTupleElements().length <= max;
}

const MUTATORS = new Set(['push', 'unshift', 'splice', 'fill', 'set', 'add', 'copyWithin']);

/** A `const` array or object that code adds to: `rows.push(x)`, `rows[i] = x`, `Object.assign(map, …)`. */
function isFilledLater(decl: Node & { getName(): string }): boolean {
  const name = decl.getName();
  const symbol = (decl as Node).getSymbol();
  const scope = decl.getFirstAncestor((a) => Node.isBlock(a) || Node.isSourceFile(a) || Node.isModuleBlock(a)) ?? decl.getSourceFile();
  return scope.getDescendantsOfKind(SyntaxKind.Identifier).some((id) => {
    if (id.getText() !== name || id.getSymbol() !== symbol) return false;
    const parent = id.getParent();
    if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === id) {
      return MUTATORS.has(parent.getName()) && Node.isCallExpression(parent.getParent());
    }
    if (Node.isElementAccessExpression(parent) && parent.getExpression() === id) {
      const assignment = parent.getParent();
      return Node.isBinaryExpression(assignment) && assignment.getLeft() === parent && isAssignment(assignment.getOperatorToken().getText());
    }
    if (Node.isCallExpression(parent) && parent.getArguments()[0] === id) return parent.getExpression().getText() === 'Object.assign';
    return false;
  });
}

function isAssignment(operator: string): boolean {
  return operator.endsWith('=') && !['==', '===', '!=', '!==', '<=', '>='].includes(operator);
}

/** The node without parentheses, `as` / `satisfies` / `!` wrappers. */
export function unwrap(node: Node): Node {
  let current = node;
  while (
    Node.isParenthesizedExpression(current) ||
    Node.isAsExpression(current) ||
    Node.isNonNullExpression(current) ||
    Node.isSatisfiesExpression(current)
  ) {
    current = current.getExpression();
  }
  return current;
}

/** `i < items.length` → `items`: an indexed `for` over a collection. */
function indexBound(condition: Node): Node | undefined {
  if (!Node.isBinaryExpression(condition)) return undefined;
  const op = condition.getOperatorToken().getKind();
  if (op !== SyntaxKind.LessThanToken && op !== SyntaxKind.LessThanEqualsToken) return undefined;
  return sizeOf(condition.getRight());
}

/**
 * `while (queue.length)` / `while (queue.length > 0)` draining a queue. When the body assigns the
 * collection (`rows = await nextPage(cursor)`), it is a pagination loop, not a collection.
 */
function drainedCollection(condition: Node, body: Node): Node | undefined {
  let sized: Node | undefined;
  if (Node.isBinaryExpression(condition)) {
    const op = condition.getOperatorToken().getText();
    if (['>', '!==', '!='].includes(op) && condition.getRight().getText() === '0') sized = sizeOf(condition.getLeft());
  } else {
    sized = sizeOf(condition);
  }
  if (!sized || !Node.isIdentifier(sized)) return undefined;
  const name = sized.getText();
  const reassigned = body
    .getDescendantsOfKind(SyntaxKind.BinaryExpression)
    .some((b) => b.getOperatorToken().getKind() === SyntaxKind.EqualsToken && b.getLeft().getText() === name);
  return reassigned ? undefined : sized;
}

function sizeOf(node: Node): Node | undefined {
  const inner = unwrap(node);
  if (Node.isPropertyAccessExpression(inner) && ['length', 'size'].includes(inner.getName())) return inner.getExpression();
  return undefined;
}

/** `Promise.all(items.map(fn))`, also behind `await`, as the direct argument. */
function isAwaitedTogether(call: Node): boolean {
  const parent = call.getParent();
  if (!Node.isCallExpression(parent)) return false;
  return /^Promise\.(all|allSettled|any|race)$/.test(parent.getExpression().getText());
}

export function calleeName(callee: Node): string {
  const inner = unwrap(callee);
  if (Node.isPropertyAccessExpression(inner)) return inner.getName();
  if (Node.isIdentifier(inner)) return inner.getText();
  return '';
}

/**
 * Each pass handles a batch, not an element: `for (let i = 0; i < rows.length; i += SIZE)` (a step other
 * than 1), or a loop over chunks (`for (const batch of chunk(rows, 500))`, `_.chunk`, a `chunks`/`batches`
 * array). A query in it runs once per batch: that is the fix for N+1, already applied.
 */
export function iteratesBatches(iteration: Iteration): boolean {
  const loop = iteration.node;
  if (Node.isForStatement(loop)) {
    const step = loop.getIncrementor();
    if (step && Node.isBinaryExpression(step) && ['+=', '-='].includes(step.getOperatorToken().getText())) {
      return step.getRight().getText() !== '1';
    }
    return false;
  }
  const collection = iteration.collection && unwrap(iteration.collection);
  if (!collection) return false;
  const named = Node.isCallExpression(collection) ? collection.getExpression().getText() : collection.getText();
  return /(^|\.)(chunks?|batch(es)?|chunked\w*|batched\w*|\w+(Chunks|Batches))$/i.test(named.replace(/\(.*$/, ''));
}
