import { describe, expect, it } from 'vitest';
import { fixCase } from '../../../test/support/check-fixes.js';
import magicNumber from './index.js';

describe('magic-number fix: extract the constant', () => {
  it('declares the proposed name after the imports and uses it in place of the number; still type-checks', async () => {
    const code = [
      "import { EventEmitter } from './events.js';",
      '',
      '// Reminders go out a little later.',
      'export function scheduleReminder(fn: () => void) {',
      '  setTimeout(fn, 5000);',
      '}',
      'export const bus = new EventEmitter();',
      '',
    ].join('\n');
    const { findings, output, diagnostics } = await fixCase(magicNumber, code, { 'src/events.ts': 'export class EventEmitter {}\n' });
    expect(findings[0].fix).toMatchObject({ safe: true, description: 'Extract `const REMINDER_DELAY_MS = 5000;` at the top of the module and use `REMINDER_DELAY_MS` here.' });
    expect(output).toBe([
      "import { EventEmitter } from './events.js';",
      '',
      'const REMINDER_DELAY_MS = 5000;',
      '',
      '// Reminders go out a little later.',
      'export function scheduleReminder(fn: () => void) {',
      '  setTimeout(fn, REMINDER_DELAY_MS);',
      '}',
      'export const bus = new EventEmitter();',
      '',
    ].join('\n'));
    expect(diagnostics).toEqual([]);
  });

  it('declares it before the first statement (and its doc comment) in a module without imports, below "use strict"', async () => {
    const code = "'use strict';\n/** Retries. */\nexport function shouldGiveUp(attempt: number) {\n  return attempt >= 5;\n}\n";
    const { output, diagnostics } = await fixCase(magicNumber, code);
    expect(output).toBe("'use strict';\n\nconst SHOULD_GIVE_UP_MAX_ATTEMPTS = 5;\n/** Retries. */\nexport function shouldGiveUp(attempt: number) {\n  return attempt >= SHOULD_GIVE_UP_MAX_ATTEMPTS;\n}\n");
    expect(diagnostics).toEqual([]);
  });

  it('extracts a product and an option value; before a hoisted function called at the top, so no TDZ', async () => {
    const code = [
      'type R = { setex(k: string, s: number, v: string): Promise<unknown> };',
      'type Ax = { get(u: string, o: unknown): Promise<unknown> };',
      'start();',
      'export function start() {}',
      'export class StatsService {',
      '  constructor(private redis: R, private axios: Ax) {}',
      '  getStats(id: string) { return this.redis.setex(`stats:${id}`, 60 * 5, "x"); }',
      '  fetch() { return this.axios.get("/x", { timeout: 5000 }); }',
      '}',
      '',
    ].join('\n');
    const { findings, output, diagnostics } = await fixCase(magicNumber, code);
    expect(findings.map((f) => f.fix?.safe)).toEqual([true, true]);
    expect(output).toContain('type Ax = { get(u: string, o: unknown): Promise<unknown> };\nstart();');
    const declarations = output.split('\n').filter((l) => l.startsWith('const '));
    expect(declarations).toEqual(['const STATS_CACHE_TTL_SECONDS = 60 * 5;', 'const STATS_TIMEOUT_MS = 5000;']);
    expect(output.indexOf('const STATS_CACHE_TTL_SECONDS')).toBeLessThan(output.indexOf('start();'));
    expect(output).toContain('this.redis.setex(`stats:${id}`, STATS_CACHE_TTL_SECONDS, "x")');
    expect(output).toContain('{ timeout: STATS_TIMEOUT_MS }');
    expect(diagnostics).toEqual([]);
  });

  it('shares one declaration when two numbers get the same name and value', async () => {
    const code = 'export function later(a: () => void, b: () => void) {\n  setTimeout(a, 5000);\n  setTimeout(b, 5000);\n}\n';
    const { findings, output, diagnostics } = await fixCase(magicNumber, code);
    expect(findings.filter((f) => f.fix)).toHaveLength(2);
    expect(output).toBe('const LATER_DELAY_MS = 5000;\n\nexport function later(a: () => void, b: () => void) {\n  setTimeout(a, LATER_DELAY_MS);\n  setTimeout(b, LATER_DELAY_MS);\n}\n');
    expect(diagnostics).toEqual([]);
  });

  it('offers no fix where the name is taken: another value got it, or the file already uses it', async () => {
    const twoValues = await fixCase(magicNumber, 'export function later(a: () => void, b: () => void) {\n  setTimeout(a, 5000);\n  setTimeout(b, 3000);\n}\n');
    expect(twoValues.findings.map((f) => f.fix !== undefined)).toEqual([true, false]);
    expect(twoValues.diagnostics).toEqual([]);
    const used = await fixCase(magicNumber, 'export function later(a: () => void, LATER_DELAY_MS: number) {\n  setTimeout(a, 5000);\n  return LATER_DELAY_MS;\n}\n');
    expect(used.findings).toHaveLength(1);
    expect(used.findings[0].fix).toBeUndefined();
  });

  it('offers no fix for a compared HTTP status (naming it needs an import)', async () => {
    const { findings } = await fixCase(magicNumber, 'export function f(response: { status: number }) {\n  return response.status === 404;\n}\n');
    expect(findings.map((f) => [f.messageId, f.fix])).toEqual([['status', undefined]]);
  });
});
