import { existsSync, lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_TREE_LIMITS, downloadHeadTree, TreeUnavailableError } from '../../src/bot/head-tree.js';
import { TempGitRepo } from '../support/temp-git-repo.js';
import type { GitHubClient } from '../../src/github/client.js';
import { FastOctokit } from './support/bot-harness.js';
import { ACTION_TOKEN, FakeGitHub } from './support/fake-github.js';

let repo: TempGitRepo;
let github: FakeGitHub;
let client: GitHubClient;
const removers: Array<() => Promise<void>> = [];

beforeEach(async () => {
  repo = TempGitRepo.create();
  github = await new FakeGitHub('acme', 'shop', repo).start();
  client = new FastOctokit({ auth: { token: ACTION_TOKEN }, baseUrl: github.url }) as unknown as GitHubClient;
});
afterEach(async () => {
  for (const remove of removers.splice(0)) await remove();
  await github.stop();
});
afterAll(() => TempGitRepo.removeAll());

describe('the head tree from the source tarball', () => {
  it('unpacks regular files under the archive folder, follows no links, and stays inside its directory', async () => {
    repo.write({ 'src/a.ts': 'export const a = 1;\n', 'src/deep/b.ts': 'export const b = 2;\n' });
    repo.symlink('../../../../etc/passwd', 'src/outside-link');
    repo.symlink('a.ts', 'src/inside-link');
    const sha = repo.commit('tree');
    const tree = await downloadHeadTree(client, { owner: 'acme', repo: 'shop' }, sha);
    removers.push(tree.remove);

    expect(readFileSync(path.join(tree.root, 'src/a.ts'), 'utf8')).toBe('export const a = 1;\n');
    expect(readFileSync(path.join(tree.root, 'src/deep/b.ts'), 'utf8')).toBe('export const b = 2;\n');
    expect(existsSync(path.join(tree.root, 'src/outside-link'))).toBe(false);
    expect(() => lstatSync(path.join(tree.root, 'src/inside-link'))).toThrow();
    expect(tree.files).toBe(2);
    expect(tree.notices).toEqual(['2 symbolic or hard link(s) in the repository were not followed.']);
  });

  it('stops at the file-count, size and per-file limits and says what it left out', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 10; i++) files[`f${i}.ts`] = `export const v${i} = ${i};\n`;
    files['big.ts'] = `// ${'x'.repeat(5000)}\n`;
    const sha = repo.commit('many', files);
    const tree = await downloadHeadTree(client, { owner: 'acme', repo: 'shop' }, sha, { ...DEFAULT_TREE_LIMITS, maxFiles: 4, maxFileBytes: 1000 });
    removers.push(tree.remove);
    expect(tree.files).toBe(4);
    expect(tree.notices).toEqual([
      '1 file(s) over 1 KB were not analysed.',
      '6 file(s) were not unpacked: the tree is over 4 files or 512 MB; imports into them are not resolved.',
    ]);
  });

  it('an archive over the download limit, or one GitHub will not give, makes the review incomplete', async () => {
    const sha = repo.commit('one', { 'a.ts': 'export {};\n' });
    await expect(downloadHeadTree(client, { owner: 'acme', repo: 'shop' }, sha, { ...DEFAULT_TREE_LIMITS, maxDownloadBytes: 10 })).rejects.toThrow(TreeUnavailableError);
    github.fail('GET', /\/tarball\//, 404);
    await expect(downloadHeadTree(client, { owner: 'acme', repo: 'shop' }, sha)).rejects.toThrow(/could not be downloaded/);
  });
});
