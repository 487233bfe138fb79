#!/usr/bin/env node
// `npm run demo`: reviews the example change in examples/ as a developer would before pushing.
// Builds a throwaway git repository: main = examples/shop, branch = + examples/shop.change.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const rootDir = path.resolve(here, '..');
const examples = path.join(rootDir, 'examples');
const cli = path.join(rootDir, 'dist', 'cli', 'main.js');
const extraArgs = process.argv.slice(2);

function git(cwd, ...args) {
  const result = spawnSync('git', ['-c', 'user.name=Demo', '-c', 'user.email=demo@example.com', ...args], { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
}

function banner(text) {
  console.log(`\n\u001b[1m${text}\u001b[0m`);
}

const repo = mkdtempSync(path.join(tmpdir(), 'plumbline-demo-'));
try {
  cpSync(path.join(examples, 'shop'), repo, { recursive: true });
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'shop service');
  git(repo, 'checkout', '-q', '-b', 'dashboard');
  cpSync(path.join(examples, 'shop.change'), repo, { recursive: true });
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'Dashboard: recent orders with customers');

  banner('$ plumbline review --base main    (the example change: "Dashboard: recent orders with customers")');
  const review = spawnSync(process.execPath, [cli, 'review', '--base', 'main', '-C', repo, ...extraArgs], { stdio: 'inherit' });
  // Exit code 1 means "findings at or above --fail-on": what this change should get.
  if (review.status !== 0 && review.status !== 1) process.exit(review.status ?? 2);
  console.log(`\nExit code ${review.status}: ${review.status === 1 ? 'this change would not pass the CI gate.' : 'the gate would pass.'}`);
} finally {
  rmSync(repo, { recursive: true, force: true });
}
