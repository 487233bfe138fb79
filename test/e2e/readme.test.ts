import { chmodSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLI, git } from '../support/cli.js';

/**
 * Every `plumbline` command the README shows in a ```sh block runs here, on the example change.
 * npm commands (npm ci, npm test, npm run demo) are run by .ci/run, and so are the EXPLAIN
 * commands: `npm run demo` runs `staging load` and `explain --base …` on the production-scale profile.
 */
const RUN_BY_DEMO = /plumbline (staging|explain)\b|--explain\b/;
const root = fileURLToPath(new URL('../../', import.meta.url));
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

function shellCommands(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);
  return blocks
    .flatMap((block) => block.split('\n'))
    .map((line) => line.replace(/\s+#\s.*$/, '').trim())
    .filter((line) => /(^|\|\s*)plumbline\s/.test(line) || /(^|\|\s*)npx plumbline\s/.test(line))
    .filter((line) => !RUN_BY_DEMO.test(line));
}

function exampleRepository(): string {
  const repo = mkdtempSync(path.join(tmpdir(), 'plumbline-readme-'));
  cpSync(path.join(root, 'examples/shop'), repo, { recursive: true });
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'base');
  git(repo, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
  git(repo, 'checkout', '-q', '-b', 'feature');
  cpSync(path.join(root, 'examples/shop.change'), repo, { recursive: true });
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'change');
  return repo;
}

/** A `plumbline` (and `npx plumbline`) on PATH, as `npm link` or a dev dependency provides. */
function binDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'plumbline-bin-'));
  const wrapper = path.join(dir, 'plumbline');
  writeFileSync(wrapper, `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  chmodSync(wrapper, 0o755);
  const npx = path.join(dir, 'npx');
  writeFileSync(npx, `#!/bin/sh\n[ "$1" = plumbline ] && shift && exec "${wrapper}" "$@"\nexit 127\n`);
  chmodSync(npx, 0o755);
  return dir;
}

describe('README commands', () => {
  const commands = shellCommands(readme);
  const bin = binDir();

  it('shows plumbline commands to run', () => {
    expect(commands.length).toBeGreaterThan(8);
  });

  it.each(commands)('%s', (command) => {
    const repo = exampleRepository();
    const run = spawnSync('bash', ['-o', 'pipefail', '-c', command], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, NO_COLOR: '1' },
    });
    // 0 = nothing at or above --fail-on, 1 = findings (the example change has some); 2 would be an error.
    expect(run.stderr).not.toMatch(/internal error|Error:/);
    expect([0, 1]).toContain(run.status);
  });
});
