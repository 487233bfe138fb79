import { describe, expect, it } from 'vitest';
import { runCheckOn, summarize } from '../../../test/support/check-harness.js';
import { checkTester, type InvalidCase, type ValidCase } from '../../../test/support/check-tester.js';
import silentFailure from './index.js';

/** Cases whose answer does not depend on library types: run both without and with them. */
const valid: Array<ValidCase<typeof silentFailure>> = [
  { name: 'a catch that checks the error and rethrows the rest', code: 'export function f(read: () => string) {\n  try { return read(); } catch (e) {\n    if ((e as { code?: string }).code === "ENOENT") return null;\n    throw e;\n  }\n}\n' },
  { name: 'catch that logs and rethrows', code: 'export async function f(w: () => Promise<void>) {\n  try { await w(); } catch (e) { console.error("w failed", e); throw e; }\n}\n' },
  { name: 'catch that only rethrows a wrapped error', code: 'export function f() {\n  try { return JSON.parse("x"); } catch (e) { throw new Error("bad config", { cause: e }); }\n}\n' },
  { name: 'catch that returns a typed error', code: 'export function f(s: string) {\n  try { return { ok: true, value: JSON.parse(s) }; } catch (error) { return { ok: false, error }; }\n}\n' },
  { name: 'catch that calls anything (a metric, a reporter) is handling it', code: 'declare const metrics: { increment(n: string): void };\nexport function f() {\n  try { JSON.parse("x"); } catch { metrics.increment("parse_failed"); }\n}\n' },
  // Predicates: `false` is the answer, not a lost error (we never report `return false`).
  { name: 'catch { return false } in a predicate', code: 'export function isJson(s: string) {\n  try { JSON.parse(s); return true; } catch { return false; }\n}\n' },
  // The function name announces the fallback (silent-failure-fallback-functions).
  { name: 'tryFetch turning a rejection into null', code: 'export async function tryFetch(p: Promise<string>) {\n  return p.catch(() => null);\n}\n' },
  { name: 'tryParse returning null', code: 'export function tryParse(s: string) {\n  try { return JSON.parse(s); } catch { return null; }\n}\n' },
  { name: 'a fallback explained by a comment', code: 'export function prefs(s: string) {\n  try { return JSON.parse(s); } catch {\n    // a corrupt cookie means "no preferences": the page renders the defaults\n    return null;\n  }\n}\n' },
  // Best-effort cleanup (silent-failure-cleanup-methods): the temp file may already be gone.
  { name: 'empty catch around cleanup only', code: 'import { unlinkSync } from "node:fs";\nexport function f(tmp: string) {\n  try { unlinkSync(tmp); } catch {}\n}\n' },
  { name: 'empty catch around await client.release()', code: 'export async function f(client: { release(): Promise<void> }) {\n  try { await client.release(); } catch {}\n}\n' },
  { name: 'catch with `continue` is out of scope', code: 'export function f(xs: string[]) {\n  for (const x of xs) { try { JSON.parse(x); } catch { continue; } }\n}\n' },
  { name: '.catch that logs', code: 'export function f(p: Promise<void>) {\n  return p.catch((e) => console.error("p failed", e));\n}\n' },
  { name: '.catch(() => false)', code: 'export function f(p: Promise<boolean>) {\n  return p.catch(() => false);\n}\n' },
  { name: '.catch(e => e): the error becomes the value', code: 'export function f(p: Promise<unknown>) {\n  return p.catch((e) => e);\n}\n' },
  { name: '.then(ok) without a rejection handler', code: 'export function f(p: Promise<number>) {\n  return p.then(() => {});\n}\n' },
  // Type-aware: a `.catch` method of something that is not a thenable is not a promise handler.
  { name: '.catch on a non-thenable local class', code: 'class Parser { catch(fn: () => void) { fn(); return this; } }\nexport function f() {\n  new Parser().catch(() => {});\n}\n' },
  // The promise is awaited later: the empty handler only prevents an unhandled rejection in between.
  { name: 'p.catch(() => {}) on a promise awaited later', code: 'export async function f(work: () => Promise<void>) {\n  const p = work();\n  p.catch(() => {});\n  await other();\n  await p;\n}\nasync function other() {}\n' },
  { name: 'a local handler that does something', code: 'const report = (e: unknown) => console.error(e);\nexport function f(p: Promise<void>) {\n  return p.catch(report);\n}\n' },
  // zod's `.catch` is a parse fallback: by type with zod's declarations, by import without them.
  { name: 'a zod schema .catch', code: 'import { z } from "zod";\nexport const tags = z.array(z.string()).catch(() => []);\nexport const name = z.string().catch(() => undefined);\n' },
  // Cleanup on the way out must not mask the error that is already propagating.
  { name: 'a swallowed cleanup error in finally', code: 'type C = { query(q: string): Promise<unknown> };\nexport async function f(c: C) {\n  try { return await c.query("EXECUTE p"); } finally {\n    await c.query("DEALLOCATE p").catch(() => undefined);\n    try { await c.query("DISCARD ALL"); } catch {}\n  }\n}\n' },
  { name: 'a swallowed rollback error in a catch that rethrows', code: 'type C = { query(q: string): Promise<unknown> };\nexport async function f(c: C) {\n  try { await c.query("COMMIT"); } catch (error) {\n    await c.query("ROLLBACK").catch(() => {});\n    throw error;\n  }\n}\n' },
  { name: 'a cleanup call as the receiver', code: 'type P = { end(): Promise<void> };\nexport function close(pool: P) {\n  pool.end().catch(() => {});\n}\n' },
  { name: 'fallbacks not reported with reportFallbacks: false', options: { reportFallbacks: false }, code: 'export async function load(get: () => Promise<string[]>) {\n  try { return await get(); } catch { return []; }\n}\nexport function f(p: Promise<string[]>) { return p.catch(() => null); }\n' },
];

