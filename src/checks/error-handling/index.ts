import { Node, SyntaxKind, type CallExpression, type CatchClause } from 'ts-morph';
import { z } from 'zod';
import { callPatternSchema, matchCall, type CallMatch, type CallPattern } from '../../analysis/call-matcher.js';
import { enclosingFunctionName, matchesPrefixGlob, shortCode } from '../../analysis/function-names.js';
import { catalogSection } from '../../core/catalog.js';
import { defineCheck, type CheckContext } from '../../core/check.js';
import { callerExpectsValue, endsWithoutReturnOrThrow, newErrorsThrown, rethrowsCaught } from './catch-outcome.js';
import { caughtName, errorUse } from './error-use.js';
import { descendantsOfKind } from '../../analysis/descendants.js';

/**
 * Checklist item `correct.error-paths`: "Error paths handled and logged appropriately?"
 * (checklists/default.yml). Decided by code where it can be: a log line without the error, a
 * rethrow that drops the original, a catch that logs and carries on where the caller needs to know.
 * An empty or swallowing catch is silent-failure's; this check reads catch blocks that do something.
 */
const optionsSchema = z
  .strictObject({
    reportLogAndContinue: z
      .boolean()
      .default(true)
      .describe('Report a catch that logs and then returns nothing from a function whose callers expect a value.'),
  })
  .describe('Options of error-handling.');

type Options = z.output<typeof optionsSchema>;

const OBJECT_FIRST = ['pino', 'pino-http', 'bunyan'];

export default defineCheck({
  id: 'error-handling',
  meta: {
    title: 'Error handling',
    description: 'Finds catch blocks that log without the error (or only its message), rethrow a new error without the original as its cause, or log and carry on where the caller needs to know.',
    checklistItem: 'correct.error-paths',
    defaultSeverity: 'warning',
    messages: {
      logWithoutError:
        '`{{log}}` logs that something failed but not the error: its message, stack and cause are lost, and whoever reads the log cannot tell why it failed. Pass the error to the logger: `{{fix}}`.',
      logMessageOnly:
        '`{{log}}` logs only the text of the error: the stack (where it failed) and the cause chain are lost. Pass the error object itself: `{{fix}}`.',
      rethrowWithoutCause:
        '`{{thrown}}` replaces the caught error without keeping it: the original message and stack disappear from every log and error report. Keep it as the cause: `new {{ctor}}(…, { cause: {{error}} })`.',
      logAndContinue:
        'This `catch` logs the error and carries on, so `{{fn}}` returns `undefined` where its callers expect a value: they cannot tell the failure from a result. Rethrow after logging (`throw {{error}};`), or return a result the caller must check (`{ ok: false, error }`).',
    },
    options: optionsSchema,
  },
  run(context) {
    const loggers = catalogSection(context.catalog, 'loggers', z.object(callPatternSchema.shape).parse);
    const fallbackFunctions = catalogSection(context.catalog, 'silent-failure-fallback-functions', z.string().min(1).parse);
    for (const file of context.files) {
      for (const clause of descendantsOfKind(file, SyntaxKind.CatchClause)) checkClause(clause, { context, loggers, fallbackFunctions });
    }
  },
});

interface Run {
  context: CheckContext<Options>;
  loggers: CallPattern[];
  fallbackFunctions: string[];
}

function checkClause(clause: CatchClause, run: Run): void {
  const { context } = run;
  if (clause.getBlock().getStatements().length === 0) return; // silent-failure's emptyCatch
  const error = caughtName(clause) ?? 'error';
  for (const created of newErrorsThrown(clause)) {
    if (errorUse(created.getArguments(), clause) === 'whole') continue;
    context.report({
      node: created,
      messageId: 'rethrowWithoutCause',
      data: { thrown: shortCode(created.getText(), 60), ctor: created.getExpression().getText(), error },
      fingerprintKey: `throw:${created.getExpression().getText()}`,
    });
  }
  // The caught error goes on (or a new one was reported above): the log line is not its only trace.
  if (rethrowsCaught(clause) || newErrorsThrown(clause).length > 0) return;

  const logs = logCalls(clause, run.loggers);
  if (logs.length === 0) return;
  const uses = logs.map(({ call }) => errorUse(call.getArguments(), clause));
  if (!uses.includes('whole')) {
    const [first] = logs;
    context.report({
      node: first.call,
      messageId: uses.includes('text') ? 'logMessageOnly' : 'logWithoutError',
      data: { log: shortCode(first.call.getText(), 60), fix: logFix(first, error) },
      fingerprintKey: `log:${first.call.getExpression().getText()}`,
    });
    return;
  }
  if (context.options.reportLogAndContinue && endsWithoutReturnOrThrow(clause) && callerExpectsValue(clause) && !announcesFallback(clause, run.fallbackFunctions)) {
    context.report({ node: clause.getFirstChildByKindOrThrow(SyntaxKind.CatchKeyword), messageId: 'logAndContinue', data: { fn: fnLabel(clause), error } });
  }
}

/** Logger calls of the catch block itself (rules/loggers.yml), not of callbacks declared in it. */
function logCalls(clause: CatchClause, loggers: CallPattern[]): Array<{ call: CallExpression; match: CallMatch }> {
  const owner = clause.getFirstAncestor((a) => Node.isFunctionLikeDeclaration(a));
  const found: Array<{ call: CallExpression; match: CallMatch }> = [];
  for (const call of clause.getBlock().getDescendantsOfKind(SyntaxKind.CallExpression)) {
    if (call.getFirstAncestor((a) => Node.isFunctionLikeDeclaration(a)) !== owner) continue;
    const match = matchCall(call, loggers);
    if (match) found.push({ call, match });
  }
  return found;
}

function fnLabel(node: Node): string {
  const name = enclosingFunctionName(node);
  return name ? `${name}()` : 'the function';
}

function logFix({ call, match }: { call: CallExpression; match: CallMatch }, error: string): string {
  const callee = call.getExpression().getText();
  return match.how === 'type' && OBJECT_FIRST.includes(match.pattern.library) ? `${callee}({ err: ${error} }, '<what failed>')` : `${callee}('<what failed> for <id>', ${error})`;
}

/** `tryLoad`, `maybeUser`: "undefined on failure" is the function's announced contract (silent-failure-fallback-functions). */
function announcesFallback(node: Node, globs: readonly string[]): boolean {
  const name = enclosingFunctionName(node);
  return name !== undefined && matchesPrefixGlob(name, globs);
}
