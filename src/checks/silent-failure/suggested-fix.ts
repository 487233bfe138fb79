import { Node, SyntaxKind, type CallExpression } from 'ts-morph';
import { matchCall } from '../../analysis/call-matcher.js';
import type { Vocabulary } from './vocabulary.js';

/** The logger the surrounding code already uses (`this.logger`, `logger`, `req.log`), so the fix reads like the code around it. */
export interface LoggerInUse {
  /** Receiver as written, e.g. `this.logger`. */
  receiver: string;
  /** pino and bunyan take the error object first: `logger.error({ err }, 'msg')`. */
  objectFirst: boolean;
}

const OBJECT_FIRST = ['pino', 'pino-http', 'bunyan'];

/**
 * Finds the logger a class (else the file) already calls. Asking the type checker about every call
 * is the slow part, so only calls of a logger method are matched, and each scope is searched once per run.
 */
export function createLoggerFinder(vocabulary: Vocabulary): (node: Node) => LoggerInUse | undefined {
  const methods = new Set(vocabulary.loggers.flatMap((p) => p.methods).filter((m) => !m.includes('*')));
  const byScope = new Map<Node, LoggerInUse | undefined>();
  const search = (scope: Node): LoggerInUse | undefined => {
    if (!byScope.has(scope)) {
      const calls = scope.getDescendantsOfKind(SyntaxKind.CallExpression).filter((call) => {
        const callee = call.getExpression();
        return Node.isPropertyAccessExpression(callee) && methods.has(callee.getName());
      });
      byScope.set(scope, calls.reduce<LoggerInUse | undefined>((found, call) => found ?? loggerOf(call, vocabulary), undefined));
    }
    return byScope.get(scope);
  };
  return (node) => {
    const owner = node.getFirstAncestor((a) => Node.isClassDeclaration(a) || Node.isClassExpression(a));
    return (owner && search(owner)) ?? search(node.getSourceFile());
  };
}

function loggerOf(call: CallExpression, vocabulary: Vocabulary): LoggerInUse | undefined {
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee)) return undefined;
  const match = matchCall(call, vocabulary.loggers);
  if (!match) return undefined;
  // By shape `this.logger` could be any library: only a resolved type tells pino's argument order apart.
  return { receiver: callee.getExpression().getText(), objectFirst: match.how === 'type' && OBJECT_FIRST.includes(match.pattern.library) };
}

function logCall(logger: LoggerInUse | undefined, error: string, what: string, level = 'error'): string {
  const receiver = logger?.receiver ?? 'logger';
  return logger?.objectFirst ? `${receiver}.${level}({ err: ${error} }, '${what}')` : `${receiver}.${level}('${what}', ${error})`;
}

/** The concrete fix for a `catch` clause: log with context and rethrow, using the logger in scope. */
export function catchFix(errorName: string | undefined, logger: LoggerInUse | undefined): string {
  const error = errorName ?? 'error';
  return (
    `\`catch (${error}) { ${logCall(logger, error, '<what failed> for <id>')}; throw ${error}; }\`` +
    ' — or return a typed error the caller must check (`{ ok: false, error }`), or remove the try/catch and let it propagate.' +
    ' If ignoring it is really right, say why in a comment and log it at warn level so it stays visible.'
  );
}

/** The concrete fix for a rejection handler. */
export function handlerFix(method: 'catch' | 'then', logger: LoggerInUse | undefined): string {
  const handler = `(error) => { ${logCall(logger, 'error', '<what failed> for <id>')}; throw error; }`;
  return (
    `\`${method === 'catch' ? `.catch(${handler})` : `.then(onFulfilled, ${handler})`}\`, or \`await\` it inside a try/catch that logs and rethrows.` +
    ` If the operation is best-effort, keep going but make the failure visible: \`.catch((error) => ${logCall(logger, 'error', '<what> failed; continuing', 'warn')})\`.`
  );
}

/** The fix for a floating promise: wait for it; or, for deliberate fire-and-forget, make the failure visible. */
export function floatingFix(call: string, logger: LoggerInUse | undefined): string {
  return (
    `\`await ${call};\` inside the async function (or \`return\` it), so a failure reaches the caller.` +
    ` If fire-and-forget is intended: \`void ${call}.catch((error) => ${logCall(logger, 'error', '<what> failed', 'error')});\``
  );
}
