#!/usr/bin/env node
// `npm test` needs the real libraries' type declarations for the checks' typed tests.
// Installs them once (no install scripts run: only .d.ts files are used).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// test/fixtures/prisma-client: the real Prisma client whose SQL test/explain/prisma-sql.test.ts compares with
// the Prisma translation (Prisma 7 needs no engine download).
for (const fixture of ['typed', 'prisma-client']) {
  const dir = fileURLToPath(new URL(`../test/fixtures/${fixture}/`, import.meta.url));
  if (existsSync(`${dir}node_modules/.package-lock.json`)) continue;
  console.log(`Installing test/fixtures/${fixture}…`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--prefix', dir], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
