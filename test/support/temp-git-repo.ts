// Test support (change sources, front ends, the App): a throwaway repository, independent of the machine's git config.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ISOLATED_ENV = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C' };
const created: string[] = [];

export class TempGitRepo {
  private constructor(readonly root: string) {}

  /** A repository on branch main with a local identity; `init: false` gives a plain directory. */
  static create(options: { init?: boolean } = {}): TempGitRepo {
    const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'plumbline-changes-')));
    created.push(root);
    const repo = new TempGitRepo(root);
    if (options.init !== false) {
      repo.git('init', '-q', '-b', 'main');
      repo.git('config', 'user.name', 'Plumbline Test');
      repo.git('config', 'user.email', 'test@example.com');
      repo.git('config', 'commit.gpgsign', 'false');
    }
    return repo;
  }

  static removeAll(): void {
    for (const root of created.splice(0)) rmSync(root, { recursive: true, force: true });
  }

  git(...args: string[]): string {
    const result = spawnSync('git', args, { cwd: this.root, encoding: 'utf8', env: ISOLATED_ENV, maxBuffer: 64 * 1024 * 1024 });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
    return result.stdout;
  }

  write(files: Record<string, string | Buffer>): this {
    for (const [name, content] of Object.entries(files)) {
      const file = path.join(this.root, name);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, content);
    }
    return this;
  }

  remove(...names: string[]): this {
    for (const name of names) unlinkSync(path.join(this.root, name));
    return this;
  }

  symlink(target: string, name: string): this {
    symlinkSync(target, path.join(this.root, name));
    return this;
  }

  chmod(name: string, mode: number): this {
    chmodSync(path.join(this.root, name), mode);
    return this;
  }

  /** Stages everything and commits; returns the new commit id. */
  commit(message: string, files?: Record<string, string | Buffer>): string {
    if (files) this.write(files);
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD').trim();
  }
}

/** `n` numbered lines, each ending in a newline: "line 1\n…". */
export function numberedLines(n: number, label = 'line'): string {
  return Array.from({ length: n }, (_, i) => `${label} ${i + 1}\n`).join('');
}
