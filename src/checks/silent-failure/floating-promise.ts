import { Node, SyntaxKind, type CallExpression, type Expression, type SourceFile } from 'ts-morph';
import { skipOuterExpressions } from '../../analysis/outer-expressions.js';
import { callReturnsPromise, cannotReject, ownFunctionsOf } from './promise-type.js';

/** A promise whose value is dropped: nobody awaits it, returns it, stores it or handles its rejection. */
export interface FloatingPromise {
  call: CallExpression;
  /** `maybe`: the callee's type did not resolve; its declaration passes on a value of unknown type. */
  certainty: 'promise' | 'maybe';
}

/**
 * Calls in statement position (`save(order);`, `cond && save()`, `a ? save() : skip()`), including in
 * loops and callbacks, whose value is a promise. Not floating: `await`, `return`, `void`, an assignment,
 * an argument, `.catch(handler)`, `.then(ok, onRejected)`, and a callee that catches its own errors.
 */
export function floatingPromises(file: SourceFile, nonPromiseModules: readonly string[]): FloatingPromise[] {
  const found: FloatingPromise[] = [];
  for (const statement of file.getDescendantsOfKind(SyntaxKind.ExpressionStatement)) {
    for (const candidate of discarded(statement.getExpression())) {
      if (!Node.isCallExpression(candidate) || handlesRejection(candidate)) continue;
      const certainty = callReturnsPromise(candidate, nonPromiseModules);
      if (certainty === 'no' || calleeCannotReject(candidate)) continue;
      found.push({ call: candidate, certainty });
    }
  }
  return found;
}

/** The sub-expressions whose value a statement drops. */
function discarded(expression: Expression): Expression[] {
  const inner = skipOuterExpressions(expression) as Expression;
  if (Node.isConditionalExpression(inner)) return [...discarded(inner.getWhenTrue()), ...discarded(inner.getWhenFalse())];
  if (Node.isBinaryExpression(inner)) {
    const operator = inner.getOperatorToken().getKind();
    if (operator === SyntaxKind.CommaToken) return [...discarded(inner.getLeft()), ...discarded(inner.getRight())];
    if (operator === SyntaxKind.AmpersandAmpersandToken || operator === SyntaxKind.BarBarToken || operator === SyntaxKind.QuestionQuestionToken) {
      return discarded(inner.getRight());
    }
    return [];
  }
  return [inner];
}

/** `.catch(h)` and `.then(ok, h)` end the chain with a handler (whether it swallows is `swallowingHandler`'s business). */
function handlesRejection(call: CallExpression): boolean {
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee)) return false;
  const method = callee.getName();
  return (method === 'catch' && call.getArguments().length > 0) || (method === 'then' && call.getArguments().length > 1);
}

/** `notify()` whose body is a try/catch that logs: fire-and-forget loses nothing. Looks through `.then/.finally` to the root call. */
function calleeCannotReject(call: CallExpression): boolean {
  let root: Expression = call;
  while (Node.isCallExpression(root)) {
    const callee = root.getExpression();
    if (!Node.isPropertyAccessExpression(callee) || !['then', 'finally'].includes(callee.getName()) || !Node.isCallExpression(callee.getExpression())) break;
    root = callee.getExpression();
  }
  if (!Node.isCallExpression(root)) return false;
  const own = ownFunctionsOf(root.getExpression());
  return own.length > 0 && own.every(cannotReject);
}
