#!/usr/bin/env node
import { registry } from '../registry.js';
import { UserError } from '../core/errors.js';
import { escapeData } from '../report/github.js';
import { runAction } from './run-action.js';

/** Entry point of the GitHub Action (action.yml): exit 0 pass, 1 gate failed, 2 usage/config/internal error. */
try {
  process.exitCode = await runAction(process.env, { registry, write: (line) => process.stdout.write(`${line}\n`) });
} catch (error) {
  const message = error instanceof UserError ? error.message : `internal error: ${(error as Error).message ?? String(error)}`;
  process.stdout.write(`::error title=plumbline::${escapeData(message)}\n`);
  if (!(error instanceof UserError)) process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 2;
}
