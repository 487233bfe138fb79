import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs the built `plumbline` binary as a child process. */
export function plumbline(args: string[], options: { cwd: string; input?: string; env?: Record<string, string> }): CliRun {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd,
    input: options.input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...options.env },
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export function git(cwd: string, ...args: string[]): string {
  const result = spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
}

/** A temporary git repository with a base commit on main and, optionally, a head commit on a branch. */
export function tempRepo(base: Record<string, string>, head?: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'plumbline-e2e-'));
  git(root, 'init', '-q', '-b', 'main');
  writeFiles(root, base);
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'base');
  if (head) {
    git(root, 'checkout', '-q', '-b', 'feature');
    writeFiles(root, head);
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'head');
  }
  return root;
}
