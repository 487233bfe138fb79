import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { UserError } from '../errors.js';

/**
 * Runs git without a shell. `core.quotepath=off` keeps non-ASCII names readable; LC_ALL=C keeps
 * git's messages in English so the errors below can be recognised; GIT_OPTIONAL_LOCKS=0 stops
 * read-only commands from taking the index lock an editor's git may hold.
 */
const GIT_ENV_OVERRIDES = { LC_ALL: 'C', GIT_OPTIONAL_LOCKS: '0' };
const MAX_OUTPUT_BYTES = 1024 * 1024 * 1024;

export interface GitOutput {
  exitCode: number;
  stdout: Buffer;
  stderr: string;
}

export class NotAGitRepositoryError extends UserError {
  constructor(readonly directory: string) {
    super(`not a git repository: ${directory} (run plumbline inside a git checkout, or pass --diff FILE)`);
  }
}

/** Runs git and returns whatever exit code it ends with; throws only when git could not run at all. */
export function runGit(cwd: string, args: string[], input?: string): Promise<GitOutput> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      ['-c', 'core.quotepath=off', ...args],
      { cwd, env: { ...process.env, ...GIT_ENV_OVERRIDES }, encoding: 'buffer', maxBuffer: MAX_OUTPUT_BYTES },
      (error, stdout, stderr) => {
        const stderrText = stderr.toString('utf8');
        if (error && typeof error.code !== 'number') {
          void launchError(cwd, error).then(reject);
          return;
        }
        const exitCode = error ? Number(error.code) : 0;
        const known = exitCode !== 0 ? knownFailure(cwd, stderrText) : undefined;
        if (known) reject(known);
        else resolve({ exitCode, stdout, stderr: stderrText });
      },
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

/** Runs git and returns its output as text; a non-zero exit becomes a one-line UserError. */
export async function git(cwd: string, args: string[]): Promise<string> {
  return (await gitBytes(cwd, args)).toString('utf8');
}

export async function gitBytes(cwd: string, args: string[]): Promise<Buffer> {
  const result = await runGit(cwd, args);
  if (result.exitCode !== 0) throw new UserError(`git ${args[0]} failed: ${firstLine(result.stderr) || `exit code ${result.exitCode}`}`);
  return result.stdout;
}

/** Like `git`, but undefined when git exits non-zero (an absent ref or blob is an answer, not an error). */
export async function gitOrUndefined(cwd: string, args: string[]): Promise<string | undefined> {
  const result = await runGit(cwd, args);
  return result.exitCode === 0 ? result.stdout.toString('utf8') : undefined;
}

/** Splits NUL-terminated output (`-z`) into its entries. */
export function splitNul(text: string): string[] {
  return text.split('\0').filter((entry) => entry !== '');
}

async function launchError(cwd: string, error: { code?: string | number | null; message: string }): Promise<UserError> {
  // spawn also says ENOENT when the working directory is missing, so look at the directory first.
  const isDirectory = await stat(cwd).then((s) => s.isDirectory(), () => false);
  if (!isDirectory) return new UserError(`directory does not exist: ${cwd}`);
  if (error.code === 'ENOENT') {
    return new UserError('git was not found on PATH: plumbline reads changes with git (install git, or pass --diff FILE)');
  }
  return new UserError(`could not run git: ${error.message}`);
}

function knownFailure(cwd: string, stderr: string): UserError | undefined {
  if (/not a git repository/i.test(stderr)) {
    return new NotAGitRepositoryError(cwd);
  }
  if (/dubious ownership/i.test(stderr)) {
    return new UserError(`git refuses to read ${cwd}: it belongs to another user (see \`git config --global --add safe.directory\`)`);
  }
  return undefined;
}

function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '')?.replace(/^(fatal|error): /, '').trim() ?? '';
}
