import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProjects } from './project.js';

function monorepo(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'plumbline-project-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

const tsconfig = (options: object) => JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', ...options } });

describe('loadProjects', () => {
  const root = monorepo({
    'packages/shared/src/money.ts': 'export const cents = (n: number) => Math.round(n * 100);\n',
    'packages/api/tsconfig.json': tsconfig({ outDir: 'dist', rootDir: 'src', strict: true }),
    'packages/api/src/a.ts': "import { cents } from '../../shared/src/money.js';\nexport const a = cents(1);\n",
    'packages/worker/tsconfig.json': tsconfig({ outDir: 'build', strict: true }),
    'packages/worker/src/b.ts': "import { cents } from '../../shared/src/money.js';\nexport const b = cents(2);\n",
    'packages/web/tsconfig.json': tsconfig({ strict: true, strictNullChecks: false }),
    'packages/web/src/c.ts': "import { cents } from '../../shared/src/money.js';\nexport const c = [1].map(cents);\n",
    'packages/app/tsconfig.json': tsconfig({ strict: true, jsx: 'react-jsx' }),
    'packages/app/src/d.ts': "import { cents } from '../../shared/src/money.js';\nexport const d = cents(3);\n",
  });
  const loaded = loadProjects(root, ['packages/api/src/a.ts', 'packages/worker/src/b.ts', 'packages/web/src/c.ts', 'packages/app/src/d.ts']);

  it('puts packages whose tsconfigs differ only in output settings in one project', () => {
    expect(loaded.groups.map((g) => g.files.map((f) => path.basename(f.getFilePath())))).toEqual([['a.ts', 'b.ts'], ['c.ts'], ['d.ts']]);
    expect(loaded.groups[0].project.getTypeChecker().getTypeText(loaded.groups[0].files[1].getVariableDeclarationOrThrow('b').getType())).toBe('number');
  });

  it('parses a file two projects import, and the standard library, once, when their parse options agree', () => {
    const [one, two, three] = loaded.groups.map((g) => g.project);
    const money = (p: typeof one) => p.getSourceFileOrThrow(path.join(root, 'packages/shared/src/money.ts')).compilerNode;
    expect(money(one)).toBe(money(two));
    const lib = (p: typeof one) => p.getProgram().compilerObject.getSourceFiles().find((sf) => sf.fileName.endsWith('lib.es5.d.ts'));
    expect(lib(one)).toBeDefined();
    expect(lib(one)).toBe(lib(two));
    // Different parse options (JSX here): separate trees, as TypeScript's own DocumentRegistry keeps them.
    expect(money(three)).not.toBe(money(one));
    // Each project still type-checks with its own options.
    expect(two.getProgram().compilerObject.getCompilerOptions().strictNullChecks).toBe(false);
    expect(one.getProgram().compilerObject.getCompilerOptions().strictNullChecks).toBeUndefined();
  });
});
