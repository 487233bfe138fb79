import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const DEMO = fileURLToPath(new URL('../../scripts/demo.mjs', import.meta.url));

describe('the demo script', () => {
  it('before a build: one line saying to build, exit 2, no stack trace', () => {
    // A checkout without dist/: the script alone in its scripts/ folder.
    const checkout = mkdtempSync(path.join(tmpdir(), 'plumbline-demo-unbuilt-'));
    mkdirSync(path.join(checkout, 'scripts'));
    copyFileSync(DEMO, path.join(checkout, 'scripts', 'demo.mjs'));
    const run = spawnSync(process.execPath, ['scripts/demo.mjs', '--static'], { cwd: checkout, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual(['demo: dist/cli/main.js does not exist: run `npm run build` first (or `npm run demo`, which builds)']);
    expect(run.stdout).toBe('');
  });
});
