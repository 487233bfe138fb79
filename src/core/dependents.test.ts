import { describe, expect, it } from 'vitest';
import { tempRepo } from '../../test/support/cli.js';
import { findDependents } from './dependents.js';

describe('findDependents', () => {
  const repo = tempRepo({
    'src/users/user.repository.ts': 'export class UserRepository {}\n',
    'src/users/index.ts': "export * from './user.repository';\n",
    'src/orders/order.service.ts': "import { UserRepository } from '../users/user.repository.js';\n",
    'src/orders/order.controller.ts': "import { OrderService } from './order.service';\n",
    'src/app.ts': "import { users } from './users';\n",
    'src/unrelated.ts': "const note = 'user.repository is mentioned in a comment, not imported';\n",
  });

  it('follows importers level by level, through index files, ignoring mentions that are not specifiers', async () => {
    const found = await findDependents(repo, ['src/users/user.repository.ts'], { levels: 3 });
    expect(found.sort()).toEqual(['src/app.ts', 'src/orders/order.controller.ts', 'src/orders/order.service.ts', 'src/users/index.ts']);
  });

  it('stops at the level and size limits', async () => {
    expect((await findDependents(repo, ['src/users/user.repository.ts'], { levels: 1 })).sort()).toEqual(['src/orders/order.service.ts', 'src/users/index.ts']);
    expect(await findDependents(repo, ['src/users/user.repository.ts'], { levels: 3, max: 1 })).toHaveLength(1);
  });
});
