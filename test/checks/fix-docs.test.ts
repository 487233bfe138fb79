import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checks } from '../../src/checks/registry.js';

// Every check's docs.md says whether its findings carry an automatic fix, and a check that builds one
// (a module of it returns a `FixInput`) says whether it is safe, so users know what `--fix` will do.
const root = join(import.meta.dirname, '..', '..');

function buildsFixes(id: string): boolean {
  const dir = join(root, 'src', 'checks', id);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .some((f) => /\bFixInput\b/.test(readFileSync(join(dir, f), 'utf8')));
}

describe.each(checks.map((c) => [c.id] as const))('%s docs: automatic fix', (id) => {
  const path = join(root, 'src', 'checks', id, 'docs.md');
  const docs = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const section = /^## Automatic fix\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(docs)?.[1] ?? '';

  it('has an "Automatic fix" section', () => {
    expect(section.trim(), `${id}/docs.md`).not.toBe('');
  });

  it(buildsFixes(id) ? 'says whether its fix is safe' : 'says it has none', () => {
    if (buildsFixes(id)) expect(section).toMatch(/\*\*(not )?safe\*\*/);
    else expect(section).toMatch(/No finding of this rule carries an automatic fix/);
  });
});
