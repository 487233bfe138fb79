import { checkTester, type InvalidCase, type ValidCase } from '../../../test/support/check-tester.js';
import piiInLogs from './index.js';

/**
 * False-positive shapes found on the corpus (issue 12), and the miss of opaque payloads. Each case states
 * the general rule it pins; the files are named as the repository would name them.
 *
 * These cases ran without library types only, as they always have (`only: 'no-types'`): the CLI cases carry a
 * package.json, which exists only in that setting, and none of the others imports a library.
 */
const LOG_EMAIL = `export function show(user: { email: string; password: string }) {\n  console.log('created', user.email, user.password);\n}\n`;
const CLI_PKG = '{ "dependencies": { "commander": "^12.0.0" } }';
const INVITE = `declare const logger: any;\ndeclare const users: { createInvites(d: { email: string }): Promise<{ token: string }>; findInvite(email: string): Promise<{ token: string }> };\n`;

const valid: Array<ValidCase<typeof piiInLogs>> = [
  // Tooling files (`non-production-paths`, rules/file-roles.yml) print to a developer's terminal.
  { name: 'a seed script prints the fake account it created', code: { 'packages/prisma/seed/large-team-seed.ts': LOG_EMAIL }, only: 'no-types' },
  { name: 'a Storybook story logs its fake rows', code: { 'src/components/table/table.stories.tsx': LOG_EMAIL }, only: 'no-types' },
  { name: 'a demo app shows the signed-in user their own claims', code: { 'packages/demo-app/src/DevPanel.tsx': LOG_EMAIL }, only: 'no-types' },
  // A CLI command (a `commands/` folder of a package depending on commander) prints the credential it has
  // just created for the operator who ran it: that is its output, not a log line.
  {
    name: 'a CLI command prints the invite token it has just created',
    only: 'no-types',
    code: { 'packages/medusa/package.json': CLI_PKG, 'packages/medusa/src/commands/user.ts': `${INVITE}export async function invite(email: string) {\n  const invite = await users.createInvites({ email });\n  logger.info(\`Invite token: \${invite.token}\`);\n}\n` },
  },
  // A value named like a record but logged under a key that names an identifier is the id (a Slack user id).
  { name: 'a chat user id logged under providerId', code: { 'src/hooks.ts': `declare const Logger: any;\nexport function hook(event: any) {\n  Logger.debug('plugins', 'No user found for Slack user ID', { providerId: event.user });\n}\n` }, only: 'no-types' },
  // Opaque payloads: a caught error, a logger facade's own parameter and a type the checker lost are not questions.
  { name: 'a caught error declared unknown', code: { 'src/job.ts': `export function run(work: () => void) {\n  try { work(); } catch (err: unknown) { console.error(err); }\n}\n` }, only: 'no-types' },
  { name: "a logger facade's unknown parameter", code: { 'src/log.ts': `export function log(message: unknown) {\n  console.log(message);\n}\n` }, only: 'no-types' },
];

const invalid: Array<InvalidCase<typeof piiInLogs>> = [
  // The same CLI command printing a credential it looked up (not created) is still a log of a secret.
  {
    name: 'a CLI command that prints a stored token it looked up',
    only: 'no-types',
    code: { 'packages/medusa/package.json': CLI_PKG, 'packages/medusa/src/commands/user.ts': `${INVITE}export async function show(email: string) {\n  const invite = await users.findInvite(email);\n  logger.info(\`Invite token: \${invite.token}\`);\n}\n` },
    errors: [{ line: 5, column: 32, messageId: 'credentialLogged', severity: 'error' }],
  },
  // Outside a CLI package, a server route that creates and logs a token is logging a secret.
  {
    name: 'a server module that logs a token it has just created',
    only: 'no-types',
    code: { 'src/invites/invite.service.ts': `${INVITE}export async function invite(email: string) {\n  const invite = await users.createInvites({ email });\n  logger.info(\`Invite token: \${invite.token}\`);\n}\n` },
    errors: [{ line: 5, column: 32, messageId: 'credentialLogged', severity: 'error' }],
  },
  // An id key does not excuse a value that names personal data itself.
  {
    name: 'an e-mail address logged under an id key',
    only: 'no-types',
    code: { 'src/hooks.ts': `declare const Logger: any;\nexport function hook(user: { email: string }) {\n  Logger.info('x', { userId: user.email });\n}\n` },
    errors: [{ line: 3, column: 30, messageId: 'personalDataLogged', severity: 'warning' }],
  },
  // A payload declared unknown (a webhook body, a queue message) logged whole: a question for the reviewer.
  {
    name: 'a webhook payload declared unknown logged whole',
    only: 'no-types',
    code: { 'src/webhooks.ts': `declare const logger: any;\nexport function onEvent(payload: unknown) {\n  logger.info({ payload }, 'webhook received');\n  if (!payload) throw new Error('empty');\n}\n` },
    errors: [{ line: 3, column: 17, messageId: 'unknownLogged', severity: 'info' }],
  },
  {
    name: 'a message typed Record<string, unknown> logged whole',
    only: 'no-types',
    code: { 'src/queue.ts': `declare function enqueue(m: object): Promise<void>;\nexport async function handle(message: Record<string, unknown>) {\n  console.log(message);\n  if (message.skip) return;\n  await enqueue(message);\n}\n` },
    errors: [{ line: 3, column: 15, messageId: 'unknownLogged', severity: 'info' }],
  },
];

checkTester(piiInLogs).run({ valid, invalid });