// Floating and misused promises (checklist wording: "uncaught promise rejections").
const EVENT_BUS = [
  'import { EventEmitter } from "node:events";',
  'class OrderCreatedEvent { constructor(readonly order: { id: string }) {} }',
  'export class EventBus {',
  '  private readonly emitter = new EventEmitter();',
  '  emit(event: OrderCreatedEvent) { return this.emitter.emit("order.created", event); }',
  '}',
  'export class OrderService {',
  '  constructor(private readonly orderRepo: { create(o: object): Promise<{ id: string }> }, private readonly events: EventBus) {}',
  '  async createOrder(dto: object, userId: string) {',
  '    const order = await this.orderRepo.create({ ...dto, userId });',
  '    // Fire and forget — notification service handles this asynchronously',
  '    this.events.emit(new OrderCreatedEvent(order));',
  '    return order;',
  '  }',
  '}',
  '',
].join('\n');
const MAILER = 'export class Mailer {\n  async send(to: string, body: string) { return `${to}:${body}`; }\n}\n';
const NOTIFY = 'import { logger } from "./logger";\nexport async function notify(id: string) {\n  try { await fetch(`https://warehouse/${id}`); } catch (error) { logger.error("notify failed", error); }\n}\n';

valid.push(
  // Seed 000: the bus wraps an EventEmitter, whose emit returns a boolean (by type with @types/node; without, node:events is a non-promise module).
  { name: 'this.events.emit(...) on an EventEmitter wrapper (seed 000)', code: EVENT_BUS },
  { name: 'a class extending EventEmitter', code: 'import { EventEmitter } from "node:events";\nexport class Bus extends EventEmitter {}\nexport function f(bus: Bus) {\n  bus.emit("x", 1);\n}\n' },
  { name: 'awaited, returned, stored, passed on and voided promises', code: 'async function save(id: string) { return id; }\nexport async function f(ids: string[]) {\n  await save("a");\n  const p = save("b");\n  await Promise.all([p, ...ids.map((id) => save(id))]);\n  void save("c");\n  return save("d");\n}\n' },
  { name: 'a chain ending in a rejection handler that logs', code: 'async function save() {}\nexport function f() {\n  save().then(() => console.log("saved")).catch((e) => console.error("save failed", e));\n  save().then(() => 1, (e) => console.error(e));\n}\n' },
  // typescript-eslint reports these; the callee catches and logs its own errors, so nothing can be lost.
  { name: 'fire-and-forget of a function that cannot reject', code: { 'src/case.ts': 'import { notify } from "./notify";\nexport function f(id: string) {\n  notify(id);\n}\n', 'src/notify.ts': NOTIFY, 'src/logger.ts': 'export const logger = console;\n' } },
  { name: 'an async listener whose body catches and logs', code: 'import { EventEmitter } from "node:events";\nexport function f(bus: EventEmitter, save: () => Promise<void>) {\n  bus.on("order", async () => {\n    try { await save(); } catch (error) { console.error("save failed", error); }\n  });\n}\n' },
  { name: 'synchronous callbacks, and map(async) whose promises are collected', code: 'async function save(x: number) { return x; }\nexport async function f(xs: number[]) {\n  xs.forEach((x) => console.log(x));\n  await Promise.all(xs.map(async (x) => save(x)));\n  setTimeout(() => void save(1), 10);\n}\n' },
  { name: 'calls that return no promise', code: 'export function f(xs: number[], log: { info(m: string): void }) {\n  xs.push(1);\n  log.info("x");\n  JSON.stringify(xs);\n}\n' },
  // An Express route handler that forwards its errors to next() cannot reject.
  { name: 'an async route handler that forwards errors to next', code: 'import express from "express";\nconst router = express.Router();\nrouter.post("/orders", async (req, res, next) => {\n  try { res.json(await Promise.resolve(req.body)); } catch (error) { next(error); }\n});\n' },
  // Express 5 (the typed fixtures' version) forwards a rejected handler to the error handler: its type accepts a promise.
  { name: 'an async Express 5 handler', only: 'types', code: 'import express from "express";\nconst app = express();\napp.get("/orders", async (req, res) => {\n  res.json(await Promise.resolve([]));\n});\n' },
  { name: 'floating promises not reported with reportFloating: false', options: { reportFloating: false }, code: 'async function save() {}\nexport function f(xs: number[]) {\n  save();\n  xs.forEach(async () => save());\n}\n' },
);

