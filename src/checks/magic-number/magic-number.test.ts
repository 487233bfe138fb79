import { describe, expect, it } from 'vitest';
import { runCheckOn } from '../../../test/support/check-harness.js';
import { checkTester, type InvalidCase, type ValidCase } from '../../../test/support/check-tester.js';
import magicNumber from './index.js';

const valid: Array<ValidCase<typeof magicNumber>> = [
  { name: 'a named constant given to setTimeout', code: 'const RETRY_DELAY_MS = 5000;\nexport function f(fn: () => void) { setTimeout(fn, RETRY_DELAY_MS); }\n' },
  { name: 'ignored values: 0 and 1', code: 'export function f(fn: () => void, q: { limit(n: number): unknown }) {\n  setTimeout(fn, 0);\n  q.limit(1);\n}\n' },
  // The declaration IS the name: const, enum, class property.
  { name: 'const declarations, enums and class properties', code: 'export const CACHE_TTL_SECONDS = 60 * 60;\nexport enum Limits { PageSize = 100 }\nexport class C { private readonly timeoutMs = 30000; }\n' },
  { name: 'a module-level named options object', code: 'export const HTTP_OPTIONS = { timeout: 5000, retries: 3 };\n' },
  { name: 'a default parameter value', code: 'export function wait(ms = 5000) { return new Promise((r) => setTimeout(r, ms)); }\nexport function page({ take = 50 }: { take?: number } = {}) { return take; }\n' },
  // `res.status(404)` names the status by its method; only comparisons by number are reported.
  { name: 'res.status(404) and a status in a return', code: 'type Res = { status(n: number): Res; json(b: unknown): void };\nexport function f(res: Res) { res.status(404).json({}); }\n' },
  // A decorator argument is the declaration itself (`@Throttle`, `@Max`).
  { name: 'numbers in decorators', code: 'declare function Throttle(o: unknown): ClassDecorator;\n@Throttle({ default: { limit: 10, ttl: 60000 } })\nexport class C {}\n' },
  { name: 'arithmetic with a variable (backoff) is not a constant', code: 'export function f(fn: () => void, attempt: number) { setTimeout(fn, attempt * 1000); }\n' },
  { name: 'numbers in positions the catalog does not name', code: 'export function f(xs: number[]) { return xs.slice(3).map((x) => x * 42)[5]; }\n' },
  // Found on the corpus (outline): a small length is structure, not a limit (`minimum` in the catalog).
  { name: 'a small structural length', code: 'export function f(parts: string[]) { return parts.length === 2; }\n' },
  { name: 'a test file', code: { 'src/orders.test.ts': 'export function f(fn: () => void) { setTimeout(fn, 5000); }\n' } },
  { name: 'a migration', code: { 'src/migrations/1700-add.ts': 'export function f(fn: () => void) { setTimeout(fn, 5000); }\n' } },
  // Found on the corpus (umami, logto): UI timing in components is presentation, not backend policy.
  { name: 'a delay and a page size in a React component', code: { 'src/components/CopyButton.tsx': 'export function CopyButton(props: { onDone: () => void }) {\n  setTimeout(props.onDone, 1500);\n  return useQuery({ pageSize: 20 });\n}\ndeclare function useQuery(o: unknown): null;\n' } },
  // Found on the corpus (documenso): twelve months after GROUP BY month is a window of groups, not a page size.
  { name: 'a limit on grouped rows', code: 'type Q = { groupBy(c: string): Q; orderBy(c: string, d: string): Q; limit(n: number): Promise<unknown> };\nexport function growth(db: Q) {\n  return db.groupBy("month").orderBy("month", "desc").limit(12);\n}\n' },
  { name: 'a debounce in a React hook (.ts)', code: { 'src/hooks/use-search.ts': 'import { useEffect } from "react";\nexport function useSearch(run: () => void) {\n  useEffect(() => {\n    const t = setTimeout(run, 300);\n    return () => clearTimeout(t);\n  });\n}\n' } },
  { name: 'a status compared with a named constant', code: 'const NOT_FOUND = 404;\nexport function f(r: { status: number }) { return r.status === NOT_FOUND; }\n' },
];

