import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// `npm run new-check` run for real, in a temporary copy of what a check needs: the registry copied
// (the script edits it), src/core, src/analysis, the other checks, test/support and node_modules linked.
const repo = path.resolve(import.meta.dirname, '..', '..');
const script = path.join(repo, 'scripts', 'new-check.mjs');
const root = mkdtempSync(path.join(tmpdir(), 'plumbline-new-check-'));
mkdirSync(path.join(root, 'src', 'checks'), { recursive: true });
mkdirSync(path.join(root, 'test'));
for (const dir of ['core', 'analysis', 'explain', 'cli', 'bot']) {
  if (existsSync(path.join(repo, 'src', dir))) symlinkSync(path.join(repo, 'src', dir), path.join(root, 'src', dir));
}
for (const entry of readdirSync(path.join(repo, 'src', 'checks'), { withFileTypes: true })) {
  if (entry.isDirectory()) symlinkSync(path.join(repo, 'src', 'checks', entry.name), path.join(root, 'src', 'checks', entry.name));
}
copyFileSync(path.join(repo, 'src', 'checks', 'registry.ts'), path.join(root, 'src', 'checks', 'registry.ts'));
symlinkSync(path.join(repo, 'test', 'support'), path.join(root, 'test', 'support'));
symlinkSync(path.join(repo, 'node_modules'), path.join(root, 'node_modules'));

const newCheck = (...args: string[]) => spawnSync(process.execPath, [script, ...args, '--root', root], { encoding: 'utf8' });

const created = newCheck('missing-timeout');
const folder = path.join(root, 'src', 'checks', 'missing-timeout');

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('new-check', () => {
  it('creates index.ts, docs.md and the test, and adds the check to the registry', () => {
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    expect(readdirSync(folder).sort()).toEqual(['docs.md', 'index.ts', 'missing-timeout.test.ts']);
    const registry = readFileSync(path.join(root, 'src', 'checks', 'registry.ts'), 'utf8');
    expect(registry).toContain("import missingTimeout from './missing-timeout/index.js';");
    expect(registry).toMatch(/ {2}missingTimeout,\n\];/);
  });

  it('the edited registry loads and holds the new check', async () => {
    const { checks } = (await import(path.join(root, 'src', 'checks', 'registry.ts'))) as { checks: Array<{ id: string }> };
    expect(checks.map((c) => c.id)).toContain('missing-timeout');
    expect(checks.filter((c) => c.id === 'missing-timeout')).toHaveLength(1);
  });

  it('the generated files type-check with the project settings', () => {
    // The linked folders resolve to the repository itself, so the root of the sources is `/`.
    writeFileSync(path.join(root, 'package.json'), JSON.stringify({ type: 'module' }));
    writeFileSync(
      path.join(root, 'tsconfig.json'),
      JSON.stringify({ extends: path.join(repo, 'tsconfig.json'), compilerOptions: { noEmit: true, rootDir: '/' }, include: ['src/checks/missing-timeout/*.ts'] }),
    );
    const tsc = spawnSync(process.execPath, [path.join(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(root, 'tsconfig.json')], { encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  }, 120_000);

  it('the generated docs name the message id, the checklist item and the option', () => {
    const docs = readFileSync(path.join(folder, 'docs.md'), 'utf8');
    for (const word of ['`call`', '`TODO.checklist-item`', 'functions:']) expect(docs).toContain(word);
  });

  it('refuses an id that exists, in one line with exit 2', () => {
    for (const id of ['missing-timeout', 'magic-number']) {
      const again = newCheck(id);
      expect(again.status).toBe(2);
      expect(again.stderr).toBe(`new-check: check "${id}" already exists (src/checks/${id})\n`);
    }
  });

  it('refuses an id that is not kebab-case, in one line with exit 2', () => {
    for (const id of ['MissingTimeout', 'missing_timeout', 'missing--timeout', '-x', '1check']) {
      const bad = newCheck(id);
      expect(bad.status, id).toBe(2);
      expect(bad.stderr.trim().split('\n'), id).toHaveLength(1);
    }
    expect(execFileSync('git', ['status', '--porcelain', 'src/checks'], { cwd: repo, encoding: 'utf8' })).toBe('');
  });
});

// The generated test, run as part of this file: it must pass as generated.
await import(path.join(folder, 'missing-timeout.test.ts'));
