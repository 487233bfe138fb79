#!/usr/bin/env node
// `npm test` needs the real libraries' type declarations for the checks' typed tests.
// Installs them once (no install scripts run: only .d.ts files are used).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../test/fixtures/typed/', import.meta.url));
if (!existsSync(`${dir}node_modules/.package-lock.json`)) {
  console.log('Installing library type declarations for typed tests (test/fixtures/typed)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--prefix', dir], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
