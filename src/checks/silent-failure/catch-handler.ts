import { Node, SyntaxKind, type CallExpression, type Expression, type Type } from 'ts-morph';
import { announcesFallback, fallbackValue, hasComment, unwrapParentheses } from './catch-clause.js';
import { isBestEffort } from './best-effort.js';
import { promiseLike } from './promise-type.js';
import type { Vocabulary } from './vocabulary.js';

/** A rejection handler that loses the error: `.catch(() => {})`, `.catch(noop)`, `.then(ok, () => null)`. */
export interface HandlerVerdict {
  kind: 'swallow' | 'fallback';
  handler: Expression;
  receiver: Expression;
  commented: boolean;
  /** For `fallback`: the value the rejection becomes. */
  value: string;
}

export function classifyHandlerCall(call: CallExpression, vocabulary: Vocabulary): HandlerVerdict | undefined {
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.getName();
  const handler = method === 'catch' ? call.getArguments()[0] : method === 'then' ? call.getArguments()[1] : undefined;
  if (!handler || !Node.isExpression(handler)) return undefined;
  const verdict = classifyHandler(handler, vocabulary);
  if (!verdict) return undefined;
  const receiver = callee.getExpression();
  const promise = promiseLike(receiver.getType());
  if (promise === false || (promise === undefined && importedFrom(receiver, vocabulary.nonPromiseModules))) return undefined;
  if (observedElsewhere(receiver, call) || isBestEffort(receiver, vocabulary)) return undefined;
  // `const stat = await lstat(p).catch(() => undefined)`: the value says "none", like `.catch(() => null)`.
  const kind = verdict.kind === 'swallow' && !verdict.commented && valueIsUsed(call, receiver) ? 'fallback' : verdict.kind;
  if (kind === 'fallback' && announcesFallback(call, vocabulary)) return undefined;
  return { ...verdict, kind, handler, receiver };
}

/**
 * The settled value is stored, passed on or returned — and there is a value: a `Promise<void>` that
 * becomes `undefined` on failure is still a swallowed failure, not a fallback.
 */
function valueIsUsed(call: CallExpression, receiver: Expression): boolean {
  let node: Node = call;
  let parent = node.getParent();
  while (Node.isParenthesizedExpression(parent) || Node.isAwaitExpression(parent) || Node.isAsExpression(parent)) {
    node = parent;
    parent = node.getParent();
  }
  if (Node.isExpressionStatement(parent) || Node.isVoidExpression(parent)) return false;
  return !resolvesToNothing(receiver.getType());
}

function resolvesToNothing(type: Type): boolean {
  const settled = type.getSymbol()?.getName() === 'Promise' ? type.getTypeArguments()[0] : undefined;
  return settled !== undefined && (settled.isVoid() || settled.isUndefined());
}

function classifyHandler(handler: Expression, vocabulary: Vocabulary): Pick<HandlerVerdict, 'kind' | 'commented' | 'value'> | undefined {
  const fn = unwrapParentheses(handler);
  if (vocabulary.noopHandlers.includes(fn.getText())) return { kind: 'swallow', commented: false, value: 'undefined' };
  if (Node.isArrowFunction(fn) || Node.isFunctionExpression(fn)) return classifyBody(fn.getBody());
  if (Node.isIdentifier(fn) || Node.isPropertyAccessExpression(fn)) {
    // `const ignore = () => {}` declared in the project: as silent as `noop`.
    for (const declaration of fn.getSymbol()?.getDeclarations() ?? []) {
      if (declaration.getSourceFile().isInNodeModules() || declaration.getSourceFile().isDeclarationFile()) continue;
      const body = Node.isFunctionDeclaration(declaration)
        ? declaration.getBody()
        : Node.isVariableDeclaration(declaration)
          ? functionBodyOf(declaration.getInitializer())
          : undefined;
      const verdict = body && classifyBody(body);
      if (verdict?.kind === 'swallow') return verdict;
    }
  }
  return undefined;
}

function functionBodyOf(node: Node | undefined): Node | undefined {
  return Node.isArrowFunction(node) || Node.isFunctionExpression(node) ? node.getBody() : undefined;
}

function classifyBody(body: Node): Pick<HandlerVerdict, 'kind' | 'commented' | 'value'> | undefined {
  if (Node.isBlock(body)) {
    const statements = body.getStatements();
    const commented = hasComment(body);
    if (statements.length === 0) return { kind: 'swallow', commented, value: 'undefined' };
    const [only] = statements;
    if (statements.length !== 1 || !Node.isReturnStatement(only)) return undefined;
    const value = fallbackValue(only.getExpression());
    if (value === undefined || commented) return undefined;
    return { kind: value === 'undefined' ? 'swallow' : 'fallback', commented, value };
  }
  if (!Node.isExpression(body)) return undefined;
  const value = fallbackValue(body);
  if (value === undefined) return undefined;
  return { kind: value === 'undefined' ? 'swallow' : 'fallback', commented: false, value };
}

/** `z.string().catch(…)` with `z` imported from "zod": the chain's root identifier comes from one of `modules`. */
function importedFrom(receiver: Expression, modules: readonly string[]): boolean {
  let root: Node = receiver;
  while (Node.isPropertyAccessExpression(root) || Node.isCallExpression(root) || Node.isElementAccessExpression(root) || Node.isNonNullExpression(root)) {
    root = root.getExpression();
  }
  if (!Node.isIdentifier(root)) return false;
  return (root.getSymbol()?.getDeclarations() ?? []).some((d) => {
    const from = d.getFirstAncestorByKind(SyntaxKind.ImportDeclaration)?.getModuleSpecifierValue();
    return from !== undefined && modules.some((m) => from === m || from.startsWith(`${m}/`));
  });
}

/**
 * `const p = work(); p.catch(() => {}); … await p`: the empty handler only stops an
 * "unhandled rejection" while the promise waits; the error still reaches the `await`.
 */
function observedElsewhere(receiver: Expression, call: CallExpression): boolean {
  if (!Node.isIdentifier(receiver)) return false;
  const symbol = receiver.getSymbol();
  if (!symbol) return false;
  const scope = call.getFirstAncestor((a) => Node.isFunctionLikeDeclaration(a)) ?? call.getSourceFile();
  return scope
    .getDescendantsOfKind(SyntaxKind.Identifier)
    .some((id) => id !== receiver && id.getText() === receiver.getText() && id.getSymbol() === symbol && passesRejectionOn(id));
}

/** `await p`, `return p`, `Promise.all([p])`, `yield p`: the rejection reaches someone. */
function passesRejectionOn(id: Node): boolean {
  const parent = id.getParent();
  if (Node.isArrowFunction(parent)) return parent.getBody() === id;
  return (
    Node.isAwaitExpression(parent) ||
    Node.isReturnStatement(parent) ||
    Node.isYieldExpression(parent) ||
    Node.isArrayLiteralExpression(parent) ||
    (Node.isCallExpression(parent) && parent.getArguments().includes(id))
  );
}
