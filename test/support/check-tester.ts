import { describe, expect, it } from 'vitest';
import type { Check } from '../../src/core/check.js';
import type { Severity } from '../../src/core/finding.js';
import type { CheckFinding } from '../../src/core/run-check.js';
import { runCheckOn } from './check-harness.js';

/**
 * The one way a check's table tests are written, in the spirit of ESLint's RuleTester:
 * `checkTester(check).run({ valid, invalid })`. Every case runs twice, with the real libraries'
 * type declarations (test/fixtures/typed/node_modules) and without any (the GitHub App's setting),
 * unless it says `only`. An invalid case lists every finding it expects; a finding not listed fails.
 */

/** `types`: only with the libraries' declarations; `no-types`: only without them. */
export type Setting = 'types' | 'no-types';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any check, whatever its options and ids
type AnyCheck = Check<any, any>;
type OptionsOf<C> = C extends Check<infer O, string> ? O : never;
type MessageIdOf<C> = C extends Check<unknown, infer M> ? M : string;

export interface ValidCase<C extends AnyCheck = AnyCheck> {
  name: string;
  /** One file (`src/case.ts`) or several, by repository-relative path. Marks (`«`) are not allowed here. */
  code: string | Record<string, string>;
  only?: Setting;
  /** The check's options as a user writes them in .plumbline.yml (defaults filled in by its schema). */
  options?: Partial<OptionsOf<C>>;
  /** Extra catalog entries, as a user would add under `catalog:` in .plumbline.yml. */
  catalog?: Record<string, unknown[]>;
  /** Only these files are under review; default: all case files. */
  review?: string[];
}

export interface ExpectedError<C extends AnyCheck = AnyCheck> {
  /** 1-based; left out when the code marks the position with `«`. */
  line?: number;
  column?: number;
  /** Compared when given (always, from the mark, when the position is marked). */
  path?: string;
  messageId: MessageIdOf<C>;
  /** The severity the finding ends with; default: the check's `meta.defaultSeverity`. */
  severity?: Severity;
  /** Text the message must contain (one or several pieces). */
  message?: string | string[];
  /** The finding's suggestion, exactly. */
  suggestion?: string;
}

export interface InvalidCase<C extends AnyCheck = AnyCheck> extends ValidCase<C> {
  /** Every finding, in position order. */
  errors: Array<ExpectedError<C>>;
}

/** Where a finding starts, written in the code of an invalid case; removed before the check runs. */
export const MARK = '«';

interface Mark {
  path: string;
  line: number;
  column: number;
}

/** The case's files without their marks, and where the marks were. */
export function unmark(code: string | Record<string, string>): { files: Record<string, string>; marks: Mark[] } {
  const files = typeof code === 'string' ? { 'src/case.ts': code } : code;
  const marks: Mark[] = [];
  const clean: Record<string, string> = {};
  for (const [path, text] of Object.entries(files)) {
    text.split('\n').forEach((lineText, i) => {
      let removed = 0;
      for (let at = lineText.indexOf(MARK); at >= 0; at = lineText.indexOf(MARK, at + 1)) {
        marks.push({ path, line: i + 1, column: at + 1 - removed++ });
      }
    });
    clean[path] = text.split(MARK).join('');
  }
  return { files: clean, marks };
}

/** The expected errors with their positions (from the marks when the code has them). */
function positioned<C extends AnyCheck>(check: C, c: InvalidCase<C>, marks: Mark[]): Array<ExpectedError<C>> {
  for (const e of c.errors) {
    if (!(e.messageId in check.meta.messages)) throw new Error(`case "${c.name}": ${check.id} has no message id "${e.messageId}"`);
  }
  if (marks.length === 0) {
    const unplaced = c.errors.find((e) => e.line === undefined || e.column === undefined);
    if (unplaced) throw new Error(`case "${c.name}": an error without line and column needs a ${MARK} mark in the code`);
    return c.errors;
  }
  if (marks.length !== c.errors.length) throw new Error(`case "${c.name}": ${marks.length} ${MARK} marks but ${c.errors.length} errors`);
  if (c.errors.some((e) => e.line !== undefined || e.column !== undefined)) {
    throw new Error(`case "${c.name}": give positions by ${MARK} marks or by line and column, not both`);
  }
  return c.errors.map((e, i) => ({ ...e, ...marks[i] }));
}

