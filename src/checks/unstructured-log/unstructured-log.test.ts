import { describe, expect, it } from 'vitest';
import { runCheckOn } from '../../../test/support/check-harness.js';
import { checkTester, type InvalidCase, type ValidCase } from '../../../test/support/check-tester.js';
import unstructuredLog from './index.js';

const pinoService = (body: string) => `import pino from "pino";\nconst logger = pino({ mixin: () => ({}) });\nexport function ship(order: { id: string }, userId: string) {\n  ${body}\n}\n`;

const valid: Array<ValidCase<typeof unstructuredLog>> = [
  { name: 'pino with fields first', code: pinoService("logger.info({ orderId: order.id, userId }, 'order shipped');") },
  { name: 'pino error object then a constant message', code: pinoService("try { JSON.parse('x'); } catch (err) { logger.error(err, 'parse failed'); }") },
  { name: 'winston with fields after the message', code: 'import winston from "winston";\nconst logger = winston.createLogger({ defaultMeta: { service: "orders" } });\nexport function ship(orderId: string) {\n  logger.info("order shipped", { orderId });\n  logger.log("info", "order shipped", { orderId });\n}\n' },
  { name: 'a template literal without values', code: pinoService('logger.info(`order shipped`);') },
  // console is plain text by nature: only reported when the project has a structured logger.
  { name: 'console in a project without a structured logger', code: 'export function ship(id: string) {\n  console.log(`order ${id} shipped`);\n}\n' },
  { name: 'a test file', code: { 'src/orders.spec.ts': 'import pino from "pino";\nconst logger = pino();\nexport function f(id: string) { logger.info(`order ${id}`); }\n' } },
  // pino-http is in the project: its `req.log` carries the request id, so a new base logger is fine.
  { name: 'a logger factory in a project with pino-http', code: 'import pino from "pino";\nimport pinoHttp from "pino-http";\nexport const logger = pino();\nexport const http = pinoHttp({ logger });\n' },
  // Found on the corpus (outline): the author already decided, or the project's own browser logger wraps console.
  { name: 'console under a no-console lint exception', code: { 'src/case.ts': 'export function boot(file: string) {\n  // eslint-disable-next-line no-console\n  console.error(`cannot read ${file}`);\n}\n', 'src/logger.ts': 'import pino from "pino";\nexport const logger = pino({ mixin: () => ({}) });\n' } },
  { name: 'console inside the project\'s own Logger class', code: { 'src/case.ts': 'export class Logger {\n  info(label: string, message: string) {\n    console.info(`[${label}] ${message}`);\n  }\n}\n', 'src/logger.ts': 'import pino from "pino";\nexport const logger = pino({ mixin: () => ({}) });\n' } },
  { name: 'a debug() function logger', code: 'import debug from "debug";\nconst log = debug("orders");\nexport function f(id: string) { log(`order ${id}`); }\n' },
];

const invalid: Array<InvalidCase<typeof unstructuredLog>> = [
  { name: 'pino template literal', code: pinoService('logger.info(`order ${order.id} shipped for ${userId}`);'), errors: [{ line: 4, column: 15, messageId: 'interpolatedMessage', severity: 'warning' }] },
  // Settings of the code (`this.maxRetries`, `MAX_SIZE`) make one text per deployment, not one per request: info.
  { name: 'pino template literal of settings only', code: pinoService('logger.warn(`gave up after ${this.maxRetries} retries of ${MAX_WAIT}`);'), errors: [{ line: 4, column: 15, messageId: 'interpolatedMessage', severity: 'info' }] },
  // Found on the corpus (outline): a port or a decorator's property name in the text is not what a search filters by.
  { name: 'pino template literal of non-identifying values', code: pinoService('logger.error(`port ${port} is in use for ${propertyKey}`);'), errors: [{ line: 4, column: 16, messageId: 'interpolatedMessage', severity: 'info' }] },
  { name: 'pino message after fields still interpolates', code: pinoService("logger.warn({ userId }, 'order ' + order.id + ' late');"), errors: [{ line: 4, column: 27, messageId: 'interpolatedMessage' }] },
  { name: 'util.format placeholders', code: pinoService("logger.info('order %s shipped', order.id);"), errors: [{ line: 4, column: 15, messageId: 'interpolatedMessage' }] },
  { name: 'winston log(level, template)', code: 'import winston from "winston";\nconst logger = winston.createLogger({ defaultMeta: {} });\nexport function ship(orderId: string) {\n  logger.log("info", `order ${orderId} shipped`);\n}\n', errors: [{ line: 4, column: 22, messageId: 'interpolatedMessage' }] },
  // Without the declarations the logger is matched by its receiver's name only, an uncertain match: info.
  { name: 'NestJS Logger', only: 'types', code: 'import { Logger } from "@nestjs/common";\nexport class OrderService {\n  private readonly logger = new Logger(OrderService.name);\n  ship(id: string) { this.logger.log(`order ${id} shipped`); }\n}\n', errors: [{ line: 4, column: 38, messageId: 'nestInterpolated' }] },
  { name: 'NestJS Logger, without its declarations', only: 'no-types', code: 'import { Logger } from "@nestjs/common";\nexport class OrderService {\n  private readonly logger = new Logger(OrderService.name);\n  ship(id: string) { this.logger.log(`order ${id} shipped`); }\n}\n', errors: [{ line: 4, column: 38, messageId: 'nestInterpolated', severity: 'info' }] },
  { name: 'console in a project that logs with pino', code: { 'src/case.ts': 'export function ship(id: string) {\n  console.log("shipped", id);\n}\n', 'src/logger.ts': 'import pino from "pino";\nexport const logger = pino({ mixin: () => ({}) });\n' }, errors: [{ line: 2, column: 3, messageId: 'consoleInService', severity: 'info' }] },
  { name: 'a new pino logger with nothing to carry the request id', code: 'import pino from "pino";\nexport const logger = pino({ level: "info" });\n', errors: [{ line: 2, column: 23, messageId: 'loggerWithoutCorrelation', severity: 'info' }] },
  // A startup line outside any function is not on a request path: uncertain.
  { name: 'a top-level startup line is info', code: 'import pino from "pino";\nconst logger = pino({ mixin: () => ({}) });\nconst port = Number(process.env.PORT);\nlogger.info(`listening on ${port}`);\n', errors: [{ line: 4, column: 13, messageId: 'interpolatedMessage', severity: 'info' }] },
];

checkTester(unstructuredLog).run({ valid, invalid });

describe('unstructured-log messages', () => {
  it('give the fix in each library\'s argument order', async () => {
    const [pinoFinding] = await runCheckOn(unstructuredLog, { code: pinoService('logger.info(`order ${order.id} shipped for ${userId}`);'), types: true });
    expect(pinoFinding.suggestion).toBe("logger.info({ orderId: order.id, userId }, 'order shipped for')");
    const [winstonFinding] = await runCheckOn(unstructuredLog, { code: 'import winston from "winston";\nconst logger = winston.createLogger({ defaultMeta: {} });\nexport function f(err: Error) {\n  logger.error("sync failed: " + err.message);\n}\n', types: true });
    expect(winstonFinding.suggestion).toBe("logger.error('sync failed', { err })");
    expect(winstonFinding.message).toBe("`logger.error` writes `err.message` into the message text (string concatenation): a log search cannot filter or group by the values written into the text, and every new value makes a new message. Pass them as fields: `logger.error('sync failed', { err })`.");
  });
});
