import { checkTester } from '../../../test/support/check-tester.js';
import stringBuiltSql from './index.js';

/**
 * The operator's input (issue 12, medusa `createDb(client, dbName)`): a parameter of a helper whose every
 * caller is a command-line command (a `commands/` folder of a package that depends on a CLI framework, see
 * rules/file-roles.yml) passing a value that is not request input is an argument or a prompt answer of
 * whoever runs the command, like configuration — in the same package or across workspace packages.
 * Look-alikes stay reported: a server caller, a caller passing request input, no caller found.
 */
const CLI_PKG = '{ "name": "@acme/cli", "dependencies": { "commander": "^12.0.0", "@acme/utils": "*" } }';
const SERVER_PKG = '{ "name": "@acme/api", "dependencies": { "express": "^4.0.0", "@acme/utils": "*" } }';
const UTILS_PKG = '{ "name": "@acme/utils", "dependencies": { "pg": "^8.0.0" } }';
const HELPER = `import { Client } from 'pg';\nexport async function createDb(client: Client, databaseName: string) {\n  await client.query(\`CREATE DATABASE "\${databaseName}"\`);\n}\n`;
const CLI_CALLER = (from: string) => `import { Client } from 'pg';\nimport { createDb } from '${from}';\nexport async function dbCreate(name: string) {\n  const client = new Client();\n  await createDb(client, name);\n}\n`;

checkTester(stringBuiltSql).run({
  valid: [
    {
      name: 'a helper of a CLI package called only from its commands',
      only: 'no-types',
      code: { 'packages/devkit/package.json': CLI_PKG, 'packages/devkit/src/utils/pg.ts': HELPER, 'packages/devkit/src/commands/db.ts': CLI_CALLER('../utils/pg') },
    },
    {
      name: 'a helper of another workspace package called only from CLI commands, through the package name',
      only: 'no-types',
      code: { 'packages/utils/package.json': UTILS_PKG, 'packages/utils/src/pg.ts': HELPER, 'packages/devkit/package.json': CLI_PKG, 'packages/devkit/src/commands/db.ts': CLI_CALLER('@acme/utils/pg') },
    },
  ],
  invalid: [
    {
      name: 'a server file calls the helper too',
      only: 'no-types',
      code: {
        'packages/utils/package.json': UTILS_PKG,
        'packages/utils/src/pg.ts': HELPER,
        'packages/devkit/package.json': CLI_PKG,
        'packages/devkit/src/commands/db.ts': CLI_CALLER('@acme/utils/pg'),
        'packages/api/package.json': SERVER_PKG,
        'packages/api/src/tenants.ts': CLI_CALLER('@acme/utils/pg'),
      },
      errors: [{ path: 'packages/utils/src/pg.ts', line: 3, column: 22, messageId: 'builtFromStrings', severity: 'warning' }],
    },
    {
      name: 'a command file passes request input',
      only: 'no-types',
      code: {
        'packages/devkit/package.json': CLI_PKG,
        'packages/devkit/src/utils/pg.ts': HELPER,
        'packages/devkit/src/commands/db.ts': `import type { Request } from 'express';\nimport { Client } from 'pg';\nimport { createDb } from '../utils/pg';\nexport async function handler(req: Request) {\n  await createDb(new Client(), req.query.name);\n}\n`,
      },
      errors: [{ path: 'packages/devkit/src/utils/pg.ts', line: 3, column: 22, messageId: 'injection' }],
    },
    {
      name: 'the caller is in a commands folder of a package without a CLI framework',
      only: 'no-types',
      code: { 'packages/utils/package.json': UTILS_PKG, 'packages/utils/src/pg.ts': HELPER, 'packages/api/package.json': SERVER_PKG, 'packages/api/src/commands/db.ts': CLI_CALLER('@acme/utils/pg') },
      errors: [{ path: 'packages/utils/src/pg.ts', line: 3, column: 22, messageId: 'builtFromStrings', severity: 'warning' }],
    },
    {
      name: 'a CLI command imports a same-named helper from another scope',
      only: 'no-types',
      code: { 'packages/utils/package.json': UTILS_PKG, 'packages/utils/src/pg.ts': HELPER, 'packages/devkit/package.json': CLI_PKG, 'packages/devkit/src/commands/db.ts': CLI_CALLER('@other/utils') },
      errors: [{ path: 'packages/utils/src/pg.ts', line: 3, column: 22, messageId: 'builtFromStrings', severity: 'warning' }],
    },
    {
      name: 'a helper called from a command and from a route (with and without types)',
      code: { 'src/utils/pg.ts': HELPER, 'src/commands/db.ts': CLI_CALLER('../utils/pg'), 'src/routes/tenants.ts': CLI_CALLER('../utils/pg') },
      errors: [{ path: 'src/utils/pg.ts', line: 3, column: 22, messageId: 'builtFromStrings', severity: 'warning' }],
    },
  ],
});
