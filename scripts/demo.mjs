#!/usr/bin/env node
// `npm run demo`: the example change reviewed as a developer would before pushing, then its queries
// run through EXPLAIN ANALYZE on an embedded staging database at production scale (seed 000's
// incident), then the follow-up commit that fixes the query.
//   node scripts/demo.mjs [--static]   --static: skip the database part
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const examples = path.resolve(here, '..', 'examples');
const cli = path.resolve(here, '..', 'dist', 'cli', 'main.js');
const staticOnly = process.argv.includes('--static');

// Before a build node would print a module-not-found stack and the demo would go on as if the review ran.
if (!existsSync(cli)) {
  console.error(`demo: ${path.relative(process.cwd(), cli) || cli} does not exist: run \`npm run build\` first (or \`npm run demo\`, which builds)`);
  process.exit(2);
}

function git(cwd, ...args) {
  const result = spawnSync('git', ['-c', 'user.name=Demo', '-c', 'user.email=demo@example.com', ...args], { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
}

function commitOverlay(repo, overlay, message) {
  cpSync(path.join(examples, overlay), repo, { recursive: true });
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', message);
}

/** Runs the CLI; exit 1 ("findings at or above --fail-on") is an expected outcome, 2 is not. */
function plumbline(repo, title, ...args) {
  console.log(`\n\u001b[1m$ plumbline ${args.join(' ')}\u001b[0m   ${title}`);
  const run = spawnSync(process.execPath, [cli, ...args, '-C', repo], { stdio: 'inherit' });
  if (run.status !== 0 && run.status !== 1) {
    console.error(`demo: plumbline ${args[0]} failed with exit code ${run.status}`);
    process.exit(run.status ?? 2);
  }
  return run.status;
}

const repo = mkdtempSync(path.join(tmpdir(), 'plumbline-demo-'));
let stagingStarted = false;
try {
  cpSync(path.join(examples, 'shop'), repo, { recursive: true });
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'shop service');
  git(repo, 'checkout', '-q', '-b', 'dashboard');
  commitOverlay(repo, 'shop.change', 'Dashboard: recent orders with customers');

  const status = plumbline(repo, '— static checks on the change "Dashboard: recent orders with customers"', 'review', '--base', 'main');
  console.log(`\nExit code ${status}: ${status === 1 ? 'this change would not pass the CI gate.' : 'the gate would pass.'}`);
  if (staticOnly) process.exit(0);

  stagingStarted = true;
  plumbline(repo, '— embedded PostgreSQL with the production-scale profile (users 240 k, orders 2.4 M, order items 2.4 M)', 'staging', 'load');
  plumbline(repo, '— the changed queries (raw SQL and the Prisma form of the same panel) on production-scale data', 'explain', '--base', 'main');

  commitOverlay(repo, 'shop.fix', 'Index orders(created_at); pick the 50 newest orders before joining');
  plumbline(repo, '— after the fix commit', 'explain', '--base', 'main');
} finally {
  if (stagingStarted) spawnSync(process.execPath, [cli, 'staging', 'down', '-C', repo], { stdio: 'ignore' });
  rmSync(repo, { recursive: true, force: true });
}
