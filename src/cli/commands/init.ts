import { Command } from 'commander';
import { access, chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { git } from '../../core/changes/git.js';
import { UserError } from '../../core/errors.js';

/** Templates ship next to the compiled command (scripts/copy-assets.mjs copies them into dist/cli/templates). */
export const TEMPLATES_DIR = fileURLToPath(new URL('../templates/', import.meta.url));

interface InitFlags {
  hook?: boolean;
  force?: boolean;
  cwd: string;
}

export interface StarterFile {
  /** Absolute path written. */
  file: string;
  template: string;
  executable?: boolean;
}

export function initCommand(): Command {
  return new Command('init')
    .description('write a commented starter .plumbline.yml, a GitHub Actions workflow that runs the gate, and (--hook) a git pre-push hook')
    .option('--hook', 'also write a git pre-push hook that runs `plumbline review --fail-on error`')
    .option('--force', 'overwrite files that already exist')
    .option('-C, --cwd <dir>', 'repository to set up', process.cwd())
    .addHelpText('after', `
Writes, at the repository root:
  .plumbline.yml                      every key explained, safe defaults
  .github/workflows/plumbline.yml     on pull requests: SARIF to code scanning, then the gate
  .git/hooks/pre-push                 with --hook

Existing files are left alone unless --force is given (exit code 2).

Examples:
  $ plumbline init
  $ plumbline init --hook             also stop pushes that add errors
  $ plumbline init --force            rewrite the files from the templates`)
    .action(async (flags: InitFlags) => {
      const root = await repositoryRootOrCwd(flags.cwd);
      const written = await writeStarterFiles(root, await starterFiles(root, flags.hook === true), flags.force === true);
      for (const file of written) console.log(`plumbline: wrote ${displayPath(root, file)}`);
      console.log('Next: review .plumbline.yml, commit it with the workflow, and run `plumbline review`.');
    });
}

/** What `init` writes for this repository. */
export async function starterFiles(root: string, hook: boolean): Promise<StarterFile[]> {
  const files: StarterFile[] = [
    { file: path.join(root, '.plumbline.yml'), template: 'plumbline.yml' },
    { file: path.join(root, '.github', 'workflows', 'plumbline.yml'), template: 'github-workflow.yml' },
  ];
  if (hook) files.push({ file: await hookPath(root), template: 'pre-push', executable: true });
  return files;
}

/** Refuses before writing anything when a file exists and `force` is not set. Returns the files written. */
export async function writeStarterFiles(root: string, files: StarterFile[], force: boolean): Promise<string[]> {
  if (!force) {
    const existing = (await Promise.all(files.map(async (f) => ((await exists(f.file)) ? f.file : undefined)))).filter((f) => f !== undefined);
    if (existing.length > 0) {
      const names = existing.map((f) => displayPath(root, f));
      throw new UserError(`${names.join(' and ')} already exist${existing.length === 1 ? 's' : ''}: nothing written (use --force to overwrite)`);
    }
  }
  for (const f of files) {
    await mkdir(path.dirname(f.file), { recursive: true });
    await writeFile(f.file, renderTemplate(await readFile(path.join(TEMPLATES_DIR, f.template), 'utf8')));
    if (f.executable) await chmod(f.file, 0o755);
  }
  return files.map((f) => f.file);
}

/** The hook falls back to the Plumbline that wrote it: this very CLI, run by this Node. */
function renderTemplate(text: string): string {
  const cli = fileURLToPath(new URL('../main.js', import.meta.url));
  return text.replaceAll('{{PLUMBLINE_CLI}}', cli).replaceAll('{{NODE}}', process.execPath);
}

async function repositoryRootOrCwd(cwd: string): Promise<string> {
  try {
    return (await git(cwd, ['rev-parse', '--show-toplevel'])).trim();
  } catch {
    return path.resolve(cwd);
  }
}

/** Honours `core.hooksPath` and worktrees, which `.git/hooks` would not. */
async function hookPath(root: string): Promise<string> {
  let hooks: string;
  try {
    hooks = (await git(root, ['rev-parse', '--git-path', 'hooks'])).trim();
  } catch {
    throw new UserError(`--hook needs a git repository, and ${root} is not one (run git init first, or leave out --hook)`);
  }
  return path.resolve(root, hooks, 'pre-push');
}

function displayPath(root: string, file: string): string {
  const relative = path.relative(root, file);
  return relative.startsWith('..') ? file : relative.split(path.sep).join('/');
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
