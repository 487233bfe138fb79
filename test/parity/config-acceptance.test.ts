import { writeFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { runAction } from '../../src/action/run-action.js';
import { loadBaseConfig, RepositoryConfigError, type ConfigLoader } from '../../src/bot/repository-config.js';
import { TempGitRepo } from '../support/temp-git-repo.js';
import type { GitHubClient } from '../../src/github/client.js';
import { registry } from '../../src/registry.js';
import { plumbline } from '../support/cli.js';

/** Configs every front end must judge alike (the App and the Action once accepted typos the CLI refused). */
const CONFIGS: Array<{ name: string; yaml: string; accepted: boolean }> = [
  { name: 'a query-plan rule switched off', yaml: 'rules:\n  query-plan/seq-scan-filter: off\n', accepted: true },
  { name: 'the pipeline rule invalid-suppression switched off', yaml: 'rules:\n  invalid-suppression: off\n', accepted: true },
  { name: 'check options', yaml: 'rules:\n  error-handling:\n    severity: warning\n    options:\n      reportLogAndContinue: false\n', accepted: true },
  { name: 'an unknown rule', yaml: 'rules:\n  n-plus-on: warning\n', accepted: false },
  { name: 'an unknown query-plan rule', yaml: 'rules:\n  query-plan/typo: off\n', accepted: false },
  { name: 'a bad option', yaml: 'rules:\n  error-handling:\n    options:\n      reportLogAndContinu: true\n', accepted: false },
  { name: 'a user catalog entry', yaml: 'catalog:\n  magic-number-arguments:\n    - { id: acme.cache.put, methods: [put], argument: 2, quantity: cache TTL, suffix: CACHE_TTL_SECONDS }\n', accepted: true },
  // Refused at load, before any check runs: even with the one check that reads the key switched off.
  { name: 'a bad user catalog entry (its check off)', yaml: 'rules:\n  magic-number: off\ncatalog:\n  magic-number-arguments:\n    - { id: acme.cache.put, methods: [put], argument: third, quantity: cache TTL, suffix: CACHE_TTL_SECONDS }\n', accepted: false },
];

const repo = TempGitRepo.create();
repo.commit('main', { 'src/a.ts': 'export const a = 1;\n' });
afterAll(() => TempGitRepo.removeAll());

function withConfig(yaml: string): string {
  writeFileSync(path.join(repo.root, '.plumbline.yml'), yaml);
  return repo.root;
}

/** Each front end: true when it accepted the config, false when it refused it as a config error. */
const FRONT_ENDS: Record<string, (yaml: string) => Promise<boolean>> = {
  'plumbline review': async (yaml) => cli(['review', '--format', 'json', '--fail-on', 'never'], yaml),
  'plumbline checklist': async (yaml) => cli(['checklist'], yaml),
  'plumbline explain': async (yaml) => cli(['explain', '--format', 'json', '--fail-on', 'never'], yaml),
  'plumbline staging status': async (yaml) => cli(['staging', 'status'], yaml),
  'the Action': async (yaml) => {
    const cwd = withConfig(yaml);
    return runAction({ GITHUB_WORKSPACE: cwd, PATH: process.env.PATH, HOME: process.env.HOME }, { registry, write: () => undefined }).then(
      () => true,
      (error: Error) => (/\.plumbline\.yml:\d+: (rules|catalog)\./.test(error.message) ? false : Promise.reject(error)),
    );
  },
  'the App': async (yaml) => {
    const client = { config: { get: async () => ({ config: YAML.parse(yaml) as object, files: [{ owner: 'acme', repo: 'shop', path: '.github/plumbline.yml', config: {} }] }) } };
    return loadBaseConfig(client as unknown as GitHubClient & ConfigLoader, { owner: 'acme', repo: 'shop' }, 'main', registry.config).then(
      () => true,
      (error: Error) => (error instanceof RepositoryConfigError ? false : Promise.reject(error)),
    );
  },
};

function cli(args: string[], yaml: string): boolean {
  const run = plumbline(args, { cwd: withConfig(yaml) });
  if (run.status === 2) {
    expect(run.stderr).toMatch(/\.plumbline\.yml:\d+/);
    return false;
  }
  expect(run.stderr, run.stderr).not.toMatch(/plumbline\.yml/);
  return true;
}

describe('one rule registry: every front end accepts and rejects the same configs', () => {
  for (const config of CONFIGS) {
    it(`${config.accepted ? 'accepts' : 'rejects'} ${config.name}`, async () => {
      const verdicts: Record<string, boolean> = {};
      for (const [name, run] of Object.entries(FRONT_ENDS)) verdicts[name] = await run(config.yaml);
      expect(verdicts).toEqual(Object.fromEntries(Object.keys(FRONT_ENDS).map((name) => [name, config.accepted])));
    });
  }
});
