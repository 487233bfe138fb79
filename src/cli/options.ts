import { Option, type Command } from 'commander';
import type { Severity } from '../core/finding.js';

export const FORMATS = ['text', 'json', 'sarif', 'github', 'markdown'] as const;
export const FAIL_ON = ['error', 'warning', 'info', 'never'] as const;

/** Where the change comes from; shared by review, checklist, baseline and explain. */
export function addChangeSourceOptions(command: Command): Command {
  return command
    .option('--base <ref>', 'review changes since the merge-base of <ref> and HEAD (e.g. origin/main in CI)')
    .option('--staged', 'review staged changes only (pre-commit)')
    .option('--working', 'review uncommitted changes only')
    .option('--diff <file>', 'review a unified diff from a file, or - for stdin (any CI)')
    .option('--all', 'review whole files of the repository, not only changed lines (adoption, baselines)')
    .option('--config <file>', 'configuration file (default: .plumbline.yml, then .github/plumbline.yml)')
    .option('-C, --cwd <dir>', 'repository to review', process.cwd());
}

export function formatOption(defaultFormat = 'text'): Option {
  return new Option('-f, --format <format>', 'output format').choices(FORMATS).default(defaultFormat);
}

export function failOnOption(): Option {
  return new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity (default: config failOn, else error)').choices(FAIL_ON);
}

export function allowUncheckedOption(): Option {
  return new Option('--allow-unchecked', 'exit 0 even when a checklist item could not be checked (default: config allowUnchecked, else false)');
}

export interface ChangeSourceFlags {
  base?: string;
  staged?: boolean;
  working?: boolean;
  diff?: string;
  all?: boolean;
  config?: string;
  cwd: string;
}

export type FailOn = Severity | 'never';
