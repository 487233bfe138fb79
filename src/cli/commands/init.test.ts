import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { checks } from '../../checks/registry.js';
import { configSchema, loadConfig } from '../../core/config/index.js';
import { UserError } from '../../core/errors.js';
import { plumbline } from '../../../test/support/cli.js';
import { initCommand } from './init.js';

function tempDir(git: boolean): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'plumbline-init-'));
  if (git) spawnSync('git', ['init', '-q'], { cwd: dir });
  return dir;
}

const init = (dir: string, ...args: string[]) => initCommand().exitOverride().parseAsync([...args, '--cwd', dir], { from: 'user' });
const read = (dir: string, file: string) => readFileSync(path.join(dir, file), 'utf8');

describe('plumbline init', () => {
  let log: ReturnType<typeof spyOnLog>;
  const spyOnLog = () => vi.spyOn(console, 'log').mockImplementation(() => {});
  beforeEach(() => {
    log = spyOnLog();
  });
  afterEach(() => log.mockRestore());

  it('writes a starter config that validates with the loader and keeps the defaults safe', async () => {
    const dir = tempDir(true);
    await init(dir);
    const loaded = await loadConfig({ root: dir, knownRules: checks.map((c) => c.id) });
    expect(loaded.path).toBe('.plumbline.yml');
    expect(loaded.config).toEqual({ ...configSchema.parse({}), exclude: ['**/*.test.*', '**/*.spec.*', '**/__tests__/**'] });
    expect(log.mock.calls.map((c) => c[0])).toEqual(expect.arrayContaining(['plumbline: wrote .plumbline.yml', 'plumbline: wrote .github/workflows/plumbline.yml']));
  });

  it('explains every config key, and its commented examples validate too', async () => {
    const dir = tempDir(true);
    await init(dir);
    const text = read(dir, '.plumbline.yml');
    for (const key of Object.keys(configSchema.shape)) expect(text).toMatch(new RegExp(`^#? ?${key}:`, 'm'));
    // Uncomment the examples: `# extends:` names a file that does not exist, so leave it out.
    const uncommented = text.replace(/^# extends:.*$/m, '').replace(/^#(  +\S.*)$/gm, '$1').replace(/^(rules|catalog|explain): \{\}$/gm, '$1:');
    const examples = parse(uncommented) as Record<string, unknown>;
    expect(examples).toMatchObject({ rules: { 'silent-failure': { severity: 'warning', options: { reportFallbacks: false } } }, explain: { databaseUrlEnv: 'PLUMBLINE_DATABASE_URL' } });
    writeFileSync(path.join(dir, '.plumbline.yml'), uncommented);
    await expect(loadConfig({ root: dir, knownRules: checks.map((c) => c.id) })).resolves.toBeDefined();
  });

  it('writes a GitHub Actions workflow that uploads SARIF and gates the pull request', async () => {
    const dir = tempDir(true);
    await init(dir);
    const workflow = parse(read(dir, '.github/workflows/plumbline.yml')) as {
      on: Record<string, unknown>;
      permissions: Record<string, string>;
      jobs: { review: { steps: Array<{ uses?: string; run?: string; with?: Record<string, unknown>; name?: string }> } };
    };
    expect(Object.keys(workflow.on)).toEqual(['pull_request']);
    expect(workflow.permissions['security-events']).toBe('write');
    const steps = workflow.jobs.review.steps;
    expect(steps[0]).toMatchObject({ uses: 'actions/checkout@v4', with: { 'fetch-depth': 0 } });
    expect(steps[1]).toMatchObject({ uses: 'actions/setup-node@v4', with: { 'node-version': 20 } });
    const runs = steps.map((s) => s.run ?? '');
    // The repository's own install, checked first; never `npx plumbline` (an unrelated registry package).
    expect(runs.join('\n')).not.toContain('npx');
    expect(runs).toContain('node_modules/.bin/plumbline review --base origin/${{ github.base_ref }} --format sarif --output plumbline.sarif --fail-on never');
    expect(runs.findIndex((r) => r.startsWith('test -x node_modules/.bin/plumbline'))).toBeLessThan(runs.findIndex((r) => r.includes('--format sarif')));
    const upload = steps.findIndex((s) => s.uses === 'github/codeql-action/upload-sarif@v3');
    expect(steps[upload].with).toMatchObject({ sarif_file: 'plumbline.sarif' });
    // The gate is last and uses the config's failOn.
    expect(steps.at(-1)).toMatchObject({ name: 'Gate', run: 'node_modules/.bin/plumbline review --base origin/${{ github.base_ref }} --format github' });
    expect(upload).toBeLessThan(steps.length - 1);
  });

  it('--hook writes an executable pre-push hook that runs the repository\'s installed plumbline', async () => {
    const dir = tempDir(true);
    await init(dir, '--hook');
    const hook = path.join(dir, '.git/hooks/pre-push');
    expect(statSync(hook).mode & 0o111).toBe(0o111);
    // A stand-in installed binary that records its arguments and fails like a blocking review.
    mkdirSync(path.join(dir, 'node_modules/.bin'), { recursive: true });
    writeFileSync(path.join(dir, 'node_modules/.bin/plumbline'), `#!/bin/sh\necho "$@" > "${dir}/args"\nexit 1\n`);
    chmodSync(path.join(dir, 'node_modules/.bin/plumbline'), 0o755);
    const run = spawnSync(hook, [], { cwd: dir });
    expect(run.status).toBe(1); // the hook's exit code is the review's: a failing review stops the push
    expect(readFileSync(path.join(dir, 'args'), 'utf8').trim()).toBe('review --fail-on error');
  });

  it('--hook never falls back to npx: without an install it stops with a clear message', async () => {
    const dir = tempDir(true);
    await init(dir, '--hook');
    // Tests run from src/, so the hook's fallback (the CLI that wrote it) does not exist here.
    const bin = mkdtempSync(path.join(tmpdir(), 'plumbline-bin-'));
    writeFileSync(path.join(bin, 'npx'), `#!/bin/sh\ntouch "${bin}/npx-ran"\nexit 0\n`);
    chmodSync(path.join(bin, 'npx'), 0o755);
    const run = spawnSync(path.join(dir, '.git/hooks/pre-push'), [], { cwd: dir, encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^plumbline: not installed: neither .*node_modules\/\.bin\/plumbline nor .*main\.js exists\./);
    expect(() => statSync(path.join(bin, 'npx-ran'))).toThrow();
  });

  it('a hook written by the installed CLI falls back to that CLI when the repository has no install', () => {
    const dir = tempDir(true);
    const written = plumbline(['init', '--hook'], { cwd: dir });
    expect(written.status, written.stderr).toBe(0);
    const run = spawnSync(path.join(dir, '.git/hooks/pre-push'), [], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(run.stderr).not.toMatch(/not installed/);
    expect(run.status).toBe(0); // a repository with nothing to review passes the gate
  });

  it('--hook honours core.hooksPath', async () => {
    const dir = tempDir(true);
    spawnSync('git', ['config', 'core.hooksPath', '.githooks'], { cwd: dir });
    await init(dir, '--hook');
    expect(read(dir, '.githooks/pre-push')).toContain('/node_modules/.bin/plumbline" review --fail-on error');
  });

  it('refuses to overwrite existing files without --force, and writes nothing', async () => {
    const dir = tempDir(true);
    mkdirSync(path.join(dir, '.git/hooks'), { recursive: true });
    writeFileSync(path.join(dir, '.plumbline.yml'), 'failOn: never\n');
    writeFileSync(path.join(dir, '.git/hooks/pre-push'), '#!/bin/sh\nhusky\n');
    const error = await init(dir, '--hook').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(2);
    expect((error as UserError).message).toBe('.plumbline.yml and .git/hooks/pre-push already exist: nothing written (use --force to overwrite)');
    expect(read(dir, '.plumbline.yml')).toBe('failOn: never\n');
    expect(() => statSync(path.join(dir, '.github/workflows/plumbline.yml'))).toThrow();

    await init(dir, '--hook', '--force');
    expect(read(dir, '.plumbline.yml')).toContain('failOn: error');
    expect(read(dir, '.git/hooks/pre-push')).toContain('/node_modules/.bin/plumbline" review --fail-on error');
  });

  it('works outside git without --hook, and says why --hook needs git', async () => {
    const dir = tempDir(false);
    await init(dir);
    expect(read(dir, '.plumbline.yml')).toContain('checklist: default');
    const other = tempDir(false);
    await expect(init(other, '--hook')).rejects.toThrow(/^--hook needs a git repository/);
  });
});