const byPosition = (a: { line?: number; column?: number }, b: { line?: number; column?: number }) =>
  a.line! - b.line! || a.column! - b.column!;

export function checkTester<C extends AnyCheck>(check: C) {
  const run = (c: ValidCase<C>, types: boolean, files: Record<string, string>): Promise<CheckFinding[]> =>
    runCheckOn(check, { code: files, types, options: c.options, catalog: c.catalog, review: c.review });
  const severityOf = (f: { severity?: Severity }) => f.severity ?? check.meta.defaultSeverity;
  /** What a reader needs to see when a case fails: every finding, with its message. */
  const shown = (found: CheckFinding[]) =>
    found.map((f) => `  ${f.path}:${f.line}:${f.column} ${f.messageId} (${severityOf(f)}) ${f.message}`).join('\n') || '  (none)';

  async function expectValid(c: ValidCase<C>, types: boolean) {
    const { files, marks } = unmark(c.code);
    if (marks.length > 0) throw new Error(`valid case "${c.name}" has ${MARK} marks`);
    const found = await run(c, types, files);
    expect(found.map((f) => ({ line: f.line, column: f.column, messageId: f.messageId })), `"${c.name}" reports nothing; found:\n${shown(found)}`).toEqual([]);
  }

  async function expectInvalid(c: InvalidCase<C>, types: boolean) {
    const { files, marks } = unmark(c.code);
    const expected = positioned(check, c, marks).slice().sort(byPosition);
    const found = (await run(c, types, files)).slice().sort(byPosition);
    const withPath = expected.some((e) => e.path !== undefined);
    const project = (f: { path?: string; line?: number; column?: number; messageId?: string; severity?: Severity; suggestion?: string }, e?: ExpectedError<C>) => ({
      ...(withPath ? { path: f.path } : {}),
      line: f.line,
      column: f.column,
      messageId: f.messageId,
      severity: severityOf(f),
      ...(e?.suggestion !== undefined ? { suggestion: f.suggestion } : {}),
    });
    expect(found.map((f, i) => project(f, expected[i])), `"${c.name}" reports these findings; found:\n${shown(found)}`).toEqual(
      expected.map((e) => project(e, e)),
    );
    expected.forEach((e, i) => {
      for (const text of typeof e.message === 'string' ? [e.message] : (e.message ?? [])) {
        expect(found[i].message, `"${c.name}": message of finding ${i + 1}`).toContain(text);
      }
    });
  }

  return {
    /** One case in one setting (`types`: with the libraries' declarations); rejects when it does not hold. */
    expectValid,
    expectInvalid,
    /** Registers the tests: one per case and setting, named `valid: <name>` / `invalid: <name>`. */
    run({ valid, invalid }: { valid: Array<ValidCase<C>>; invalid: Array<InvalidCase<C>> }) {
      describe(check.id, () => {
        for (const setting of ['no-types', 'types'] as const) {
          const types = setting === 'types';
          const cases = <T extends ValidCase<C>>(list: T[]) => list.filter((c) => !c.only || c.only === setting);
          // A table whose cases all run in one setting registers no empty suite for the other (vitest fails one).
          if (cases(valid).length + cases(invalid).length === 0) continue;
          describe(types ? 'with library types' : 'without library types', () => {
            if (cases(valid).length > 0) it.each(cases(valid))('valid: $name', (c) => expectValid(c, types));
            if (cases(invalid).length > 0) it.each(cases(invalid))('invalid: $name', (c) => expectInvalid(c, types));
          });
        }
      });
    },
  };
}
