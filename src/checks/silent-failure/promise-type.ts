import { Node, SyntaxKind, type CallExpression, type Expression, type Type } from 'ts-morph';
import { skipOuterExpressions } from '../../analysis/outer-expressions.js';

/** `promise`: certain (by type, or an `async`/`Promise<…>` declaration); `maybe`: the project's function passes on a value of unknown type. */
export type PromiseVerdict = 'promise' | 'maybe' | 'no';

/** A function-like declaration the project itself wrote (not a library's .d.ts). */
export type OwnFunction = Node & { getBody(): Node | undefined; isAsync?(): boolean };

/**
 * true: a thenable (has a callable `then`); false: a resolved type that is not one (a query builder's
 * own `.catch`, a Result type); undefined: the type did not resolve (no declarations) — judged by shape.
 */
export function promiseLike(type: Type): boolean | undefined {
  if (type.isAny() || type.isUnknown() || type.getText() === 'error') return undefined;
  const parts = type.isUnion() ? type.getUnionTypes() : [type];
  return parts.some((part) => {
    const then = part.getProperty('then');
    const declaration = then?.getDeclarations()[0];
    return declaration !== undefined && then!.getTypeAtLocation(declaration).getCallSignatures().length > 0;
  });
}

/**
 * Is the value of this call a promise? The type checker first; when the type does not resolve (a
 * library without declarations), the callee's own declaration in the project: `async`, a declared
 * `Promise<…>`, or — unsure — a body that returns a call whose type is unknown.
 */
export function callReturnsPromise(call: CallExpression, nonPromiseModules: readonly string[]): PromiseVerdict {
  const byType = promiseLike(call.getType());
  if (byType !== undefined) return byType ? 'promise' : 'no';
  return ownFunctionsOf(call.getExpression()).reduce<PromiseVerdict>((found, fn) => strongest(found, declaredPromise(fn, nonPromiseModules)), 'no');
}

/** What a function value returns: a function expression by its `async` and signature, a reference by its declaration. */
export function functionReturnsPromise(fn: Expression): PromiseVerdict {
  const inner = skipOuterExpressions(fn);
  if (Node.isArrowFunction(inner) || Node.isFunctionExpression(inner)) {
    if (inner.isAsync()) return 'promise';
    const byType = promiseLike(inner.getReturnType());
    return byType === undefined ? declaredPromise(inner, []) : byType ? 'promise' : 'no';
  }
  const signatures = inner.getType().getCallSignatures();
  const byType = signatures.length > 0 ? promiseLike(signatures[0].getReturnType()) : undefined;
  if (byType !== undefined) return byType ? 'promise' : 'no';
  return ownFunctionsOf(inner).some((d) => declaredPromise(d, []) === 'promise') ? 'promise' : 'no';
}

/** The project's declarations behind a callee or function reference (`save`, `this.mailer.send`, an imported function). */
export function ownFunctionsOf(expression: Node): OwnFunction[] {
  const target = Node.isPropertyAccessExpression(expression) ? expression.getNameNode() : expression;
  const symbol = target.getSymbol();
  const resolved = symbol?.isAlias() ? symbol.getAliasedSymbol() ?? symbol : symbol;
  const functions: OwnFunction[] = [];
  for (const declaration of resolved?.getDeclarations() ?? []) {
    const file = declaration.getSourceFile();
    if (file.isInNodeModules() || file.isDeclarationFile()) continue;
    const fn = functionOf(declaration);
    if (fn) functions.push(fn);
  }
  return functions;
}

function functionOf(declaration: Node): OwnFunction | undefined {
  if (Node.isFunctionDeclaration(declaration) || Node.isMethodDeclaration(declaration)) return declaration;
  if (Node.isVariableDeclaration(declaration) || Node.isPropertyDeclaration(declaration) || Node.isPropertyAssignment(declaration)) {
    const init = declaration.getInitializer();
    const inner = init && skipOuterExpressions(init);
    if (Node.isArrowFunction(inner) || Node.isFunctionExpression(inner)) return inner;
  }
  return undefined;
}

