import { Command } from 'commander';
import { UserError } from '../../core/errors.js';
import { applySafeFixes } from '../../core/fix-files.js';
import { reviewRepository, type RepositoryReviewOptions } from '../../core/review-repository.js';
import { failsGate } from '../../core/review.js';
import { plannerFor } from '../../explain/planner-choice.js';
import { registry } from '../../registry.js';
import { PRIVILEGED_ROLE_FLAG_HELP } from '../../explain/role-check.js';
import { formatResult, githubAnnotations, type FormatName } from '../../report/index.js';
import { addChangeSourceOptions, allowUncheckedOption, failOnOption, formatOption, type ChangeSourceFlags, type FailOn } from '../options.js';
import { checkOutputPath, terminalWidth, useColor, writeReport } from '../output.js';

interface ReviewFlags extends ChangeSourceFlags {
  format: FormatName;
  output?: string;
  failOn?: FailOn;
  annotations?: boolean;
  explain?: boolean;
  databaseUrl?: string;
  allowPrivilegedRole?: boolean;
  allowUnchecked?: boolean;
  fix?: boolean;
}

export function reviewCommand(): Command {
  const command = new Command('review')
    .description('review a change against the checklist and exit non-zero when it should not merge')
    .addOption(formatOption())
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(failOnOption())
    .addOption(allowUncheckedOption())
    .option('--fix', 'apply the safe fixes of the findings to the files, then report what remains')
    .option('--annotations', 'also print GitHub workflow-command annotations (to stderr for json/sarif)')
    .option('--explain', 'also run the changed SQL through EXPLAIN ANALYZE (embedded staging database unless a URL is given)')
    .option('--database-url <url>', 'staging database for EXPLAIN (default: PLUMBLINE_DATABASE_URL); implies --explain')
    .option('--allow-privileged-role', PRIVILEGED_ROLE_FLAG_HELP)
    .addHelpText('after', `
Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it or a checklist item not checked
(a changed file with a syntax error, over 1 MB, a query EXPLAIN could not run; --allow-unchecked lets
those pass), 2 usage, config or input error.

Examples:
  $ plumbline review                                 branch vs default branch + uncommitted changes
  $ plumbline review --staged                        what is about to be committed
  $ plumbline review --base origin/main --format sarif --output plumbline.sarif
  $ git diff origin/main... | plumbline review --diff -
  $ plumbline review --all --fail-on never           whole repository, report only
  $ plumbline review --explain                       with query plans from the staging database
  $ plumbline review --fix                           apply the safe fixes, report the rest`);
  addChangeSourceOptions(command).action(async (flags: ReviewFlags) => {
    if (flags.fix && flags.diff) throw new UserError(`--fix rewrites files in the working tree and cannot be combined with --diff ${flags.diff}: the diff's lines are not the working tree's`);
    await checkOutputPath(flags.output, flags.cwd);
    const progress = (message: string) => process.stderr.write(`${message}\n`);
    const options: RepositoryReviewOptions = {
      ...flags,
      stdin: process.stdin,
      registry,
      queryPlanner: (loaded) => plannerFor(flags, loaded.config.explain, progress),
    };
    const first = await reviewRepository(options);
    let { result, config } = first;
    if (flags.fix) {
      const fixed = await applySafeFixes(first.root, result);
      for (const note of fixed.notes) progress(`plumbline: ${note}`);
      // Reviewed again, so the report's positions and the exit code are those of the fixed files.
      if (fixed.applied.length > 0) ({ result, config } = await reviewRepository(options));
      progress(`plumbline: applied ${fixed.applied.length} fix(es) in ${fixed.files.length} file(s); ${result.findings.length} finding(s) remain${result.findings.length ? ' (in the report)' : ''}`);
      // --staged reviews the index: the fixes are in the working tree until they are staged.
      if (flags.staged && fixed.files.length > 0) progress(`plumbline: the fixes are in the working tree; stage them (git add ${fixed.files.join(' ')}) to commit them`);
    }
    const text = formatResult(flags.format, result, { color: flags.format === 'text' && useColor(flags.output), annotations: false, width: terminalWidth(flags.output) });
    await writeReport(text, flags.output, flags.cwd);
    // The github format is annotations already.
    if (flags.annotations && flags.format !== 'github') {
      const annotations = githubAnnotations(result);
      if (annotations) (flags.format === 'json' || flags.format === 'sarif' || flags.output ? process.stderr : process.stdout).write(`${annotations}\n`);
    }
    const failOn = flags.failOn ?? config.config.failOn ?? 'error';
    process.exitCode = failsGate(result, failOn, flags.allowUnchecked ?? config.config.allowUnchecked) ? 1 : 0;
  });
  return command;
}
