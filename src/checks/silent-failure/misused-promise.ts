import { Node, SyntaxKind, type CallExpression, type Expression, type Node as AnyNode, type SourceFile, type Type } from 'ts-morph';
import { skipOuterExpressions } from '../../analysis/outer-expressions.js';
import { cannotReject, functionReturnsPromise, ownFunctionsOf } from './promise-type.js';
import type { Vocabulary } from './vocabulary.js';
import { descendantsOfKind } from '../../analysis/descendants.js';

/** A promise-returning function handed to an API that ignores what its callback returns. */
export interface MisusedPromise {
  call: CallExpression;
  callback: Expression;
  /** The API as written (`items.forEach`, `setTimeout`, `emitter.on`, `router.post`). */
  api: string;
  kind: 'iteration' | 'void-callback' | 'route-handler';
  /** `maybe`: no types; judged by the API's name only (an Express app/router: Express 5 forwards rejections, 4 does not). */
  certainty: 'promise' | 'maybe';
}

const ITERATION = new Set(['forEach']);

/**
 * `items.forEach(async (i) => …)`, `setTimeout(async () => …)`, `emitter.on('x', async () => …)`,
 * `router.post('/x', async (req, res) => …)`: the API calls the function and drops the promise, so a
 * rejection inside is unhandled. With types, "ignores the return" is the parameter's type (a callback
 * returning `void`; Express 5's handler type accepts a promise, Express 4's does not). Without types,
 * the API's name (silent-failure-void-callbacks, silent-failure-route-methods).
 */
export function misusedPromises(file: SourceFile, vocabulary: Vocabulary): MisusedPromise[] {
  const found: MisusedPromise[] = [];
  for (const call of descendantsOfKind(file, SyntaxKind.CallExpression)) {
    const args = call.getArguments();
    if (args.length === 0) continue;
    const api = calleeName(call);
    for (const arg of args) {
      const callback = skipOuterExpressions(arg) as Expression;
      if (!isFunctionValue(callback)) continue;
      const expects = expectsVoid(callback, call, api, vocabulary);
      if (!expects) continue;
      if (functionReturnsPromise(callback) !== 'promise' || neverRejects(callback)) continue;
      found.push({ call, callback, api: api.text, kind: expects.kind, certainty: expects.certainty });
    }
  }
  return found;
}

function isFunctionValue(node: AnyNode): boolean {
  return Node.isArrowFunction(node) || Node.isFunctionExpression(node) || Node.isIdentifier(node) || Node.isPropertyAccessExpression(node);
}

function calleeName(call: CallExpression): { text: string; method: string; receiver?: string } {
  const callee = skipOuterExpressions(call.getExpression());
  if (Node.isPropertyAccessExpression(callee)) return { text: callee.getText(), method: callee.getName(), receiver: callee.getExpression().getText() };
  return { text: callee.getText(), method: callee.getText() };
}

function expectsVoid(callback: Expression, call: CallExpression, api: ReturnType<typeof calleeName>, vocabulary: Vocabulary): Pick<MisusedPromise, 'kind' | 'certainty'> | undefined {
  const kind = ITERATION.has(api.method) ? 'iteration' : isRouteMethod(api, vocabulary) ? 'route-handler' : 'void-callback';
  const contextual = callback.getContextualType();
  const byType = contextual && returnsOnlyVoid(contextual);
  if (byType !== undefined) return byType ? { kind, certainty: 'promise' } : undefined;
  if (vocabulary.voidCallbacks.includes(api.method)) return { kind, certainty: 'promise' };
  if (kind === 'route-handler') return { kind, certainty: 'maybe' };
  return undefined;
}

/** true: every signature of the parameter's type returns `void`; false: one accepts a value (a promise); undefined: unresolved. */
function returnsOnlyVoid(type: Type): boolean | undefined {
  if (type.isAny() || type.isUnknown()) return undefined;
  const parts = type.isUnion() ? type.getUnionTypes() : [type];
  const signatures = parts.flatMap((p) => p.getCallSignatures());
  if (signatures.length === 0) return undefined;
  return signatures.every((s) => s.getReturnType().isVoid());
}

/** `app.get('/x', …)`, `router.post(…)`: a route method on a receiver named like an Express app or router. */
function isRouteMethod(api: ReturnType<typeof calleeName>, vocabulary: Vocabulary): boolean {
  if (!api.receiver || !vocabulary.routeMethods.includes(api.method)) return false;
  const receiver = api.receiver.split('.').pop() ?? '';
  return /^(app|router|api|server)$/i.test(receiver) || /Router$/.test(receiver);
}

/** The callback (or the function it names) cannot reject: its body catches and does not rethrow (e.g. forwards to `next(error)`). */
function neverRejects(callback: Expression): boolean {
  if (Node.isArrowFunction(callback) || Node.isFunctionExpression(callback)) return cannotReject(callback);
  const own = ownFunctionsOf(callback);
  return own.length > 0 && own.every(cannotReject);
}
