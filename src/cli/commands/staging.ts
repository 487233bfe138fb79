import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import pg from 'pg';
import { registry } from '../../registry.js';
import { loadConfig } from '../../core/config/index.js';
import type { ExplainSection } from '../../core/config/explain-section.js';
import { UserError } from '../../core/errors.js';
import { downEmbeddedStaging, runningEmbeddedStaging } from '../../explain/staging/embedded-staging.js';
import type { LoadProgress } from '../../explain/staging/loader.js';
import { profileFromDatabase, writeProfileFiles } from '../../explain/staging/profile-from-database.js';
import { EXPLAIN_ROLE, leastPrivilegeRoleSql } from '../../explain/role-check.js';
import { tableSizes } from '../../explain/staging/realism.js';
import { stagingLoad, stagingProfile, stagingUp } from '../../explain/staging/staging-service.js';

interface StagingFlags {
  cwd: string;
  config?: string;
}

/** `plumbline staging up | load | status | down | profile`: the embedded production-scale staging database. */
export function stagingCommand(): Command {
  const staging = new Command('staging').description('the embedded staging PostgreSQL that `explain` uses when no --database-url is given');
  const common = (c: Command) => c.option('--config <file>', 'configuration file').option('-C, --cwd <dir>', 'repository', process.cwd());

  common(staging.command('up').description('start the embedded server (initialising it once) and apply the schema files not applied yet')).action(async (flags: StagingFlags) => {
    const up = await stagingUp(flags.cwd, await section(flags));
    console.log(`staging database running: ${up.url} (${up.binaries.source} binaries, ${up.binaries.binDir})`);
    for (const f of up.applied) console.log(`  applied ${f}`);
    for (const f of up.changed) console.log(`  ${f} changed since it was applied; run \`plumbline staging down\` and delete ${up.dir} to rebuild`);
  });

  common(staging.command('load').description('load the scale profile at production size (INSERT … SELECT generate_series, then indexes and ANALYZE)'))
    .option('--profile <path>', 'profile directory or file (default: explain.profile)')
    .option('--scale <factor>', 'multiply every row count, e.g. 0.1 for a quick load', parseFloat, 1)
    .action(async (flags: StagingFlags & { profile?: string; scale: number }) => {
      const config = await section(flags);
      const profile = stagingProfile(flags.cwd, config, flags.profile);
      if (!profile) throw new UserError('no scale profile: set explain.profile in .plumbline.yml or pass --profile DIR', 'The format is described in src/explain/README.md#scale-profiles.');
      const { up, report } = await stagingLoad(flags.cwd, config, profile, { scale: flags.scale, onProgress: progressBar() });
      process.stderr.write('\n');
      for (const t of report.tables) console.log(`  ${t.table.padEnd(24)} ${t.rows.toLocaleString('en-US').padStart(12)} rows  ${(t.ms / 1000).toFixed(1)} s`);
      console.log(`loaded ${report.rows.toLocaleString('en-US')} rows in ${(report.totalMs / 1000).toFixed(1)} s (rows ${(report.rowsMs / 1000).toFixed(1)} s, indexes ${(report.indexMs / 1000).toFixed(1)} s, foreign keys ${(report.foreignKeyMs / 1000).toFixed(1)} s, ANALYZE ${(report.analyzeMs / 1000).toFixed(1)} s) into ${up.url}`);
    });

  common(staging.command('status').description('is the embedded server running, and how big are its tables next to the profile')).action(async (flags: StagingFlags) => {
    const config = await section(flags);
    const running = await runningEmbeddedStaging(flags.cwd, config.staging);
    if (!running) {
      console.log('staging database: not running (start it with `plumbline staging up`)');
      return;
    }
    console.log(`staging database: running at ${running.url} (data in ${running.dir})`);
    const profile = stagingProfile(flags.cwd, config);
    if (!profile) return;
    const client = new pg.Client({ connectionString: running.url });
    await client.connect();
    try {
      for (const s of await tableSizes(client, profile)) {
        const pct = s.expected ? Math.round((s.rows / s.expected) * 100) : 100;
        console.log(`  ${s.table.padEnd(24)} ${s.rows.toLocaleString('en-US').padStart(12)} of ${s.expected.toLocaleString('en-US')} rows (${pct} %)${pct < 10 ? '  not representative' : ''}`);
      }
    } finally {
      await client.end();
    }
  });

  common(staging.command('down').description('stop the embedded server (its data stays for the next `up`)')).action(async (flags: StagingFlags) => {
    const stopped = await downEmbeddedStaging(flags.cwd, (await section(flags)).staging);
    console.log(stopped ? 'staging database stopped' : 'staging database was not running');
  });

  common(staging.command('profile').description("write a scale profile from a production database's statistics (never its personal data)"))
    .requiredOption('--from <url>', 'production (or replica) connection string; read-only access to pg_stats is enough')
    .requiredOption('--out <dir>', 'directory to write <table>.yml files into')
    .option('--schema <name>', 'database schema to read', 'public')
    .action(async (flags: StagingFlags & { from: string; out: string; schema: string }) => {
      const client = new pg.Client({ connectionString: flags.from, application_name: 'plumbline-profile' });
      await client.connect();
      try {
        const profile = await profileFromDatabase(client, { schema: flags.schema });
        const written = await writeProfileFiles(path.resolve(flags.cwd, flags.out), profile.tables, writeFile);
        for (const note of profile.notes) console.log(`  ${note}`);
        console.log(`wrote ${written.length} table profiles to ${flags.out}`);
      } finally {
        await client.end();
      }
    });

  staging
    .command('role')
    .description('print (or apply) the SQL that creates the read-only role `plumbline explain` should connect as')
    .option('--database <name>', 'database to grant on (default: the one in --database-url)')
    .option('--schema <name...>', 'schemas whose tables it may read', ['public'])
    .option('--database-url <url>', 'an administrator connection to the staging database (with --apply)')
    .option('--apply', 'run the SQL on --database-url instead of printing it')
    .addHelpText('after', `
Examples:
  $ plumbline staging role --database shop_staging > explain-role.sql      review, then run with psql
  $ plumbline staging role --apply --database-url postgres://admin@staging.internal/shop_staging`)
    .action(async (flags: { database?: string; schema: string[]; databaseUrl?: string; apply?: boolean }) => {
      const database = flags.database ?? (flags.databaseUrl ? decodeURIComponent(new URL(flags.databaseUrl).pathname.slice(1)) : undefined);
      if (!database) throw new UserError('no database named: pass --database <name> (or --database-url <url> that names one)');
      const sql = leastPrivilegeRoleSql(database, flags.schema);
      if (!flags.apply) {
        process.stdout.write(sql);
        return;
      }
      if (!flags.databaseUrl) throw new UserError('--apply needs --database-url <url> of an administrator of the staging database');
      const client = new pg.Client({ connectionString: flags.databaseUrl, application_name: 'plumbline-role' });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
      console.log(`role ${EXPLAIN_ROLE} can now read ${flags.schema.join(', ')} on ${database}; give it a password (ALTER ROLE ${EXPLAIN_ROLE} PASSWORD '…') and use it in PLUMBLINE_DATABASE_URL`);
    });

  return staging;
}

async function section(flags: StagingFlags): Promise<ExplainSection> {
  const loaded = await loadConfig({ root: flags.cwd, configPath: flags.config, ...registry.config });
  return loaded.config.explain as ExplainSection;
}

function progressBar(): (p: LoadProgress) => void {
  const width = 30;
  return (p) => {
    if (!process.stderr.isTTY && p.phase === 'rows' && p.loaded < p.total) return;
    const done = p.total ? p.loaded / p.total : 1;
    const bar = '█'.repeat(Math.round(done * width)).padEnd(width, '░');
    const what = p.phase === 'rows' ? `${p.table} ${p.loaded.toLocaleString('en-US')}/${p.total.toLocaleString('en-US')} rows` : p.phase === 'indexes' ? `building index ${p.table}` : p.phase;
    process.stderr.write(`${process.stderr.isTTY ? '\r\x1b[K' : ''}${bar} ${Math.round(done * 100)}% ${what}${process.stderr.isTTY ? '' : '\n'}`);
  };
}
