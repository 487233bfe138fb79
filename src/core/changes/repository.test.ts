import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listRepositoryFiles, repositoryRoot } from './index.js';
import { TempGitRepo } from '../../../test/support/temp-git-repo.js';

afterAll(() => TempGitRepo.removeAll());

describe('repositoryRoot', () => {
  it('finds the top of the work tree from a subdirectory', async () => {
    const repo = TempGitRepo.create().write({ 'deep/er/x.ts': '' });
    expect(await repositoryRoot(path.join(repo.root, 'deep', 'er'))).toBe(repo.root);
  });
});

describe('listRepositoryFiles', () => {
  it('lists tracked and untracked files, not ignored, deleted or submodule entries', async () => {
    const repo = TempGitRepo.create();
    const sub = TempGitRepo.create();
    sub.commit('sub', { 's.ts': '' });
    repo.commit('base', { '.gitignore': 'dist/\n', 'src/a b.ts': '', 'gone.ts': '', 'ünï.ts': '' });
    repo.git('-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub.root, 'vendor/sub');
    repo.remove('gone.ts').write({ 'new.ts': '', 'dist/out.js': '' });
    expect(await listRepositoryFiles(repo.root)).toEqual(['.gitignore', '.gitmodules', 'new.ts', 'src/a b.ts', 'ünï.ts']);
  });

  it('walks the directory outside git, without node_modules', async () => {
    const dir = TempGitRepo.create({ init: false }).write({ 'a.ts': '', 'lib/b.ts': '', 'node_modules/x/index.js': '' });
    expect(await listRepositoryFiles(dir.root)).toEqual(['a.ts', 'lib/b.ts']);
  });
});