const invalid: Array<InvalidCase<typeof magicNumber>> = [
  { name: 'setTimeout delay', code: 'export function scheduleReminder(fn: () => void) {\n  setTimeout(fn, 5000);\n}\n', errors: [{ line: 2, column: 18, messageId: 'argument' }] },
  { name: 'a redis setex TTL, arithmetic reported once', code: 'type R = { setex(k: string, s: number, v: string): Promise<unknown> };\nexport class StatsService {\n  constructor(private redis: R) {}\n  getStats(id: string) { return this.redis.setex(`stats:${id}`, 60 * 5, "x"); }\n}\n', errors: [{ line: 4, column: 65, messageId: 'argument', severity: 'info' }] },
  { name: 'axios timeout and Prisma take in options', code: 'type Ax = { get(u: string, o: unknown): Promise<unknown> };\nexport async function f(axios: Ax, prisma: { user: { findMany(a: unknown): unknown } }) {\n  await axios.get("/x", { timeout: 5000 });\n  return prisma.user.findMany({ where: { active: true }, take: 100 });\n}\n', errors: [{ line: 3, column: 36, messageId: 'option', severity: 'info' }, { line: 4, column: 64, messageId: 'option', severity: 'info' }] },
  // A nested options object given to a constructor is reported like a call's.
  { name: 'nested options of a constructor', code: 'declare class Queue { constructor(n: string, o: unknown) }\nexport const q = new Queue("mail", { defaultJobOptions: { attempts: 5 } });\n', errors: [{ line: 2, column: 69, messageId: 'option', severity: 'info' }] },
  // Found on the corpus (outline): the comment says why; the time arithmetic says the unit. Only the name is missing.
  { name: 'a delay explained by the comment above', code: 'declare function sleep(ms: number): Promise<void>;\nexport async function onRevision() {\n  // give the summary a chance to be generated first\n  await sleep(5000);\n}\n', errors: [{ line: 4, column: 15, messageId: 'argument', severity: 'info' }] },
  // A comment inside the callback says what the callback does, not why the delay is this long.
  { name: 'a delay whose callback body has a comment', code: 'export function later(run: () => void) {\n  setTimeout(() => {\n    // run the queued work\n    run();\n  }, 5000);\n}\n', errors: [{ line: 5, column: 6, messageId: 'argument' }] },
  { name: 'a delay written as time arithmetic', code: 'export function daily(check: () => void) {\n  setInterval(check, 24 * 3600 * 1000);\n}\n', errors: [{ line: 2, column: 22, messageId: 'argument', severity: 'info' }] },
  { name: 'a status compared by number', code: 'export function f(response: { status: number }) {\n  if (response.status === 404) return null;\n  return response;\n}\n', errors: [{ line: 2, column: 27, messageId: 'status', severity: 'info' }] },
  { name: 'a retry threshold', code: 'export function shouldGiveUp(attempt: number) {\n  return attempt >= 5;\n}\n', errors: [{ line: 2, column: 21, messageId: 'threshold', severity: 'info' }] },
  { name: 'a query builder limit', code: 'type Q = { where(o: unknown): Q; limit(n: number): Promise<unknown> };\nexport function recent(db: Q) {\n  return db.where({}).limit(100);\n}\n', errors: [{ line: 3, column: 29, messageId: 'argument' }] },
];

checkTester(magicNumber).run({ valid, invalid });

describe('magic-number messages', () => {
  it('propose a name from the cache key and the unit from the catalog', async () => {
    const code = 'type R = { setex(k: string, s: number, v: string): Promise<unknown> };\nexport async function cache(redis: R, id: string) {\n  await redis.setex(`stats:${id}`, 30, "x");\n}\n';
    const [finding] = await runCheckOn(magicNumber, { code });
    expect(finding.message).toBe('`30` is the cache TTL in seconds of `redis.setex`, written as a bare number: the next reader has to guess its unit and why this value, and copies of the same policy drift apart. Name it: `const STATS_CACHE_TTL_SECONDS = 30;`.');
  });
  it('propose a name from the enclosing function and NestJS HttpStatus in a NestJS file', async () => {
    const [delay] = await runCheckOn(magicNumber, { code: 'export function scheduleReminder(fn: () => void) { setTimeout(fn, 5000); }\n' });
    expect(delay.suggestion).toBe('const REMINDER_DELAY_MS = 5000;');
    const [status] = await runCheckOn(magicNumber, { code: 'import { Injectable } from "@nestjs/common";\nexport function f(r: { statusCode: number }) { return r.statusCode !== 401; }\n' });
    expect(status.message).toContain('`HttpStatus.UNAUTHORIZED`');
  });
  it('keep the default severity when the only comment is inside the callback body', async () => {
    const code = 'export function later(run: () => void) {\n  setTimeout(() => {\n    // run the queued work\n    run();\n  }, 5000);\n}\n';
    const [finding] = await runCheckOn(magicNumber, { code });
    expect(finding.messageId).toBe('argument');
    expect(finding.severity).toBeUndefined(); // the check's default, warning — not the info of an explained delay
  });
  it('a user catalog entry adds an argument position', async () => {
    const code = 'declare const store: { put(k: string, v: string, ttl: number): void };\nexport function f() { store.put("sessions", "x", 900); }\n';
    expect(await runCheckOn(magicNumber, { code })).toEqual([]);
    const found = await runCheckOn(magicNumber, { code, catalog: { 'magic-number-arguments': [{ id: 'acme.put', methods: ['put'], argument: 2, quantity: 'session TTL', suffix: 'TTL_SECONDS' }] } });
    expect(found[0].suggestion).toBe('const SESSIONS_TTL_SECONDS = 900;');
  });
});
