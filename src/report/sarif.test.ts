import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import type { Log } from 'sarif';
import { FINGERPRINT_KEY, fileUri, sarif } from './sarif.js';
import { explainedQuery, finding, reviewResult, sampleResult } from '../../test/support/review-results.js';

const PACKAGE = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * The official OASIS schema (vendored: there is no network in tests). It is draft-04, which Ajv 8
 * reads as draft-07 once the draft-04 `id` becomes `$id`; no draft-04-only keyword
 * (boolean exclusiveMinimum) occurs in it.
 */
function sarifValidator() {
  const schema = JSON.parse(readFileSync(new URL('./sarif-schema-2.1.0.json', import.meta.url), 'utf8'));
  const { $schema: _draft, id, ...rest } = schema;
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  // A relative reference must resolve against a base and carry no raw spaces or other unescaped characters.
  ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///base/') && !/[\s"<>\\^`{|}]/.test(s));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  return ajv.compile({ ...rest, $id: id });
}

function parse(text: string): Log {
  return JSON.parse(text) as Log;
}

describe('sarif formatter', () => {
  const validate = sarifValidator();

  it('vendors the real SARIF 2.1.0 schema, not a stub', () => {
    const schema = JSON.parse(readFileSync(new URL('./sarif-schema-2.1.0.json', import.meta.url), 'utf8'));
    expect(schema.title).toBe('Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema');
    expect(Object.keys(schema.definitions)).toHaveLength(52);
    expect(schema.definitions.result.properties.partialFingerprints).toBeDefined();
    // The validator does reject what the schema forbids.
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }] })).toBe(false);
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
  });

  it('produces a log that validates against the SARIF 2.1.0 schema', () => {
    const result = sampleResult();
    result.explained = [explainedQuery()];
    const log = parse(sarif(result, { color: false }));
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('validates with no findings and with paths that need encoding', () => {
    expect(validate(parse(sarif(reviewResult(), { color: false })))).toBe(true);
    const odd = finding({ path: 'src/my dir/ünï#1.ts', line: 3, fingerprint: 'odd' });
    const log = parse(sarif(reviewResult({ findings: [odd] }), { color: false }));
    expect(validate(log)).toBe(true);
    expect(log.runs[0].results?.[0].locations?.[0].physicalLocation?.artifactLocation?.uri).toBe('src/my%20dir/%C3%BCn%C3%AF%231.ts');
    expect(fileUri('a/b c.ts')).toBe('a/b%20c.ts');
  });

  it('describes the tool and every rule with help, level and checklist tags', () => {
    const { driver } = parse(sarif(sampleResult(), { color: false })).runs[0].tool;
    expect(driver.name).toBe('plumbline');
    expect(driver.version).toBe(PACKAGE.version);
    expect(driver.informationUri).toBe('https://github.com/plumbline-dev/plumbline');
    const rule = driver.rules?.find((r) => r.id === 'n-plus-one');
    expect(rule).toMatchObject({
      id: 'n-plus-one',
      name: 'NPlusOne',
      shortDescription: { text: 'Query in a loop (N+1)' },
      fullDescription: { text: 'A database call runs once per element of a collection.' },
      helpUri: 'https://github.com/plumbline-dev/plumbline/blob/main/src/checks/n-plus-one/docs.md',
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['plumbline', 'performs', 'checklist:performs.n-plus-one'] },
    });
    expect(rule?.help?.text).toContain("Checklist: Will it perform? — Loops aren't hiding N+1 patterns? (performs.n-plus-one)");
    expect(rule?.help?.markdown).toContain('[Documentation](https://github.com/plumbline-dev/plumbline/blob/main/src/checks/n-plus-one/docs.md)');
  });

  it('writes results with rule index, level, 1-based regions, related locations and the fingerprint', () => {
    const log = parse(sarif(sampleResult(), { color: false }));
    const run = log.runs[0];
    const rules = run.tool.driver.rules ?? [];
    const results = run.results ?? [];
    expect(results.map((r) => [r.ruleId, r.level])).toEqual([
      ['n-plus-one', 'error'],
      ['pii-in-logs', 'warning'],
      ['string-built-sql', 'error'],
      ['silent-failure', 'note'],
    ]);
    for (const r of results) expect(rules[r.ruleIndex ?? -1].id).toBe(r.ruleId);
    const [nPlusOne, , sql] = results;
    expect(nPlusOne.partialFingerprints).toEqual({ [FINGERPRINT_KEY]: 'a1b2c3d4e5f6a7b8c9d0' });
    expect(nPlusOne.locations?.[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'src/orders/service.ts', uriBaseId: '%SRCROOT%' },
      region: { startLine: 12, startColumn: 26, endLine: 12, endColumn: 73 },
    });
    expect(sql.locations?.[0].physicalLocation?.region).toEqual({ startLine: 8, startColumn: 22, endLine: 9, endColumn: 30 });
    expect(nPlusOne.relatedLocations).toEqual([
      { id: 0, physicalLocation: { artifactLocation: { uri: 'src/orders/service.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 11, startColumn: 3 } }, message: { text: 'the loop over `users`' } },
      { id: 1, physicalLocation: { artifactLocation: { uri: 'src/orders/repository.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 40 } }, message: { text: 'the query it reaches' } },
    ]);
    expect(nPlusOne.message.text).toBe(
      '`db.order.findMany` runs once per element of `users`: 1 query per user instead of 1 in total.\nFix: Load the orders of all users at once: `db.order.findMany({ where: { userId: { in: ids } } })`, then group them by `userId`.',
    );
    expect(run.columnKind).toBe('utf16CodeUnits');
    expect(run.invocations?.[0].toolExecutionNotifications).toEqual([{ level: 'note', message: { text: 'src/generated/huge.ts is over 1 MB and was skipped.' } }]);
  });

  it('adds a rule entry for a finding whose rule metadata is missing, so ruleIndex stays valid', () => {
    const f = finding({ ruleId: 'query-plan/seq-scan', severity: 'warning', path: 'a.ts', line: 1, checklistItem: 'performs.indexes' });
    const log = parse(sarif(reviewResult({ findings: [f] }), { color: false }));
    const run = log.runs[0];
    const index = run.results?.[0].ruleIndex ?? -1;
    expect(run.tool.driver.rules?.[index].id).toBe('query-plan/seq-scan');
    expect(validate(log)).toBe(true);
  });

  it('lists a rule once even if the metadata repeats it (the schema wants unique rules)', () => {
    const result = sampleResult();
    result.rules = [...result.rules, result.rules[0]];
    const log = parse(sarif(result, { color: false }));
    expect(log.runs[0].tool.driver.rules?.map((r) => r.id)).toEqual(['silent-failure', 'n-plus-one', 'string-built-sql', 'pii-in-logs']);
    expect(validate(log)).toBe(true);
  });
});

describe('sarif fixes (SARIF 2.1.0 §3.55)', () => {
  it('carries a finding fix as artifactChanges of replacements, an insertion as an empty deletedRegion, and stays schema-valid', () => {
    const fix = {
      description: 'Extract `const DELAY_MS = 5000;`.',
      safe: true,
      edits: [
        { path: 'src/a b.ts', line: 3, column: 1, endLine: 3, endColumn: 1, text: 'const DELAY_MS = 5000;\n' },
        { path: 'src/a b.ts', line: 8, column: 16, endLine: 8, endColumn: 20, text: 'DELAY_MS' },
      ],
    };
    const text = sarif(reviewResult({ findings: [finding({ path: 'src/a b.ts', line: 8, fix }), finding({ path: 'src/c.ts', line: 2 })] }));
    const [withFix, without] = parse(text).runs[0].results!;
    expect(withFix.fixes).toEqual([
      {
        description: { text: 'Extract `const DELAY_MS = 5000;`.' },
        artifactChanges: [
          {
            artifactLocation: { uri: 'src/a%20b.ts', uriBaseId: '%SRCROOT%' },
            replacements: [
              { deletedRegion: { startLine: 3, startColumn: 1, endLine: 3, endColumn: 1 }, insertedContent: { text: 'const DELAY_MS = 5000;\n' } },
              { deletedRegion: { startLine: 8, startColumn: 16, endLine: 8, endColumn: 20 }, insertedContent: { text: 'DELAY_MS' } },
            ],
          },
        ],
        properties: { safe: true },
      },
    ]);
    expect(without.fixes).toBeUndefined();
    const validate = sarifValidator();
    expect(validate(JSON.parse(text)), JSON.stringify(validate.errors)).toBe(true);
  });
});
