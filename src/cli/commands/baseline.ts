import { Command } from 'commander';
import { writeBaseline } from '../../core/baseline.js';
import { reviewRepository } from '../../core/review-repository.js';
import { registry } from '../../registry.js';
import { addChangeSourceOptions, type ChangeSourceFlags } from '../options.js';

export function baselineCommand(): Command {
  const command = new Command('baseline')
    .description("write the fingerprints of today's findings to the baseline file, so review shows only new ones")
    .addHelpText('after', `
Reviews the whole repository (as with --all) unless a change source is given. The file is
.plumbline-baseline.json unless the config sets \`baseline\`; commit it.

Examples:
  $ plumbline baseline                 accept every current finding when adopting Plumbline
  $ plumbline review                   now shows only findings that are not in the baseline`);
  addChangeSourceOptions(command).action(async (flags: ChangeSourceFlags) => {
    const all = flags.all ?? !(flags.base || flags.staged || flags.working || flags.diff);
    // Findings already in an older baseline must be written again, so review without it.
    const { result, config, root } = await reviewRepository({ ...flags, all, registry, ignoreBaseline: true });
    const file = config.config.baseline ?? '.plumbline-baseline.json';
    await writeBaseline(root, file, result.findings);
    console.log(`plumbline: wrote ${result.findings.length} fingerprint(s) to ${file}`);
  });
  return command;
}
