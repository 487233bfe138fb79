import { Command, Option } from 'commander';
import { reviewRepository } from '../../core/review-repository.js';
import { registry } from '../../registry.js';
import { checklistMarkdown, checklistText } from '../../report/index.js';
import { addChangeSourceOptions, type ChangeSourceFlags } from '../options.js';
import { checkOutputPath, useColor, writeReport } from '../output.js';

interface ChecklistFlags extends ChangeSourceFlags {
  format: 'text' | 'markdown';
  output?: string;
}

export function checklistCommand(): Command {
  const command = new Command('checklist')
    .description('print the team checklist with each item passed, failed or manual for the current change')
    .addOption(new Option('-f, --format <format>', 'text, or markdown for the PR description').choices(['text', 'markdown']).default('text'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .addHelpText('after', `
Examples:
  $ plumbline checklist
  $ plumbline checklist --format markdown | pbcopy     paste into the PR description`);
  addChangeSourceOptions(command).action(async (flags: ChecklistFlags) => {
    await checkOutputPath(flags.output, flags.cwd);
    const { result } = await reviewRepository({ ...flags, registry });
    const text = flags.format === 'markdown' ? checklistMarkdown(result) : checklistText(result, { color: useColor(flags.output) });
    await writeReport(text, flags.output, flags.cwd);
  });
  return command;
}
