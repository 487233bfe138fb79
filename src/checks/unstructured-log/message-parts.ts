import { Node, type CallExpression } from 'ts-morph';
import { initializerOf, moduleOf, type LoggerMatch } from '../../analysis/logger-match.js';
import { skipOuterExpressions } from '../../analysis/outer-expressions.js';

/** How a library takes a message and its fields. */
export type Convention = 'fields-first' | 'fields-after' | 'nest';

/** pino and bunyan take `(fields, message)`; winston, log4js `(message, fields)`; NestJS `(message, context)`. */
export function conventionOf(logger: LoggerMatch): Convention {
  const id = logger.pattern.id;
  if (id === 'nestjs.logger' || (!logger.certain && isNestLogger(logger.instance))) return 'nest';
  if (id.startsWith('pino') || id === 'bunyan' || id === 'nestjs-pino') return 'fields-first';
  return 'fields-after';
}

/** Without declarations: `this.logger` made by `new Logger(…)` imported from @nestjs/common. */
function isNestLogger(instance: Node): boolean {
  const init = initializerOf(instance);
  return init !== undefined && Node.isNewExpression(init) && moduleOf(init.getExpression()) === '@nestjs/common';
}

export interface InterpolatedMessage {
  message: Node;
  /** The values written into the text. */
  values: Node[];
  /** The message without them: `order ${id} shipped` → `order shipped`. */
  text: string;
  how: 'template' | 'concatenation' | 'placeholders';
}

/** The message argument of a log call, by the library's convention, when it interpolates values. */
export function interpolatedMessage(call: CallExpression, convention: Convention): InterpolatedMessage | undefined {
  const args = call.getArguments();
  const index = messageIndex(call, convention);
  const message = args[index] && skipOuterExpressions(args[index]);
  if (!message) return undefined;
  if (Node.isTemplateExpression(message)) {
    const values = message.getTemplateSpans().map((span) => span.getExpression()).filter((v) => !isLiteral(v));
    const text = [message.getHead().getLiteralText(), ...message.getTemplateSpans().map((s) => s.getLiteral().getLiteralText())].join(' ');
    return values.length > 0 ? { message, values, text: tidy(text), how: 'template' } : undefined;
  }
  if (Node.isBinaryExpression(message) && message.getOperatorToken().getText() === '+') {
    const leaves = concatenated(message);
    const strings = leaves.filter((l) => Node.isStringLiteral(l) || Node.isNoSubstitutionTemplateLiteral(l));
    const values = leaves.filter((l) => !isLiteral(l));
    if (strings.length === 0 || values.length === 0) return undefined;
    return { message, values, text: tidy(strings.map((s) => (s as Node & { getLiteralText(): string }).getLiteralText()).join(' ')), how: 'concatenation' };
  }
  // util.format placeholders: `logger.info('order %s shipped', id)` — pino and winston (format.splat) fill them in.
  if (Node.isStringLiteral(message) && /%[sdifjoO]/.test(message.getLiteralValue()) && args.length > index + 1) {
    const values = args.slice(index + 1).filter((v) => !isLiteral(v));
    return values.length > 0 ? { message, values, text: tidy(message.getLiteralValue().replace(/%[sdifjoO]/g, ' ')), how: 'placeholders' } : undefined;
  }
  return undefined;
}

function messageIndex(call: CallExpression, convention: Convention): number {
  const args = call.getArguments();
  const first = args[0] && skipOuterExpressions(args[0]);
  if (!first) return 0;
  const method = Node.isPropertyAccessExpression(call.getExpression()) ? (call.getExpression() as import('ts-morph').PropertyAccessExpression).getName() : '';
  // winston `logger.log('info', message, meta)`.
  if (convention === 'fields-after' && method === 'log' && Node.isStringLiteral(first) && args.length > 1) return 1;
  // pino `logger.info({ orderId }, message)`, `logger.error(err, message)`.
  if (convention === 'fields-first' && args.length > 1 && !isStringLike(first)) return 1;
  return 0;
}

function concatenated(node: Node): Node[] {
  const expr = skipOuterExpressions(node);
  if (Node.isBinaryExpression(expr) && expr.getOperatorToken().getText() === '+') return [...concatenated(expr.getLeft()), ...concatenated(expr.getRight())];
  return [expr];
}

function isStringLike(node: Node): boolean {
  return Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node) || Node.isTemplateExpression(node) || (Node.isBinaryExpression(node) && node.getOperatorToken().getText() === '+');
}

function isLiteral(node: Node): boolean {
  const expr = skipOuterExpressions(node);
  return Node.isStringLiteral(expr) || Node.isNoSubstitutionTemplateLiteral(expr) || Node.isNumericLiteral(expr) || Node.isTrueLiteral(expr) || Node.isFalseLiteral(expr);
}

/** `Order  shipped: ` → `Order shipped`. */
function tidy(text: string): string {
  return text.replace(/[\s:=,([{]+$/g, '').replace(/\(\s*\)|\[\s*\]|"\s*"|'\s*'/g, '').replace(/\s+/g, ' ').trim().replace(/[\s:=,]+$/g, '');
}
