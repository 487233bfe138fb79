import { describe, expect, it } from 'vitest';
import { fixCase } from '../../../test/support/check-fixes.js';
import unstructuredLog from './index.js';

// Minimal declarations of the libraries' signatures, so the rewritten call is type-checked.
const PINO = { 'node_modules/pino/index.d.ts': 'interface Logger { info(obj: object, msg?: string): void; info(msg: string): void; child(b: object): Logger }\ndeclare function pino(o?: object): Logger;\nexport default pino;\n' };
const WINSTON = { 'node_modules/winston/index.d.ts': 'export interface Logger { info(msg: string, meta?: object): void }\nexport function createLogger(o?: object): Logger;\n' };

describe('unstructured-log fix: values as fields', () => {
  it('pino: a template literal becomes ({ fields }, message); not safe, as the line text changes', async () => {
    const code = 'import pino from "pino";\nconst logger = pino({ mixin: () => ({}) });\nexport function ship(order: { id: string }, userId: string) {\n  logger.info(`order ${order.id} shipped for ${userId}`);\n}\n';
    const { findings, output, diagnostics } = await fixCase(unstructuredLog, code, PINO);
    expect(findings[0].fix).toMatchObject({ safe: false, description: 'Pass `orderId`, `userId` as fields and keep the message text constant.' });
    expect(output).toBe(code.replace('logger.info(`order ${order.id} shipped for ${userId}`)', "logger.info({ orderId: order.id, userId }, 'order shipped for')"));
    expect(diagnostics).toEqual([]);
  });

  it('winston: string concatenation becomes (message, { meta })', async () => {
    const code = 'import { createLogger } from "winston";\nconst logger = createLogger({ defaultMeta: () => ({}) });\nexport function ship(orderId: string) {\n  logger.info("order " + orderId + " shipped");\n}\n';
    const { output, diagnostics } = await fixCase(unstructuredLog, code, WINSTON);
    expect(output).toContain("logger.info('order shipped', { orderId });");
    expect(diagnostics).toEqual([]);
  });

  it('no fix where the rewrite is not certain: NestJS Logger (message, context), a second argument, placeholders', async () => {
    const cases = [
      'import { Logger } from "@nestjs/common";\nexport class S {\n  private readonly logger = new Logger(S.name);\n  f(id: string) { this.logger.log(`order ${id}`); }\n}\n',
      'import pino from "pino";\nconst logger = pino({ mixin: () => ({}) });\nexport function f(id: string, e: Error) { logger.info(`order ${id}`, e); }\n',
      'import pino from "pino";\nconst logger = pino({ mixin: () => ({}) });\nexport function f(id: string) { logger.info("order %s", id); }\n',
    ];
    for (const code of cases) {
      const { findings } = await fixCase(unstructuredLog, code, PINO);
      expect(findings.length, code).toBeGreaterThan(0);
      expect(findings.map((f) => f.fix), code).toEqual(findings.map(() => undefined));
    }
  });
});
