import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFiles } from '../../test/support/cli.js';
import { findDependents } from './dependents.js';

/** A plain directory, not a git repository: what the App unpacks from GitHub's tarball. */
function plainDir(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'plumbline-dependents-'));
  writeFiles(root, files);
  return root;
}

describe('findDependents', () => {
  const repo = plainDir({
    'src/users/user.repository.ts': 'export class UserRepository {}\n',
    'src/users/index.ts': "export * from './user.repository';\n",
    'src/orders/order.service.ts': "import { UserRepository } from '../users/user.repository.js';\n",
    'src/orders/order.controller.ts': "import { OrderService } from './order.service';\n",
    'src/app.ts': "import { users } from './users';\n",
    'src/lazy.ts': "export const load = () => import('./orders/order.controller');\nconst legacy = require('./app');\n",
    'src/unrelated.ts': "const note = 'user.repository is mentioned in a comment, not imported';\n",
    // Same last segment, another folder: a grep on `user.repository` matched it.
    'src/admin/user.repository.ts': 'export class AdminUsers {}\n',
    'src/admin/admin.service.ts': "import { AdminUsers } from './user.repository';\n",
    'node_modules/lib/index.ts': "import '../../src/users/user.repository';\n",
    'dist/orders/order.service.js': "require('../../src/users/user.repository');\n",
    '.gitignore': 'generated/\n',
    'src/generated/client.ts': "import '../users/user.repository';\n",
  });

  it('follows real importers level by level without git, through index files, require() and import()', async () => {
    const found = await findDependents(repo, ['src/users/user.repository.ts'], { levels: 3 });
    expect(found).toEqual(['src/orders/order.service.ts', 'src/users/index.ts', 'src/app.ts', 'src/orders/order.controller.ts', 'src/lazy.ts']);
  });

  it('stops at the level and size limits', async () => {
    expect(await findDependents(repo, ['src/users/user.repository.ts'], { levels: 1 })).toEqual(['src/orders/order.service.ts', 'src/users/index.ts']);
    expect(await findDependents(repo, ['src/users/user.repository.ts'], { levels: 3, max: 1 })).toHaveLength(1);
  });

  const monorepo = plainDir({
    'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }),
    'pnpm-workspace.yaml': "packages:\n  - 'apps/*'\n",
    'tsconfig.base.json': JSON.stringify({ compilerOptions: { module: 'commonjs', baseUrl: '.', paths: { '@app/*': ['apps/api/src/*'], '@db': ['packages/db/src/index.ts'] } } }),
    'packages/db/package.json': JSON.stringify({ name: '@acme/db', main: 'dist/index.js' }),
    'packages/db/src/index.ts': "export * from './table/table.repository';\n",
    'packages/db/src/table/table.repository.ts': 'export class TableRepository {}\n',
    'packages/db/tsconfig.json': JSON.stringify({ extends: '../../tsconfig.base.json' }),
    'apps/api/package.json': JSON.stringify({ name: '@acme/api' }),
    'apps/api/tsconfig.json': JSON.stringify({ extends: '../../tsconfig.base.json', compilerOptions: { baseUrl: '../..' } }),
    'apps/api/src/base/base.service.ts': "import { TableRepository } from '@acme/db';\nexport class BaseService {}\n",
    'apps/api/src/table/table.controller.ts': "import { BaseService } from '@app/base/base.service';\n",
    'apps/api/src/deep.ts': "import { TableRepository } from '@acme/db/table/table.repository';\n",
    // An exact alias: its text does not name the file it maps to.
    'apps/api/src/alias.ts': "import { TableRepository } from '@db';\n",
    'apps/web/package.json': JSON.stringify({ name: '@acme/web' }),
    'apps/web/tsconfig.json': JSON.stringify({ compilerOptions: { jsx: 'react-jsx', module: 'esnext', moduleResolution: 'bundler' } }),
    // A React component with the same generic folder names: imports nothing that changed.
    'apps/web/src/table/table.tsx': "import { base } from '../base';\nexport const Table = () => base;\n",
    'apps/web/src/base/index.ts': 'export const base = 1;\n',
  });

  it('resolves workspace packages by name and tsconfig paths (wildcard and exact), and matches nothing by folder name', async () => {
    const found = await findDependents(monorepo, ['packages/db/src/table/table.repository.ts'], { levels: 3 });
    expect(found).toEqual([
      'apps/api/src/deep.ts',
      'packages/db/src/index.ts',
      'apps/api/src/alias.ts',
      'apps/api/src/base/base.service.ts',
      'apps/api/src/table/table.controller.ts',
    ]);
  });
});
