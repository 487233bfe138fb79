import { Node, SyntaxKind, type CatchClause, type CallExpression, type SourceFile } from 'ts-morph';
import { z } from 'zod';
import { defineCheck, type CheckContext } from '../../core/check.js';
import { classifyCatch } from './catch-clause.js';
import { classifyHandlerCall } from './catch-handler.js';
import { floatingPromises } from './floating-promise.js';
import { misusedPromises } from './misused-promise.js';
import { ownFunctionsOf } from './promise-type.js';
import { catchFix, createLoggerFinder, floatingFix, handlerFix, type LoggerInUse } from './suggested-fix.js';
import { vocabularyOf, type Vocabulary } from './vocabulary.js';
import { shortCode } from '../../analysis/function-names.js';
import { descendantsOfKind } from '../../analysis/descendants.js';

/**
 * Checklist item `correct.silent-failures`: "No silent failures (uncaught promise rejections)?"
 * (checklists/default.yml). An error that is caught and dropped is worse than an uncaught one:
 * nothing logs it, no metric counts it, and the caller carries on as if the operation succeeded.
 */
const optionsSchema = z
  .strictObject({
    reportFloating: z
      .boolean()
      .default(true)
      .describe('Report floating promises (a promise nobody awaits or handles) and async callbacks passed where a void callback is expected.'),
    reportFallbacks: z
      .boolean()
      .default(true)
      .describe('Report `catch` blocks (and `.catch` handlers) that only return null, undefined or [].'),
  })
  .describe('Options of silent-failure.');

type Options = z.output<typeof optionsSchema>;

const WHY = 'nothing logs it, no metric counts it, and the caller sees success';

export default defineCheck({
  id: 'silent-failure',
  meta: {
    title: 'Silent failures',
    description: 'Finds caught errors and promise rejections that are dropped without a log, a rethrow or a typed result, so failures pass unnoticed.',
    checklistItem: 'correct.silent-failures',
    defaultSeverity: 'error',
    messages: {
      emptyCatch: `Empty \`catch\` swallows every error from {{tried}}: ${WHY}. Log it with context and rethrow, return a typed error, or let it propagate.`,
      commentOnlyCatch: `This \`catch\` holds only a comment, so errors from {{tried}} still vanish: ${WHY}. A comment explains, it does not handle: log the error (at least at warn level) or rethrow it.`,
      fallbackCatch:
        'This `catch` only returns `{{value}}`: errors from {{tried}} are dropped without a log or rethrow, and the caller cannot tell a failure from an empty result. Log with context and rethrow, return a typed error, or say in a comment why `{{value}}` is the right answer on failure.',
      swallowingHandler: `\`.{{method}}({{handler}})\` swallows every rejection of \`{{receiver}}\`: ${WHY}. Log it with context and rethrow, or handle only the error you expect.`,
      commentOnlyHandler: `\`.{{method}}({{handler}})\` holds only a comment, so a rejection of \`{{receiver}}\` still vanishes: ${WHY}. Log the error (at least at warn level) or rethrow it.`,
      fallbackHandler:
        '`.{{method}}({{handler}})` replaces any rejection of `{{receiver}}` with `{{value}}`: the error is not logged, and the caller cannot tell a failure from an empty result. Log it with context and rethrow, or return a typed error.',
      floatingPromise:
        '`{{call}}` returns a promise that nothing awaits, returns or handles: if it rejects, the caller has already reported success, nothing logs the error where it happened, and Node ends the process on the unhandled rejection. `await` it (or return it) so the failure reaches the caller.',
      maybeFloatingPromise:
        '`{{call}}` may return a promise that nothing awaits or handles: `{{callee}}` passes on the result of `{{returned}}`, whose type is unknown without the library\'s type declarations. If it is a promise, `await` it or handle its rejection.',
      misusedIteration:
        '`{{api}}` does not wait for an async callback: the loop ends before the work does, the caller sees success, and a rejection inside is unhandled. Use `for (const item of items) { await … }`, or `await Promise.all(items.map(async (item) => …))`.',
      misusedCallback:
        '`{{api}}` ignores what its callback returns, so the promise of this async callback is dropped: a rejection inside is unhandled and nobody logs it. Catch inside the callback (`try { … } catch (error) { logger.error(\'…\', error); }`).',
      misusedRouteHandler:
        '`{{api}}` does not handle a rejected promise from this async handler (Express 4): the request hangs until it times out and the error is unhandled. Wrap the body in `try { … } catch (error) { next(error); }`, or move to Express 5, which forwards rejections to the error handler.',
      maybeMisusedRouteHandler:
        'Is `{{receiver}}` an Express 4 app or router? Express 4 does not handle a rejected promise from this async handler (the request hangs and the error is unhandled); Express 5 does, and without express\'s type declarations the version is unknown. On Express 4, wrap the body in `try { … } catch (error) { next(error); }`.',
    },
    options: optionsSchema,
  },
  run(context) {
    const run: Run = { vocabulary: vocabularyOf(context.catalog), context, loggerFor: () => undefined };
    run.loggerFor = createLoggerFinder(run.vocabulary);
    for (const file of context.files) {
      for (const clause of descendantsOfKind(file, SyntaxKind.CatchClause)) checkCatchClause(clause, run);
      for (const call of descendantsOfKind(file, SyntaxKind.CallExpression)) checkHandlerCall(call, run);
      if (context.options.reportFloating) checkPromises(file, run);
    }
  },
});

