import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// What `npm run build` ships (dist/, built by the global setup): the product, not its tests.
const root = fileURLToPath(new URL('../../', import.meta.url));
const dist = path.join(root, 'dist');
const shipped = (readdirSync(dist, { recursive: true }) as string[]).map((f) => f.split(path.sep).join('/'));

describe('dist/', () => {
  it('holds the binary', () => {
    expect(shipped).toContain('cli/main.js');
  });

  it('holds no test files, fixtures or test helpers', () => {
    const testish = shipped.filter((f) => /(^|\/)(__snapshots__|fixtures)(\/|$)|\.test\.(js|d\.ts)$|(^|\/)test-[\w-]+\.js$|temp-git-repo\.js$/.test(f));
    expect(testish, 'dist/ ships these (a stale file from an old build goes with `npm run build`, which starts from an empty dist/)').toEqual([]);
  });
});
