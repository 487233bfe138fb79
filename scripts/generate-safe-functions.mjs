#!/usr/bin/env node
// Writes rules/sql-safe-functions.yml, the allow-list of functions `plumbline explain` lets a query call,
// from the catalogs of one or more PostgreSQL servers (run it against every major version you support):
//   node scripts/generate-safe-functions.mjs postgres://postgres@127.0.0.1:5432/postgres [url …]
// A name is kept when every overload in pg_catalog is immutable or stable, none is SECURITY DEFINER, none
// returns an internal/handler type, and it is not on the never-list (rules/sql-side-effects.yml). Volatile
// functions are kept only when listed in HARMLESS_VOLATILE below.
import { readFileSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { parse } from 'yaml';

const HARMLESS_VOLATILE = ['random', 'random_normal', 'gen_random_uuid', 'uuidv4', 'uuidv7', 'clock_timestamp', 'timeofday'];
const rulesDir = new URL('../rules/', import.meta.url);
const never = parse(readFileSync(new URL('sql-side-effects.yml', rulesDir), 'utf8'))['sql-side-effect-functions'];
const isNever = (name) => never.some((f) => (f.prefix ? name.startsWith(f.name) : name === f.name));

const names = new Set();
const versions = [];
for (const url of process.argv.slice(2)) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  versions.push((await client.query('SHOW server_version')).rows[0].server_version.split(' ')[0]);
  const { rows } = await client.query(`
    SELECT proname FROM pg_proc WHERE pronamespace = 'pg_catalog'::regnamespace
     GROUP BY proname
    HAVING (bool_and(provolatile <> 'v') OR proname = ANY ($1))
       AND NOT bool_or(prosecdef)
       AND NOT bool_or(prorettype IN ('internal'::regtype, 'trigger'::regtype, 'event_trigger'::regtype, 'language_handler'::regtype,
                                      'fdw_handler'::regtype, 'index_am_handler'::regtype, 'tsm_handler'::regtype, 'table_am_handler'::regtype))`, [HARMLESS_VOLATILE]);
  await client.end();
  for (const { proname } of rows) if (!isNever(proname)) names.add(proname);
}
if (versions.length === 0) {
  console.error('usage: node scripts/generate-safe-functions.mjs <postgres-url> [url …]');
  process.exit(2);
}
const sorted = [...names].sort();
const header = `# The functions a query may call under \`plumbline explain\` (src/explain/sql-functions.ts): PostgreSQL's own
# functions whose every overload is immutable or stable, plus ${HARMLESS_VOLATILE.join(', ')}.
# Anything else is refused before the query is sent, and rules/sql-side-effects.yml wins over this list.
# Generated from PostgreSQL ${versions.join(', ')} by scripts/generate-safe-functions.mjs; do not edit by hand.
# Add an extension's read-only functions under \`catalog.sql-safe-functions\` in .plumbline.yml
# (e.g. \`- similarity\` for pg_trgm, or \`- myschema.my_function\` for one outside the search path's pg_catalog).
`;
writeFileSync(new URL('sql-safe-functions.yml', rulesDir), `${header}sql-safe-functions:\n${sorted.map((n) => `  - ${n}\n`).join('')}`);
console.log(`rules/sql-safe-functions.yml: ${sorted.length} functions from PostgreSQL ${versions.join(', ')}`);