function declaredPromise(fn: OwnFunction, nonPromiseModules: readonly string[]): PromiseVerdict {
  if (fn.isAsync?.()) return 'promise';
  const returnType = (fn as Node & { getReturnTypeNode?(): Node | undefined }).getReturnTypeNode?.();
  if (returnType) return /^(Promise|PromiseLike)\s*</.test(returnType.getText()) ? 'promise' : 'no';
  return returnsUnknownCall(fn, nonPromiseModules) ? 'maybe' : 'no';
}

/**
 * `send(m) { return this.transport.sendMail(m); }` with the transport's library not installed — unless
 * the receiver comes from a module known to return no promise (`this.emitter.emit(…)` of node:events).
 */
function returnsUnknownCall(fn: OwnFunction, nonPromiseModules: readonly string[]): boolean {
  const body = fn.getBody();
  if (!body) return false;
  const returned = Node.isBlock(body)
    ? body.getDescendantsOfKind(SyntaxKind.ReturnStatement).filter((r) => (r.getFirstAncestor((a) => Node.isFunctionLikeDeclaration(a)) as Node | undefined) === fn).map((r) => r.getExpression())
    : [body];
  return returned.some((value) => {
    const inner = value && skipOuterExpressions(value);
    if (!Node.isCallExpression(inner) || promiseLike(inner.getType()) !== undefined) return false;
    const module = originModule(inner.getExpression());
    return module === undefined || !nonPromiseModules.some((m) => module === m || module.startsWith(`${m}/`));
  });
}

/**
 * The module a call's receiver comes from, through `this.x` / `x` declared with an imported type or
 * initialised with `new Imported()`: `this.emitter.emit` → "node:events".
 */
export function originModule(callee: Node): string | undefined {
  let root: Node = callee;
  while (Node.isPropertyAccessExpression(root) && !Node.isThisExpression(root.getExpression())) root = root.getExpression();
  if (Node.isCallExpression(root) || Node.isNewExpression(root)) return originModule(root.getExpression());
  for (const declaration of root.getSymbol()?.getDeclarations() ?? []) {
    const imported = declaration.getFirstAncestorByKind(SyntaxKind.ImportDeclaration);
    if (imported) return imported.getModuleSpecifierValue();
    if (Node.isPropertyDeclaration(declaration) || Node.isVariableDeclaration(declaration) || Node.isParameterDeclaration(declaration)) {
      const typeName = declaration.getTypeNode()?.getFirstDescendantByKind(SyntaxKind.Identifier) ?? declaration.getTypeNode();
      const initializer = declaration.getInitializer();
      const from = typeName ?? (Node.isNewExpression(initializer) ? initializer.getExpression() : undefined);
      if (from && from !== root) return originModule(from);
    }
  }
  return undefined;
}

function strongest(a: PromiseVerdict, b: PromiseVerdict): PromiseVerdict {
  const rank = { no: 0, maybe: 1, promise: 2 } as const;
  return rank[a] >= rank[b] ? a : b;
}

/**
 * A function that cannot reject: its body is try/catch blocks whose `catch` does not throw
 * (`async function notify() { try { … } catch (e) { logger.error(e) } }`). Calling it without
 * `await` loses nothing.
 */
export function cannotReject(fn: Node): boolean {
  const body = (fn as Node & { getBody?(): Node | undefined }).getBody?.();
  if (!body || !Node.isBlock(body)) return false;
  const statements = body.getStatements();
  return (
    statements.length > 0 &&
    statements.every((s) => {
      if (!Node.isTryStatement(s)) return false;
      const handler = s.getCatchClause();
      return handler !== undefined && !throwsFrom(handler.getBlock(), fn) && !throwsFrom(s.getFinallyBlock(), fn);
    })
  );
}

function throwsFrom(block: Node | undefined, fn: Node): boolean {
  if (!block) return false;
  return block.getDescendantsOfKind(SyntaxKind.ThrowStatement).some((t) => t.getFirstAncestor((a) => Node.isFunctionLikeDeclaration(a)) === fn);
}