const invalid: Array<InvalidCase<typeof silentFailure>> = [
  { name: 'a floating call of a local async function (the issue\'s notifyWarehouse)', code: 'async function notifyWarehouse(order: { id: string }) { return order.id; }\nexport async function ship(order: { id: string }) {\n  notifyWarehouse(order);\n  return order;\n}\n', errors: [{ line: 3, column: 3, messageId: 'floatingPromise', severity: undefined }] },
  { name: 'this.mailer.send(...) declared async in another file', code: { 'src/case.ts': 'import { Mailer } from "./mailer";\nexport class Orders {\n  constructor(private readonly mailer: Mailer) {}\n  confirm(to: string) {\n    this.mailer.send(to, "confirmed");\n  }\n}\n', 'src/mailer.ts': MAILER }, errors: [{ line: 5, column: 5, messageId: 'floatingPromise' }] },
  { name: 'a declared Promise return type, in a loop and in a callback', code: 'declare const db: { save(x: number): Promise<void> };\nfunction store(x: number): Promise<void> { return db.save(x); }\nexport function f(xs: number[]) {\n  for (const x of xs) store(x);\n  xs.map((x) => {\n    store(x);\n  });\n}\n', errors: [{ line: 4, column: 23, messageId: 'floatingPromise' }, { line: 6, column: 5, messageId: 'floatingPromise' }] },
  { name: 'conditional calls, .then without a rejection handler, .finally', code: 'async function save() {}\nexport function f(ok: boolean) {\n  ok && save();\n  ok ? save() : undefined;\n  save().then(() => console.log("saved"));\n  save().finally(() => console.log("done"));\n}\n', errors: [{ line: 3, column: 9, messageId: 'floatingPromise' }, { line: 4, column: 8, messageId: 'floatingPromise' }, { line: 5, column: 3, messageId: 'floatingPromise' }, { line: 6, column: 3, messageId: 'floatingPromise' }] },
  { name: 'a pg query nobody awaits', code: 'import { Pool } from "pg";\nconst pool = new Pool();\nexport function touch(id: string) {\n  pool.query("update sessions set seen_at = now() where id = $1", [id]);\n}\n', only: 'types', errors: [{ line: 4, column: 3, messageId: 'floatingPromise' }] },
  // By type only: with @types/node, events.once() is a Promise; without declarations nothing says so.
  { name: 'events.once() nobody awaits', only: 'types', code: '/// <reference types="node" />\nimport { EventEmitter, once } from "node:events";\nexport function f(bus: EventEmitter) {\n  once(bus, "ready");\n  bus.emit("ready");\n}\n', errors: [{ line: 4, column: 3, messageId: 'floatingPromise' }] },
  // Without the library's declarations the wrapper's result is unknown: a question, not a verdict.
  { name: 'a wrapper returning an untyped library call', code: 'import { createTransport } from "nodemailer-not-installed";\nconst transport = createTransport({});\nexport function send(to: string) {\n  return transport.sendMail({ to });\n}\nexport function welcome(to: string) {\n  send(to);\n}\n', errors: [{ line: 7, column: 3, messageId: 'maybeFloatingPromise', severity: 'info' }] },
  { name: 'forEach(async ...) and forEach of an async function', code: 'async function save(x: number) { return x; }\nexport function f(xs: number[]) {\n  xs.forEach(async (x) => {\n    await save(x);\n  });\n  xs.forEach(save);\n}\n', errors: [{ line: 3, column: 14, messageId: 'misusedIteration' }, { line: 6, column: 14, messageId: 'misusedIteration' }] },
  { name: 'setTimeout and an event listener with async callbacks', code: 'import { EventEmitter } from "node:events";\nasync function save() {}\nexport function f(bus: EventEmitter) {\n  setTimeout(async () => {\n    await save();\n  }, 10);\n  bus.on("order", async () => save());\n}\n', errors: [{ line: 4, column: 14, messageId: 'misusedCallback' }, { line: 7, column: 19, messageId: 'misusedCallback' }] },
  // Express 5's handler type accepts a promise (valid with types); without them the version is unknown: a question.
  { name: 'an async route handler on an untyped Express router', only: 'no-types', code: 'import express from "express";\nconst router = express.Router();\nrouter.post("/orders", async (req, res) => {\n  res.json(await Promise.resolve(req.body));\n});\n', errors: [{ line: 3, column: 24, messageId: 'maybeMisusedRouteHandler', severity: 'info' }] },

  { name: 'an empty catch', code: 'export async function save(write: () => Promise<void>) {\n  try {\n    await write();\n  } catch (error) {}\n}\n', errors: [{ line: 4, column: 5, messageId: 'emptyCatch', severity: undefined }] },
  { name: 'an optional catch binding, empty', code: 'export function f() {\n  try { JSON.parse("x"); } catch {}\n}\n', errors: [{ line: 2, column: 28, messageId: 'emptyCatch' }] },
  { name: 'a comment alone does not handle it', code: 'export function f() {\n  try { JSON.parse("x"); } catch {\n    // ignore\n  }\n}\n', errors: [{ line: 2, column: 28, messageId: 'commentOnlyCatch', severity: 'warning' }] },
  { name: 'cleanup mixed with real work is not cleanup', code: 'import { unlinkSync, writeFileSync } from "node:fs";\nexport function f(tmp: string) {\n  try { writeFileSync(tmp, "x"); unlinkSync(tmp); } catch {}\n}\n', errors: [{ line: 3, column: 53, messageId: 'emptyCatch' }] },
  { name: 'catch that only returns null', code: 'export async function findUser(load: () => Promise<{ id: string }>) {\n  try {\n    return await load();\n  } catch (e) {\n    return null;\n  }\n}\n', errors: [{ line: 4, column: 5, messageId: 'fallbackCatch', severity: 'warning' }] },
  { name: 'catch that returns undefined, void 0, [] or nothing', code: 'export function a() { try { return JSON.parse("1"); } catch { return undefined; } }\nexport function b() { try { return JSON.parse("1"); } catch { return void 0; } }\nexport function c() { try { return JSON.parse("1"); } catch { return []; } }\nexport function d() { try { JSON.parse("1"); } catch { return; } }\n', errors: [{ line: 1, column: 55, messageId: 'fallbackCatch', severity: 'warning' }, { line: 2, column: 55, messageId: 'fallbackCatch', severity: 'warning' }, { line: 3, column: 55, messageId: 'fallbackCatch', severity: 'warning' }, { line: 4, column: 48, messageId: 'fallbackCatch', severity: 'warning' }] },
  // `is*` needs a camelCase word boundary: `issues` is not a predicate.
  { name: 'a function named like a predicate only by accident', code: 'export function issues(s: string) {\n  try { return JSON.parse(s); } catch { return null; }\n}\n', errors: [{ line: 2, column: 33, messageId: 'fallbackCatch', severity: 'warning' }] },
  { name: '.catch(() => {}) on a local async method', code: 'export class S {\n  async notify() {\n    await this.send().catch(() => {});\n  }\n  private async send() { return 1; }\n}\n', errors: [{ line: 3, column: 23, messageId: 'swallowingHandler', severity: undefined }] },
  { name: '.catch(() => undefined) and .catch(function () {})', code: 'export function f(p: Promise<void>) {\n  p.catch(() => undefined);\n  p.catch(function () {});\n}\n', errors: [{ line: 2, column: 5, messageId: 'swallowingHandler' }, { line: 3, column: 5, messageId: 'swallowingHandler' }] },
  { name: '.catch(noop), imported noop and a local empty function', code: { 'src/case.ts': 'import { noop } from "./noop";\nconst ignore = () => {};\nexport function f(p: Promise<void>, q: Promise<void>) {\n  p.catch(noop);\n  q.catch(ignore);\n}\n', 'src/noop.ts': 'export function noop() {}\n' }, errors: [{ line: 4, column: 5, messageId: 'swallowingHandler' }, { line: 5, column: 5, messageId: 'swallowingHandler' }] },
  { name: 'a comment in the handler does not handle it', code: 'export function f(p: Promise<void>) {\n  return p.catch(() => {\n    /* best effort */\n  });\n}\n', errors: [{ line: 2, column: 12, messageId: 'commentOnlyHandler', severity: 'warning' }] },
  { name: '.catch(() => null) and .catch(() => [])', code: 'export function f(p: Promise<string[]>) {\n  const a = p.catch(() => null);\n  const b = p.catch(() => []);\n  return [a, b];\n}\n', errors: [{ line: 2, column: 15, messageId: 'fallbackHandler', severity: 'warning' }, { line: 3, column: 15, messageId: 'fallbackHandler', severity: 'warning' }] },
  { name: 'a swallowed handler whose value is used is a fallback', code: 'import { lstat } from "node:fs/promises";\nexport async function size(p: string) {\n  const info = await lstat(p).catch(() => undefined);\n  return info?.size ?? 0;\n}\n', errors: [{ line: 3, column: 31, messageId: 'fallbackHandler', severity: 'warning' }] },
  { name: 'inside a catch that does not rethrow, a swallowed call is still lost', code: 'type C = { query(q: string): Promise<unknown>; report(e: unknown): Promise<void> };\nexport async function f(c: C) {\n  try { await c.query("COMMIT"); return true; } catch (error) {\n    await c.report(error).catch(() => {});\n    return false;\n  }\n}\n', errors: [{ line: 4, column: 27, messageId: 'swallowingHandler' }] },
  { name: 'the rejection handler of .then', code: 'export function f(p: Promise<number>) {\n  p.then((n) => console.log(n), () => {});\n}\n', errors: [{ line: 2, column: 5, messageId: 'swallowingHandler' }] },
  // Returned: a value that becomes undefined is a fallback; a Promise<void> that "succeeds" is swallowed.
  { name: 'returned handlers: fallback for a value, swallow for Promise<void>', code: 'export function a(p: Promise<number>) {\n  return p.catch(() => {});\n}\nexport function b(p: Promise<void>) {\n  return p.catch(() => {});\n}\nexport function c(ps: Promise<string>[]) {\n  return ps.map((p) => p.catch(() => undefined));\n}\n', errors: [{ line: 2, column: 12, messageId: 'fallbackHandler', severity: 'warning' }, { line: 5, column: 12, messageId: 'swallowingHandler' }, { line: 8, column: 26, messageId: 'fallbackHandler', severity: 'warning' }] },
  { name: 'a maybe-promise (union with undefined)', code: 'export function f(p?: Promise<void>) {\n  p?.catch(() => {});\n}\n', errors: [{ line: 2, column: 6, messageId: 'swallowingHandler' }] },
  { name: 'a thenable that is not a Promise', code: 'interface Thenable<T> { then(ok: (v: T) => void, fail?: (e: unknown) => void): Thenable<T>; catch(fail: (e: unknown) => void): Thenable<T> }\nexport function f(t: Thenable<number>) {\n  t.catch(() => {});\n}\n', errors: [{ line: 3, column: 5, messageId: 'swallowingHandler' }] },
  // Without declarations the receiver is `any`: `.catch(() => {})` is taken for a promise handler by shape.
  { name: 'a call into a module that is not installed', code: 'import { send } from "mailer-not-installed";\nexport function f() {\n  send("hi").catch(() => {});\n}\n', errors: [{ line: 3, column: 14, messageId: 'swallowingHandler' }] },
  { name: 'plain JavaScript', code: { 'src/case.js': 'export function f(p) {\n  p.catch(() => {});\n  try { p.go(); } catch (e) {}\n}\n' }, errors: [{ line: 2, column: 5, messageId: 'swallowingHandler' }, { line: 3, column: 19, messageId: 'emptyCatch' }] },
  { name: 'Promise.all(...).catch(noop) and a nested empty catch', code: 'import { noop } from "./noop";\nexport async function f(a: Promise<void>, b: Promise<void>) {\n  await Promise.all([a, b]).catch(noop);\n  try {\n    try { await a; } catch (inner) { throw inner; }\n  } catch {}\n}\n', errors: [{ line: 3, column: 29, messageId: 'swallowingHandler' }, { line: 6, column: 5, messageId: 'emptyCatch' }] },
  { name: 'a pg query whose rejection is dropped', code: 'import { Pool } from "pg";\nconst pool = new Pool();\nexport function touch(id: string) {\n  pool.query("update sessions set seen_at = now() where id = $1", [id]).catch(() => {});\n}\n', errors: [{ line: 4, column: 73, messageId: 'swallowingHandler' }] },
  { name: 'an axios call whose failure becomes null', code: 'import axios from "axios";\nexport async function rates() {\n  return axios.get("https://rates.internal/today").catch(() => null);\n}\n', errors: [{ line: 3, column: 52, messageId: 'fallbackHandler', severity: 'warning' }] },
];

