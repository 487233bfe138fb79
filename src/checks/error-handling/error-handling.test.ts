import { describe, expect, it } from 'vitest';
import { runCheckOn } from '../../../test/support/check-harness.js';
import { checkTester, type InvalidCase, type ValidCase } from '../../../test/support/check-tester.js';
import errorHandling from './index.js';

const PINO = 'import pino from "pino";\nconst logger = pino();\n';

const valid: Array<ValidCase<typeof errorHandling>> = [
  { name: 'logs the error and rethrows it', code: 'export async function save(w: () => Promise<void>) {\n  try { await w(); } catch (error) { console.error("save failed", error); throw error; }\n}\n' },
  { name: 'logs the error object with pino', code: `${PINO}export async function save(w: () => Promise<number>) {\n  try { return await w(); } catch (err) { logger.error({ err }, "save failed"); throw err; }\n}\n` },
  // Logging only the message is fine when the error itself goes on: its stack is not lost.
  { name: 'logs the message and rethrows the error', code: 'export function parse(s: string) {\n  try { return JSON.parse(s); } catch (e) { console.warn(`bad json: ${(e as Error).message}`); throw e; }\n}\n' },
  { name: 'wraps with cause, or passes the error to a custom error', code: 'class DbError extends Error { constructor(m: string, readonly original: unknown) { super(m); } }\nexport function f(q: () => void) {\n  try { q(); } catch (e) { throw new Error("query failed", { cause: e }); }\n  try { q(); } catch (e) { throw new DbError("query failed", e); }\n}\n' },
  { name: 'logs the stack', code: 'export function f(q: () => void) {\n  try { q(); } catch (e) { console.error((e as Error).stack); }\n}\n' },
  // A handler with nothing to return: logging and carrying on is the decision (sending a 500, skipping an item).
  { name: 'logs and continues in a function that returns nothing', code: 'export async function nightly(jobs: Array<() => Promise<void>>) {\n  for (const job of jobs) {\n    try { await job(); } catch (error) { console.error("job failed", error); }\n  }\n}\n' },
  { name: 'logs and returns a result the caller must check', code: 'export async function load(get: () => Promise<string>) {\n  try { return { ok: true, value: await get() }; } catch (error) { console.error("load failed", error); return { ok: false, error }; }\n}\n' },
  { name: 'a function whose name announces the fallback', code: 'export function tryRead(read: () => string) {\n  try { return read(); } catch (error) { console.warn("read failed", error); }\n}\n' },
  { name: 'an empty catch is silent-failure\'s, not this check\'s', code: 'export function f() {\n  try { JSON.parse("x"); } catch (e) {}\n}\n' },
  { name: 'a log inside a callback declared in the catch is not the catch\'s log', code: 'export function f(q: () => void, later: (fn: () => void) => void) {\n  try { q(); } catch (e) { later(() => console.log("retrying")); throw e; }\n}\n' },
  { name: 'reportLogAndContinue: false', options: { reportLogAndContinue: false }, code: 'export async function find(get: () => Promise<string>) {\n  try {\n    return await get();\n  } catch (error) {\n    console.error("find failed", error);\n  }\n}\n' },
];

const invalid: Array<InvalidCase<typeof errorHandling>> = [
  { name: 'a log line without the error', code: 'export async function save(w: () => Promise<void>) {\n  try { await w(); } catch (error) {\n    console.error("save failed");\n  }\n}\n', errors: [{ line: 3, column: 5, messageId: 'logWithoutError' }] },
  { name: 'catch without a binding that logs', code: `${PINO}export function f(q: () => void) {\n  try { q(); } catch {\n    logger.warn("q failed");\n  }\n}\n`, errors: [{ line: 5, column: 5, messageId: 'logWithoutError' }] },
  { name: 'only the message: property, template, String()', code: 'export function a(q: () => void) {\n  try { q(); } catch (e) { console.error((e as Error).message); }\n}\nexport function b(q: () => void) {\n  try { q(); } catch (e) { console.error(`q failed: ${e}`); }\n}\nexport function c(q: () => void) {\n  try { q(); } catch (e) { console.error("q failed " + String(e)); }\n}\n', errors: [{ line: 2, column: 28, messageId: 'logMessageOnly' }, { line: 5, column: 28, messageId: 'logMessageOnly' }, { line: 8, column: 28, messageId: 'logMessageOnly' }] },
  { name: 'a new error without the cause', code: 'export function f(q: () => void) {\n  try { q(); } catch (e) {\n    throw new Error("query failed");\n  }\n}\n', errors: [{ line: 3, column: 11, messageId: 'rethrowWithoutCause' }] },
  { name: 'a new error built from the message only', code: 'class AppError extends Error {}\nexport function f(q: () => void) {\n  try { q(); } catch (e) {\n    throw new AppError(`query failed: ${(e as Error).message}`);\n  }\n}\n', errors: [{ line: 4, column: 11, messageId: 'rethrowWithoutCause' }] },
  { name: 'logs and returns nothing where the caller expects a value', code: 'export async function findOrder(get: () => Promise<{ id: string }>) {\n  try {\n    return await get();\n  } catch (error) {\n    console.error("findOrder failed", error);\n  }\n}\n', errors: [{ line: 4, column: 5, messageId: 'logAndContinue' }] },
  { name: 'logs and returns null from a method', code: `${PINO}export class Users {\n  async byId(load: () => Promise<string>) {\n    try {\n      return await load();\n    } catch (err) {\n      logger.error({ err }, "byId failed");\n      return null;\n    }\n  }\n}\n`, errors: [{ line: 7, column: 7, messageId: 'logAndContinue' }] },
];

checkTester(errorHandling).run({ valid, invalid });

describe('error-handling messages', () => {
  it('say what is lost and the fix with the logger in use (pino: the error object first, by type)', async () => {
    const code = `${PINO}export function f(q: () => void) {\n  try { q(); } catch (err) {\n    logger.error("q failed");\n  }\n}\n`;
    const [typed] = await runCheckOn(errorHandling, { code, types: true });
    expect(typed.message).toBe(
      "`logger.error(\"q failed\")` logs that something failed but not the error: its message, stack and cause are lost, and whoever reads the log cannot tell why it failed. Pass the error to the logger: `logger.error({ err: err }, '<what failed>')`.",
    );
    const [untyped] = await runCheckOn(errorHandling, { code });
    expect(untyped.message).toMatch(/Pass the error to the logger: `logger\.error\('<what failed> for <id>', err\)`\.$/);
  });
});
