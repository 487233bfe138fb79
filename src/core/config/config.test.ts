import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { UserError } from '../errors.js';
import { configSchema, loadConfig, mergeConfig, validateConfig } from './index.js';
import { ruleObjectSchema } from './schema.js';

const KNOWN_RULES = ['silent-failure', 'n-plus-one', 'pii-in-logs', 'query-plan/*'];
const CATALOG_KEYS = ['query-calls', 'loggers'];

function repo(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'plumbline-config-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

const load = (root: string, configPath?: string) => loadConfig({ root, configPath, knownRules: KNOWN_RULES, knownCatalogKeys: CATALOG_KEYS });

async function errorOf(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

/** The "file:line: key: message" lines of a config error. */
async function problemLines(yaml: string): Promise<string[]> {
  const error = await errorOf(load(repo({ '.plumbline.yml': yaml })));
  const lines = error.message.split('\n');
  return lines.length === 1 ? [lines[0].replace(/^invalid configuration: /, '')] : lines.slice(1).map((l) => l.trim());
}

describe('config schema', () => {
  it('describes every key (the starter config and docs are written from these)', () => {
    for (const [key, schema] of [...Object.entries(configSchema.shape), ...Object.entries(ruleObjectSchema.shape)]) {
      expect(schema.description, key).toMatch(/\w{3,}/);
    }
  });
});

describe('config schema: valid files', () => {
  const valid: Array<{ name: string; yaml: string; expected: Record<string, unknown> }> = [
    {
      name: 'an empty file means the defaults',
      yaml: '',
      expected: { checklist: 'default', include: [], exclude: [], failOn: 'error', rules: {}, catalog: {}, baseline: '.plumbline-baseline.json', explain: {}, github: { maxInlineComments: 25 } },
    },
    { name: 'a file of comments only', yaml: '# nothing yet\n', expected: { failOn: 'error' } },
    {
      name: 'every rule form',
      yaml: 'rules:\n  silent-failure: off\n  n-plus-one: warning\n  pii-in-logs:\n    severity: error\n    options: { maskingFunctions: [scrub] }\n  query-plan/seq-scan: info\n',
      expected: {
        rules: { 'silent-failure': 'off', 'n-plus-one': 'warning', 'pii-in-logs': { severity: 'error', options: { maskingFunctions: ['scrub'] } }, 'query-plan/seq-scan': 'info' },
      },
    },
    { name: 'a key whose entries are all commented out is not set', yaml: 'rules:\n#  n-plus-one: off\nexclude:\nfailOn: warning\n', expected: { rules: {}, exclude: [], failOn: 'warning' } },
    { name: 'options without a severity', yaml: 'rules:\n  n-plus-one:\n    options: {}\n', expected: { rules: { 'n-plus-one': { options: {} } } } },
    {
      name: 'globs, gate, checklist, baseline',
      yaml: 'checklist: senior-backend\nfailOn: never\ninclude: ["src/**"]\nexclude: ["**/*.spec.ts"]\nbaseline: ci/baseline.json\n',
      expected: { checklist: 'senior-backend', failOn: 'never', include: ['src/**'], exclude: ['**/*.spec.ts'], baseline: 'ci/baseline.json' },
    },
    {
      name: 'catalog extensions and the explain/github sections',
      yaml: 'catalog:\n  loggers: [{ id: acme.log }]\nexplain: { enabled: true, databaseUrlEnv: STAGING_URL }\ngithub: { maxInlineComments: 5, failOn: warning }\n',
      expected: { catalog: { loggers: [{ id: 'acme.log' }] }, explain: { enabled: true, databaseUrlEnv: 'STAGING_URL' }, github: { maxInlineComments: 5, failOn: 'warning' } },
    },
  ];
  it.each(valid)('$name', async ({ yaml, expected }) => {
    const loaded = await load(repo({ '.plumbline.yml': yaml }));
    expect(loaded.config).toMatchObject(expected);
    expect(loaded.path).toBe('.plumbline.yml');
    expect(loaded.sources).toEqual(['.plumbline.yml']);
  });
});

describe('config schema: invalid files name the file, line and key', () => {
  const invalid: Array<{ name: string; yaml: string; errors: string[] }> = [
    {
      name: 'a wrong severity',
      yaml: 'failOn: error\nrules:\n  silent-failure: loud\n',
      errors: ['.plumbline.yml:3: rules.silent-failure: expected off, error, warning, info, or a map { severity, options }, got "loud"'],
    },
    {
      name: 'an unknown rule lists the known ones',
      yaml: 'rules:\n  n-plus-one: error\n  n+1: error\n',
      errors: ['.plumbline.yml:3: rules.n+1: unknown rule (known: n-plus-one, pii-in-logs, query-plan/*, silent-failure)'],
    },
    {
      name: 'an unknown top-level key (a typo)',
      yaml: 'failon: warning\n',
      errors: ['.plumbline.yml:1: failon: unknown key (known keys: extends, checklist, include, exclude, failOn, allowUnchecked, rules, catalog, baseline, explain, github)'],
    },
    {
      name: 'an unknown key inside a rule setting',
      yaml: 'rules:\n  n-plus-one:\n    severity: error\n    option: {}\n',
      errors: ['.plumbline.yml:4: rules.n-plus-one.option: unknown key (known keys: severity, options)'],
    },
    {
      name: 'a bad severity inside a rule map',
      yaml: 'rules:\n  n-plus-one:\n    severity: fatal\n',
      errors: ['.plumbline.yml:3: rules.n-plus-one.severity: expected one of "off", "error", "warning", "info", got "fatal"'],
    },
    {
      name: 'wrong types are collected and listed together',
      yaml: 'include: src/**\nexclude:\n  - dist/**\n  - 42\nfailOn: sometimes\nbaseline: ""\n',
      errors: [
        '.plumbline.yml:1: include: expected a list, got "src/**"',
        '.plumbline.yml:4: exclude[1]: expected a string, got 42',
        '.plumbline.yml:5: failOn: expected one of "error", "warning", "info", "never", got "sometimes"',
        '.plumbline.yml:6: baseline: must not be empty',
      ],
    },
    {
      name: 'sections are strict too',
      yaml: 'explain:\n  enabled: yes\n  url: postgres://x\ngithub:\n  maxInlineComments: -1\n',
      errors: [
        '.plumbline.yml:2: explain.enabled: expected true or false, got "yes"',
        // The sections belong to other parts (explain, GitHub App): their key lists grow.
        expect.stringMatching(/^\.plumbline\.yml:3: explain\.url: unknown key \(known keys: enabled, databaseUrlEnv\b/) as unknown as string,
        '.plumbline.yml:5: github.maxInlineComments: Too small: expected number to be >=0',
      ],
    },
    {
      name: 'an unknown catalog key, and a catalog entry that is not a list',
      yaml: 'catalog:\n  loggers: { id: x }\n  orms: []\n',
      errors: ['.plumbline.yml:2: catalog.loggers: expected a list, got a map', '.plumbline.yml:3: catalog.orms: unknown catalog key (known: loggers, query-calls)'],
    },
    {
      name: 'globs must be repository-relative',
      yaml: 'include:\n  - ./src/**\nexclude: ["/tmp/**", "ok/**"]\n',
      errors: [
        '.plumbline.yml:2: include[0]: globs are relative to the repository root: write `src/**`, not `./src/**` or `/src/**`',
        '.plumbline.yml:3: exclude[0]: globs are relative to the repository root: write `src/**`, not `./src/**` or `/src/**`',
      ],
    },
    { name: 'a checklist that is neither built in nor a file', yaml: 'failOn: error\nchecklist: senior\n', errors: ['.plumbline.yml:2: checklist: expected default, senior-backend or a checklist file; senior does not exist'] },
    { name: 'a list instead of a map', yaml: '- rules\n', errors: ['.plumbline.yml:1: expected a map of settings (checklist, rules, exclude, …), got a list'] },
    { name: 'a YAML syntax error is one line with file:line:column', yaml: 'rules:\n  n-plus-one: [error\nfailOn: x\n', errors: [expect.stringMatching(/^\.plumbline\.yml:3:\d+: YAML syntax error: /) as unknown as string] },
    { name: 'a duplicate key', yaml: 'failOn: error\nfailOn: never\n', errors: [expect.stringMatching(/^\.plumbline\.yml:2:1: YAML syntax error: Map keys must be unique/) as unknown as string] },
  ];
  it.each(invalid)('$name', async ({ yaml, errors }) => {
    expect(await problemLines(yaml)).toEqual(errors);
  });

  it('a single problem is a single line', async () => {
    const error = await errorOf(load(repo({ '.plumbline.yml': 'rules:\n  silent-failure: loud\n' })));
    expect(error.message.split('\n')).toHaveLength(1);
  });
});

describe('finding the config file', () => {
  it('uses defaults when there is no file', async () => {
    const loaded = await load(repo({ 'README.md': 'x' }));
    expect(loaded).toMatchObject({ sources: [], config: { failOn: 'error', checklist: 'default' } });
    expect(loaded.path).toBeUndefined();
  });

  it('finds .github/plumbline.yml, and prefers .plumbline.yml at the root', async () => {
    expect((await load(repo({ '.github/plumbline.yml': 'failOn: warning\n' }))).config.failOn).toBe('warning');
    const both = await load(repo({ '.github/plumbline.yml': 'failOn: warning\n', '.plumbline.yml': 'failOn: info\n' }));
    expect(both).toMatchObject({ path: '.plumbline.yml', config: { failOn: 'info' } });
  });

  it('errors in .github/plumbline.yml name that path', async () => {
    const error = await errorOf(load(repo({ '.github/plumbline.yml': 'failOn: loud\n' })));
    expect(error.message).toMatch(/^invalid configuration: \.github\/plumbline\.yml:1: failOn: /);
  });

  it('reads --config and refuses a missing one', async () => {
    const root = repo({ 'ci/strict.yml': 'failOn: warning\n' });
    expect(await load(root, 'ci/strict.yml')).toMatchObject({ path: 'ci/strict.yml', config: { failOn: 'warning' } });
    expect((await errorOf(load(root, 'ci/missing.yml'))).message).toMatch(/^config file not found: ci\/missing\.yml/);
  });
});

describe('extends', () => {
  it('applies bases first and merges rules per id, catalog lists by appending, sections per key', async () => {
    const root = repo({
      'config/org.yml': 'failOn: warning\nexclude: ["vendor/**"]\nrules:\n  n-plus-one: error\n  pii-in-logs: warning\ncatalog:\n  loggers: [{ id: org.log }]\ngithub: { maxInlineComments: 10 }\n',
      'config/team.yml': 'extends: org.yml\nrules:\n  pii-in-logs: off\nchecklist: ../checklists/team.yml\n',
      'checklists/team.yml': 'id: team\n',
      '.plumbline.yml': 'extends: [config/team.yml]\nexclude: ["scripts/**"]\ncatalog:\n  loggers: [{ id: repo.log }]\ngithub: { failOn: error }\n',
    });
    const loaded = await load(root);
    expect(loaded.sources).toEqual(['config/org.yml', 'config/team.yml', '.plumbline.yml']);
    expect(loaded.config).toMatchObject({
      failOn: 'warning',
      exclude: ['scripts/**'],
      rules: { 'n-plus-one': 'error', 'pii-in-logs': 'off' },
      catalog: { loggers: [{ id: 'org.log' }, { id: 'repo.log' }] },
      github: { maxInlineComments: 10, failOn: 'error' },
      // relative to config/team.yml, stored relative to the repository root
      checklist: 'checklists/team.yml',
    });
    expect(loaded.config).not.toHaveProperty('extends');
  });

  it('applies a base two files extend once', async () => {
    const root = repo({
      'base.yml': 'catalog:\n  loggers: [{ id: base.log }]\n',
      'a.yml': 'extends: base.yml\n',
      'b.yml': 'extends: base.yml\n',
      '.plumbline.yml': 'extends: [a.yml, b.yml]\n',
    });
    const loaded = await load(root);
    expect(loaded.sources).toEqual(['base.yml', 'a.yml', 'b.yml', '.plumbline.yml']);
    expect(loaded.config.catalog).toEqual({ loggers: [{ id: 'base.log' }] });
  });

  it('detects a cycle and names the chain', async () => {
    const root = repo({ '.plumbline.yml': 'extends: a.yml\n', 'a.yml': 'failOn: info\nextends: b.yml\n', 'b.yml': 'extends: [./a.yml]\n' });
    const error = await errorOf(load(root));
    expect(error.message).toBe('invalid configuration: b.yml:1: extends: extends cycle: a.yml → b.yml → a.yml');
  });

  it('a file extending itself is a cycle', async () => {
    const error = await errorOf(load(repo({ '.plumbline.yml': 'extends: .plumbline.yml\n' })));
    expect(error.message).toBe('invalid configuration: .plumbline.yml:1: extends: extends cycle: .plumbline.yml → .plumbline.yml');
  });

  it('a missing base names the line that extends it; problems from several files are listed together', async () => {
    const root = repo({ '.plumbline.yml': 'extends:\n  - base.yml\n  - gone.yml\nfailOn: loud\n', 'base.yml': 'rules:\n  nope: off\n' });
    const error = await errorOf(load(root));
    expect(error.message.split('\n')).toEqual([
      'invalid configuration in .plumbline.yml, base.yml (3 problems):',
      '  .plumbline.yml:3: extends: file not found: gone.yml',
      '  .plumbline.yml:4: failOn: expected one of "error", "warning", "info", "never", got "loud"',
      '  base.yml:2: rules.nope: unknown rule (known: n-plus-one, pii-in-logs, query-plan/*, silent-failure)',
    ]);
  });
});

describe('mergeConfig (also used by the App on probot\'s `_extends` chain)', () => {
  it('merges rules per id, appends catalog lists, and treats empty keys as not set', () => {
    expect(mergeConfig({ rules: { a: 'off' }, catalog: { loggers: [1] }, failOn: 'warning' }, { rules: { b: 'error' }, catalog: null, failOn: null, exclude: ['x/**'] })).toEqual({
      rules: { a: 'off', b: 'error' },
      catalog: { loggers: [1] },
      failOn: 'warning',
      exclude: ['x/**'],
    });
  });
});

describe('validateConfig (an object read elsewhere, e.g. by probot)', () => {
  it('returns the config with defaults', () => {
    expect(validateConfig({ rules: { 'n-plus-one': 'warning' } }, { source: 'owner/repo:.github/plumbline.yml', knownRules: KNOWN_RULES })).toMatchObject({
      rules: { 'n-plus-one': 'warning' },
      failOn: 'error',
      github: { maxInlineComments: 25 },
    });
    expect(validateConfig(null, { source: 'x', knownRules: [] }).checklist).toBe('default');
  });

  it('lists every problem by key', () => {
    expect(() => validateConfig({ failOn: 3, rules: { x: 'off' }, extra: true }, { source: 'owner/repo:.github/plumbline.yml', knownRules: KNOWN_RULES })).toThrow(
      [
        'invalid configuration in owner/repo:.github/plumbline.yml (3 problems):',
        '  owner/repo:.github/plumbline.yml: extra: unknown key (known keys: extends, checklist, include, exclude, failOn, allowUnchecked, rules, catalog, baseline, explain, github)',
        '  owner/repo:.github/plumbline.yml: failOn: expected one of "error", "warning", "info", "never", got 3',
        '  owner/repo:.github/plumbline.yml: rules.x: unknown rule (known: n-plus-one, pii-in-logs, query-plan/*, silent-failure)',
      ].join('\n'),
    );
  });
});

describe('rule options, when the caller passes the rules\' option schemas', () => {
  const ruleOptionSchemas = {
    'silent-failure': z.strictObject({ reportFallbacks: z.boolean().default(true) }),
    'pii-in-logs': z.strictObject({ maskingFunctions: z.array(z.string()).default([]) }),
  };
  const loadWithOptions = (yaml: string) => loadConfig({ root: repo({ '.plumbline.yml': yaml }), knownRules: KNOWN_RULES, knownCatalogKeys: CATALOG_KEYS, ruleOptionSchemas });

  it('accepts valid options and rules without a schema', async () => {
    const loaded = await loadWithOptions('rules:\n  silent-failure: { options: { reportFallbacks: false } }\n  n-plus-one: { options: { anything: 1 } }\n');
    expect(loaded.config.rules['silent-failure']).toEqual({ options: { reportFallbacks: false } });
  });

  it('reports bad options with file, line and key', async () => {
    const error = await errorOf(loadWithOptions('rules:\n  silent-failure:\n    options:\n      reportFallbacks: "no"\n  pii-in-logs:\n    options: { masking: [x] }\n'));
    expect(error.message.split('\n').slice(1).map((l) => l.trim())).toEqual([
      '.plumbline.yml:4: rules.silent-failure.options.reportFallbacks: expected true or false, got "no"',
      '.plumbline.yml:6: rules.pii-in-logs.options.masking: unknown key (known keys: maskingFunctions)',
    ]);
  });
});
