import { Command, Option } from 'commander';
import { loadCatalog } from '../../core/catalog.js';
import { loadConfig } from '../../core/config/index.js';
import { UserError } from '../../core/errors.js';
import { reviewRepository } from '../../core/review-repository.js';
import { failsGate } from '../../core/review.js';
import { createQueryPlanner } from '../../explain/index.js';
import { registry } from '../../registry.js';
import { classifySql } from '../../explain/classify.js';
import { explainQuery } from '../../explain/explain-query.js';
import { openExplainTarget } from '../../explain/explain-target.js';
import { PRIVILEGED_ROLE_FLAG_HELP, privilegedRoleAllowed } from '../../explain/role-check.js';
import { databaseUrlFrom, explainSettings } from '../../explain/settings.js';
import { explainPolicy } from '../../explain/sql-functions.js';
import { formatResult, type FormatName } from '../../report/index.js';
import { addChangeSourceOptions, allowUncheckedOption, failOnOption, type ChangeSourceFlags, type FailOn } from '../options.js';
import { checkOutputPath, terminalWidth, useColor, writeReport } from '../output.js';

interface ExplainFlags extends ChangeSourceFlags {
  databaseUrl?: string;
  allowPrivilegedRole?: boolean;
  query?: string;
  format: FormatName;
  output?: string;
  failOn?: FailOn;
  allowUnchecked?: boolean;
}

/** `plumbline explain`: EXPLAIN ANALYZE of the change's queries (or of one query) on a staging database. */
export function explainCommand(): Command {
  const command = new Command('explain')
    .description('run the changed SQL queries through EXPLAIN ANALYZE on a staging database and report query-plan findings')
    .option('--database-url <url>', 'staging database (default: PLUMBLINE_DATABASE_URL, else the embedded staging database)')
    .option('--allow-privileged-role', PRIVILEGED_ROLE_FLAG_HELP)
    .option('-q, --query <sql>', 'explain this one query instead of the change (parameters as $1, $2, …)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'sarif', 'github', 'markdown']).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(failOnOption())
    .addOption(allowUncheckedOption())
    .addHelpText('after', `
Safety: only single SELECT/INSERT/UPDATE/DELETE/MERGE statements that call allow-listed built-in functions
are sent; reads run under EXPLAIN ANALYZE, writes are only planned; every round trip is READ ONLY, rolled
back, under statement/lock timeouts and a client deadline. A role that can write is refused unless
--allow-privileged-role says the database is disposable. See src/explain/README.md.

Examples:
  $ plumbline staging up && plumbline staging load      embedded database at the profile's scale
  $ plumbline explain --base origin/main                the branch's changed queries
  $ PLUMBLINE_DATABASE_URL=postgres://explain@staging/shop plumbline explain
  $ plumbline explain --query "SELECT * FROM orders WHERE user_id = \\$1 ORDER BY created_at DESC LIMIT 20"`);
  addChangeSourceOptions(command).action(async (flags: ExplainFlags) => {
    await checkOutputPath(flags.output, flags.cwd);
    if (flags.query) {
      await explainOne(flags);
      return;
    }
    const progress = (m: string) => process.stderr.write(`${m}\n`);
    const { result, config } = await reviewRepository({
      ...flags,
      stdin: process.stdin,
      registry,
      checks: [],
      queryPlanner: (loaded) =>
        createQueryPlanner({ databaseUrl: databaseUrlFrom(flags.databaseUrl, explainSettings(loaded.config.explain).section), onProgress: progress, allowPrivilegedRole: privilegedRoleAllowed(flags.allowPrivilegedRole) }),
    });
    if (result.explained.length === 0) process.stderr.write('no changed SQL queries to explain (tagged templates, raw-query calls and .sql files on changed lines)\n');
    const text = formatResult(flags.format, result, { color: flags.format === 'text' && useColor(flags.output), annotations: false, width: terminalWidth(flags.output) });
    await writeReport(text, flags.output, flags.cwd);
    process.exitCode = failsGate(result, flags.failOn ?? config.config.failOn ?? 'error', flags.allowUnchecked ?? config.config.allowUnchecked) ? 1 : 0;
  });
  return command;
}

async function explainOne(flags: ExplainFlags): Promise<void> {
  const loaded = await loadConfig({ root: flags.cwd, configPath: flags.config, ...registry.config });
  const settings = explainSettings(loaded.config.explain);
  const catalog = loadCatalog(loaded.config.catalog ?? {}, undefined, loaded.catalogSources);
  const policy = explainPolicy(catalog);
  // Refused from the parse tree before any database is contacted.
  const classification = await classifySql(flags.query as string, policy);
  if (!classification.kind) throw new UserError(`the query was not run: ${classification.refusals.join('; ')}`);
  const target = await openExplainTarget({
    root: flags.cwd,
    section: settings.section,
    timeouts: settings.timeouts,
    databaseUrl: databaseUrlFrom(flags.databaseUrl, settings.section),
    allowPrivilegedRole: privilegedRoleAllowed(flags.allowPrivilegedRole),
  });
  await target.session.close();
  for (const notice of target.notices) process.stderr.write(`${notice}\n`);
  const outcome = await explainQuery(target.connection, flags.query as string, {
    policy,
    timeouts: settings.timeouts,
    thresholds: settings.thresholds,
    disabledRules: settings.disabled,
  });
  if (outcome.status === 'refused') throw new UserError(`the query was not run: ${outcome.notes.join('; ')}`);
  if (flags.format === 'json') {
    process.stdout.write(`${JSON.stringify({ status: outcome.status, totalMs: outcome.totalMs, parameters: outcome.parameters, notes: outcome.notes, issues: outcome.issues.map(({ node: _n, ...i }) => i), plan: outcome.run?.plan }, null, 2)}\n`);
  } else {
    process.stdout.write(`${outcome.planText ?? ''}\n\n`);
    for (const p of outcome.parameters) process.stdout.write(`$${outcome.parameters.indexOf(p) + 1} = ${p.value ?? 'NULL'}  (${p.source})\n`);
    for (const n of outcome.notes) process.stdout.write(`note: ${n}\n`);
    for (const i of outcome.issues) process.stdout.write(`${i.severity ?? 'warning'} ${i.ruleId}: ${i.message}\n`);
    if (outcome.totalMs !== undefined) process.stdout.write(`median execution time: ${outcome.totalMs.toFixed(2)} ms\n`);
  }
  process.exitCode = outcome.issues.some((i) => i.severity === 'error') ? 1 : 0;
}
