import { Node, SyntaxKind, type CatchClause, type CallExpression } from 'ts-morph';
import { z } from 'zod';
import { defineCheck, type CheckContext } from '../../core/check.js';
import { classifyCatch } from './catch-clause.js';
import { classifyHandlerCall } from './catch-handler.js';
import { catchFix, createLoggerFinder, handlerFix, type LoggerInUse } from './suggested-fix.js';
import { vocabularyOf, type Vocabulary } from './vocabulary.js';

/**
 * Checklist item `correct.silent-failures`: "No silent failures (uncaught promise rejections)?"
 * (checklists/default.yml). An error that is caught and dropped is worse than an uncaught one:
 * nothing logs it, no metric counts it, and the caller carries on as if the operation succeeded.
 */
const optionsSchema = z
  .strictObject({
    reportFallbacks: z
      .boolean()
      .default(true)
      .describe('Report `catch` blocks (and `.catch` handlers) that only return null, undefined or [].'),
  })
  .describe('Options of silent-failure.');

type Options = z.output<typeof optionsSchema>;

const WHY = 'nothing logs it, no metric counts it, and the caller sees success';

export default defineCheck<Options>({
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
    },
    options: optionsSchema,
  },
  run(context) {
    const run: Run = { vocabulary: vocabularyOf(context.catalog), context, loggerFor: () => undefined };
    run.loggerFor = createLoggerFinder(run.vocabulary);
    for (const file of context.files) {
      for (const clause of file.getDescendantsOfKind(SyntaxKind.CatchClause)) checkCatchClause(clause, run);
      for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) checkHandlerCall(call, run);
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
  const data = { method, handler: short(verdict.handler.getText(), 40), receiver: short(verdict.receiver.getText(), 60), value: verdict.value };
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

/** "`write()`": the first call in the try block, the operation whose failure is lost. */
function describeTried(tryBlock: Node): string {
  const call = tryBlock.getFirstDescendantByKind(SyntaxKind.CallExpression);
  return call ? `\`${short(call.getExpression().getText(), 50)}()\`` : 'the `try` block';
}

function short(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}