checkTester(silentFailure).run({ valid, invalid });

describe('silent-failure messages', () => {
  const service = [
    'import { Logger } from "@nestjs/common";',
    'export class OrderService {',
    '  private readonly logger = new Logger(OrderService.name);',
    '  async notifyShipped(orderId: string) {',
    '    this.logger.log(`order ${orderId} shipped`);',
    '    await this.sendShippedMail(orderId).catch(() => {});',
    '  }',
    '  private async sendShippedMail(orderId: string) { return orderId; }',
    '}',
    '',
  ].join('\n');

  it('say what is lost, why it matters and the fix with the logger in use', async () => {
    const [finding] = await runCheckOn(silentFailure, { code: service });
    expect(finding.message).toBe(
      '`.catch(() => {})` swallows every rejection of `this.sendShippedMail(orderId)`: nothing logs it, no metric counts it, and the caller sees success. Log it with context and rethrow, or handle only the error you expect.',
    );
    expect(finding.suggestion).toBe(
      "`.catch((error) => { this.logger.error('<what failed> for <id>', error); throw error; })`, or `await` it inside a try/catch that logs and rethrows. If the operation is best-effort, keep going but make the failure visible: `.catch((error) => this.logger.warn('<what> failed; continuing', error))`.",
    );
  });

  it('use pino\'s argument order when the logger is typed as pino', async () => {
    const code = 'import pino from "pino";\nconst logger = pino();\nexport async function save(write: () => Promise<void>) {\n  logger.info("saving");\n  try { await write(); } catch (err) {}\n}\n';
    const [typed] = await runCheckOn(silentFailure, { code, types: true });
    expect(typed.message).toBe('Empty `catch` swallows every error from `write()`: nothing logs it, no metric counts it, and the caller sees success. Log it with context and rethrow, return a typed error, or let it propagate.');
    expect(typed.suggestion).toMatch(/^`catch \(err\) \{ logger\.error\(\{ err: err \}, '<what failed> for <id>'\); throw err; \}/);
    const [untyped] = await runCheckOn(silentFailure, { code });
    expect(untyped.suggestion).toMatch(/^`catch \(err\) \{ logger\.error\('<what failed> for <id>', err\); throw err; \}/);
  });

  it('a user catalog entry makes a handler a no-op', async () => {
    const code = 'declare function ignoreError(e: unknown): void;\nexport function f(p: Promise<void>) {\n  p.catch(ignoreError);\n}\n';
    expect(summarize(await runCheckOn(silentFailure, { code }))).toEqual([]);
    const found = await runCheckOn(silentFailure, { code, catalog: { 'silent-failure-noop-handlers': ['ignoreError'] } });
    expect(summarize(found)).toEqual([{ line: 3, column: 5, messageId: 'swallowingHandler', severity: undefined }]);
  });
});