interface Run {
  vocabulary: Vocabulary;
  context: CheckContext<Options>;
  loggerFor: (node: Node) => LoggerInUse | undefined;
}

function checkCatchClause(clause: CatchClause, { vocabulary, context, loggerFor }: Run): void {
  const verdict = classifyCatch(clause, vocabulary);
  if (!verdict || (verdict.kind === 'fallback' && !context.options.reportFallbacks)) return;
  const tryBlock = clause.getParentIfKindOrThrow(SyntaxKind.TryStatement).getTryBlock();
  const suggestion = catchFix(clause.getVariableDeclaration()?.getName(), loggerFor(clause));
  const data = { tried: describeTried(tryBlock) };
  if (verdict.kind === 'fallback') {
    context.report({ node: clause, messageId: 'fallbackCatch', data: { ...data, value: verdict.value }, severity: 'warning', suggestion });
  } else if (verdict.commented) {
    // The author wrote down why; the error is still invisible, but this is a judgement call, not an accident.
    context.report({ node: clause, messageId: 'commentOnlyCatch', data, severity: 'warning', suggestion });
  } else {
    context.report({ node: clause, messageId: 'emptyCatch', data, suggestion });
  }
}

function checkHandlerCall(call: CallExpression, { vocabulary, context, loggerFor }: Run): void {
  const verdict = classifyHandlerCall(call, vocabulary);
  if (!verdict || (verdict.kind === 'fallback' && !context.options.reportFallbacks)) return;
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee)) return;
  const method = callee.getName() === 'then' ? 'then' : 'catch';
  const data = { method, handler: shortCode(verdict.handler.getText(), 40), receiver: shortCode(verdict.receiver.getText(), 60), value: verdict.value };
  const messageId = verdict.kind === 'fallback' ? 'fallbackHandler' : verdict.commented ? 'commentOnlyHandler' : 'swallowingHandler';
  context.report({
    node: callee.getNameNode(),
    endNode: call,
    messageId,
    data,
    severity: messageId === 'swallowingHandler' ? undefined : 'warning',
    suggestion: handlerFix(method, loggerFor(call)),
    // Tells `a.catch(noop); b.catch(noop)` on one line apart.
    fingerprintKey: `${method}:${data.receiver}`,
  });
}

function checkPromises(file: SourceFile, { vocabulary, context, loggerFor }: Run): void {
  for (const { call, certainty } of floatingPromises(file, vocabulary.nonPromiseModules)) {
    const text = shortCode(call.getText(), 60);
    const suggestion = floatingFix(text, loggerFor(call));
    if (certainty === 'promise') {
      context.report({ node: call, messageId: 'floatingPromise', data: { call: text }, suggestion, fingerprintKey: `floating:${text}` });
    } else {
      const callee = shortCode(call.getExpression().getText(), 40);
      const returned = returnedCallText(call) ?? 'a call';
      context.report({ node: call, messageId: 'maybeFloatingPromise', data: { call: text, callee, returned }, severity: 'info', suggestion, fingerprintKey: `floating:${text}` });
    }
  }
  for (const misuse of misusedPromises(file, vocabulary)) {
    const receiver = misuse.api.includes('.') ? misuse.api.slice(0, misuse.api.lastIndexOf('.')) : misuse.api;
    const messageId =
      misuse.kind === 'iteration' ? 'misusedIteration' : misuse.kind === 'void-callback' ? 'misusedCallback' : misuse.certainty === 'maybe' ? 'maybeMisusedRouteHandler' : 'misusedRouteHandler';
    const inline = Node.isArrowFunction(misuse.callback) || Node.isFunctionExpression(misuse.callback);
    context.report({
      // From `async` to `=>`: the head of an inline callback, not its whole body.
      node: misuse.callback,
      endNode: inline ? headEnd(misuse.callback) : undefined,
      messageId,
      data: { api: shortCode(misuse.api, 50), receiver: shortCode(receiver, 40) },
      severity: misuse.certainty === 'maybe' ? 'info' : undefined,
      fingerprintKey: `misused:${misuse.api}`,
    });
  }
}

/** The `=>` of an arrow, the `)` of a function expression's parameters. */
function headEnd(fn: Node): Node {
  return fn.getFirstChildByKind(SyntaxKind.EqualsGreaterThanToken) ?? fn.getFirstChildByKind(SyntaxKind.CloseParenToken) ?? fn;
}

/** For the unsure case: the call the callee returns, as written in its declaration. */
function returnedCallText(call: CallExpression): string | undefined {
  for (const fn of ownFunctionsOf(call.getExpression())) {
    const body = fn.getBody();
    const returned = Node.isBlock(body) ? body.getFirstDescendantByKind(SyntaxKind.ReturnStatement)?.getExpression() : body;
    if (returned) return shortCode(returned.getText(), 50);
  }
  return undefined;
}

/** "`write()`": the first call in the try block, the operation whose failure is lost. */
function describeTried(tryBlock: Node): string {
  const call = tryBlock.getFirstDescendantByKind(SyntaxKind.CallExpression);
  return call ? `\`${shortCode(call.getExpression().getText(), 50)}()\`` : 'the `try` block';
}
