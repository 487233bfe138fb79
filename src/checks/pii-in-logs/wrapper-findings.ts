import { Node, type CallExpression } from 'ts-morph';
import { wrapperDeclaration, type SinkValue } from './log-calls.js';
import type { Exposure } from './exposure.js';
import type { Vocabulary } from './vocabulary.js';

/** A sensitive value a caller hands to a project function that logs it (not a logger facade). */
export interface WrapperExposure {
  call: CallExpression;
  value: SinkValue;
  exposure: Exposure;
  display: string;
}

/**
 * Is the called function a logger facade (`AppLogger.info(msg, data)`, `audit.record(event, data)`,
 * `const event = (name, payload) => logger.info(name, payload)`)? Then each caller chose what to log
 * and is reported. A facade is named like a log method or a logger (its class too), or does nothing but
 * call. Any other function that logs its input on the side (a `fetch` wrapper that logs its request
 * options, a mailer that logs its payload) is one decision, made once in the wrapper: it is reported
 * there, with the callers as related locations.
 */
export function isLoggerFacade(call: CallExpression, vocabulary: Vocabulary): boolean {
  const callee = call.getExpression();
  const name = Node.isPropertyAccessExpression(callee) ? callee.getName() : Node.isIdentifier(callee) ? callee.getText() : '';
  const methods = new Set(vocabulary.loggers.flatMap((l) => [...l.methods, ...l.functions]));
  if (methods.has(name) || LOGGER_WORDS.test(name)) return true;
  const fn = wrapperDeclaration(call);
  if (!fn) return true;
  const owner = fn.getFirstAncestor((a) => Node.isClassDeclaration(a) || Node.isClassExpression(a));
  if (owner && LOGGER_WORDS.test((owner as Node & { getName(): string | undefined }).getName() ?? '')) return true;
  return onlyCalls(fn);
}

const LOGGER_WORDS = /log|audit|trace|report/i;

/** A function named like a logger (`log`, `audit`, …) or whose body only calls on: it forwards what it is given. */
export function isForwarder(fn: Node): boolean {
  const name = (fn as Node & { getName?(): string | undefined }).getName?.() ?? '';
  return LOGGER_WORDS.test(name) || onlyCalls(fn);
}

/** A body that is one call, or a block of call statements: the function exists to forward. */
function onlyCalls(fn: Node): boolean {
  const body = (fn as Node & { getBody(): Node | undefined }).getBody();
  if (!body) return false;
  const isCall = (n: Node) => {
    const inner = Node.isAwaitExpression(n) ? n.getExpression() : n;
    return Node.isCallExpression(inner);
  };
  if (!Node.isBlock(body)) return isCall(body);
  return body.getStatements().every((s) => (Node.isExpressionStatement(s) && isCall(s.getExpression())) || (Node.isReturnStatement(s) && s.getExpression() !== undefined && isCall(s.getExpression()!)));
}

/** Groups the exposures by the logger call inside the wrapper that writes them. */
export function groupByWrapper(exposures: readonly WrapperExposure[]): Map<CallExpression, WrapperExposure[]> {
  const groups = new Map<CallExpression, WrapperExposure[]>();
  for (const e of exposures) {
    const group = groups.get(e.value.sinkCall) ?? [];
    group.push(e);
    groups.set(e.value.sinkCall, group);
  }
  return groups;
}

/** `fetch` for `fetch(url, init)`, `mailer.send` for `this.mailer.send(...)`. */
export function wrapperName(call: CallExpression): string {
  return call.getExpression().getText().replace(/^this\./, '').replace(/\s+/g, '');
}
