import { describe, expect, it } from 'vitest';
import { runCheckOn } from '../../../test/support/check-harness.js';
import { checkTester, type InvalidCase, type ValidCase } from '../../../test/support/check-tester.js';
import piiInLogs from './index.js';

type Case = ValidCase<typeof piiInLogs>;

const user = 'interface User { id: string; email: string; emailVerified: boolean; passwordHash: string; tokenExpiresAt: Date; passwordResetSentAt: Date; hasPassword: boolean; loginCount: number }\n';

// ---------------------------------------------------------------------------------------------
// Every logger: one sample that logs a secret or personal data, one that logs the same call safely.
// ---------------------------------------------------------------------------------------------
const loggerInvalid: Array<InvalidCase<typeof piiInLogs>> = [
  {
    name: 'console.log with an email in the arguments',
    code: `export function f(user: { id: string; email: string }) {\n  console.log('signed up', user.email);\n}\n`,
    errors: [{ line: 2, column: 28, messageId: 'personalDataLogged', severity: 'warning' }],
  },
  {
    name: 'pino: a token in the merging object',
    code: `import pino from 'pino';\nconst logger = pino();\nexport function f(token: string, userId: string) {\n  logger.info({ token, userId }, 'issued');\n}\n`,
    errors: [{ line: 4, column: 17, messageId: 'credentialLogged', severity: 'error' }],
  },
  {
    name: "pino-http's req.log",
    code: `import type { Request } from 'express';\nimport 'pino-http';\nexport function login(req: Request) {\n  req.log.info(\`login attempt with \${req.body.password}\`);\n}\n`,
    errors: [{ line: 4, column: 38, messageId: 'credentialLogged' }],
  },
  {
    name: 'winston: meta object',
    code: `import winston from 'winston';\nconst logger = winston.createLogger({ transports: [new winston.transports.Console()] });\nexport function f(dto: { email: string }) {\n  logger.info('signup', { email: dto.email });\n}\n`,
    errors: [{ line: 4, column: 34, messageId: 'personalDataLogged', severity: 'warning' }],
  },
  {
    name: 'bunyan',
    code: `import bunyan from 'bunyan';\nconst log = bunyan.createLogger({ name: 'kyc' });\nexport function f(person: { ssn: string }) {\n  log.info({ ssn: person.ssn }, 'checked');\n}\n`,
    errors: [{ line: 4, column: 19, messageId: 'credentialLogged' }],
  },
  {
    name: 'NestJS Logger instance: the issue example',
    code: `import { Logger } from '@nestjs/common';\nclass LoginDto { email!: string; password!: string }\nexport class AuthService {\n  private readonly logger = new Logger(AuthService.name);\n  login(dto: LoginDto) {\n    this.logger.debug(\`login \${dto.email} with \${dto.password}\`);\n  }\n}\n`,
    errors: [
      { line: 6, column: 32, messageId: 'personalDataLogged', severity: 'warning' },
      { line: 6, column: 50, messageId: 'credentialLogged', severity: 'error' },
    ],
  },
  {
    name: 'NestJS Logger static',
    code: `import { Logger } from '@nestjs/common';\nexport function f(phoneNumber: string) {\n  Logger.warn('sms failed for ' + phoneNumber, 'Sms');\n}\n`,
    errors: [{ line: 3, column: 35, messageId: 'personalDataLogged', severity: 'warning' }],
  },
  {
    name: 'nestjs-pino PinoLogger (not installed in the typed fixtures: by name in both settings)',
    code: `import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';\nexport class S {\n  constructor(@InjectPinoLogger('S') private readonly logger: PinoLogger) {}\n  f(sessionToken: string) { this.logger.info({ sessionToken }, 'resumed'); }\n}\n`,
    errors: [{ line: 4, column: 48, messageId: 'credentialLogged' }],
  },
  {
    name: 'debug: the function the factory returns, with a format string',
    code: `import debug from 'debug';\nconst log = debug('app:auth');\nexport function f(refreshToken: string) {\n  log('refreshing with %s', refreshToken);\n}\n`,
    errors: [{ line: 4, column: 29, messageId: 'credentialLogged' }],
  },
  {
    // The reviewed file never names debug: the function logger is still asked for (the text filter reads the whole program).
    name: 'debug made in another file and imported',
    code: {
      'src/log.ts': `import debug from 'debug';\nexport const log = debug('app:auth');\n`,
      'src/case.ts': `import { log } from './log.js';\nexport function f(refreshToken: string) {\n  log('refreshing with %s', refreshToken);\n}\n`,
    },
    review: ['src/case.ts'],
    errors: [{ line: 3, column: 29, messageId: 'credentialLogged' }],
  },
  {
    name: "debug created with require('debug')('ns')",
    code: `const log = require('debug')('app:mail');\nexport function f(emailAddress: string) { log('sending to', emailAddress); }\n`,
    errors: [{ line: 2, column: 61, messageId: 'personalDataLogged', severity: 'warning' }],
  },
  {
    name: 'log4js',
    code: `import log4js from 'log4js';\nconst logger = log4js.getLogger('payments');\nexport function f(card: { cardNumber: string; cvv: string }) {\n  logger.info('charging %o', { number: card.cardNumber, cvv: card.cvv });\n}\n`,
    errors: [
      { line: 4, column: 40, messageId: 'credentialLogged' },
      { line: 4, column: 62, messageId: 'credentialLogged' },
    ],
  },
  {
    name: 'process.stdout.write',
    code: `export function f(email: string) {\n  process.stdout.write(\`mailing \${email}\\n\`);\n}\n`,
    errors: [{ line: 2, column: 35, messageId: 'personalDataLogged', severity: 'warning' }],
  },
  {
    name: 'process.stderr.write with JSON.stringify of a typed object',
    code: `${user}export function f(u: User) {\n  process.stderr.write(JSON.stringify(u) + '\\n');\n}\n`,
    errors: [{ line: 3, column: 39, messageId: 'objectLogged', severity: 'error' }],
  },
];

const loggerValid: Case[] = [
  { name: 'console.log with an id', code: `export function f(user: { id: string; email: string }) {\n  console.log('signed up', user.id);\n}\n` },
  { name: 'pino with a user id', code: `import pino from 'pino';\nconst logger = pino();\nexport function f(userId: string) {\n  logger.info({ userId }, 'token issued');\n}\n` },
  { name: "pino-http's req.log with the route", code: `import type { Request } from 'express';\nimport 'pino-http';\nexport function login(req: Request) {\n  req.log.info({ method: req.method, url: req.url, id: req.params.id }, 'login attempt');\n}\n` },
  { name: 'winston with counts', code: `import winston from 'winston';\nconst logger = winston.createLogger({});\nexport function f(tokens: string[]) {\n  logger.info('refreshed tokens', { count: tokens.length });\n}\n` },
  { name: 'bunyan with an id', code: `import bunyan from 'bunyan';\nconst log = bunyan.createLogger({ name: 'kyc' });\nexport function f(person: { id: string }) {\n  log.info({ personId: person.id }, 'checked');\n}\n` },
  { name: 'NestJS Logger with a DTO field that is not sensitive', code: `import { Logger } from '@nestjs/common';\nexport class S {\n  private readonly logger = new Logger(S.name);\n  f(dto: { orderId: string; quantity: number }) { this.logger.log(\`order \${dto.orderId} x\${dto.quantity}\`); }\n}\n` },
  { name: 'debug with a count', code: `import debug from 'debug';\nconst log = debug('app:auth');\nexport function f(tokens: string[]) {\n  log('refreshing %d tokens', tokens.length);\n}\n` },
  { name: 'log4js with a masked card number', code: `import log4js from 'log4js';\nconst logger = log4js.getLogger();\nexport function f(card: { cardNumber: string }) {\n  logger.info('charging', maskCard(card.cardNumber));\n}\ndeclare function maskCard(n: string): string;\n` },
  { name: 'process.stdout.write of progress', code: `export function f(done: number) {\n  process.stdout.write(\`\${done} done\\n\`);\n}\n` },
  // A function the project calls `log` that does not log anywhere is not a logger.
  { name: 'a local function named log that does not log', code: `const seen: string[] = [];\nfunction log(x: string) { seen.push(x); }\nexport function f(password: string) { log(password); }\n` },
  // A resolved non-logger type with a logger-like name is not matched by shape.
  { name: 'a typed object named logger that is not a logger', code: `const logger = { info(x: string) { return x.length; } };\nexport function f(password: string) { return logger.info(password); }\n`, only: 'types' },
];

// ---------------------------------------------------------------------------------------------
// Loggers the project defines: found by type (base class) or by the wrapper's body.
// ---------------------------------------------------------------------------------------------
const wrapperInvalid: Array<InvalidCase<typeof piiInLogs>> = [
  {
    name: 'a class that forwards to pino (by its body)',
    code: {
      'src/audit-logger.ts': `import pino, { type Logger } from 'pino';\nexport class AuditLogger {\n  private readonly pino: Logger = pino();\n  record(event: string, data?: unknown) {\n    this.pino.info({ event, data });\n  }\n}\n`,
      'src/case.ts': `import { AuditLogger } from './audit-logger';\nexport class Users {\n  constructor(private readonly audit: AuditLogger) {}\n  reset(email: string) {\n    this.audit.record('password reset', email);\n  }\n}\n`,
    },
    errors: [{ line: 5, column: 41, messageId: 'personalDataLogged', severity: 'warning' }],
  },
  {
    name: 'a function that spreads its arguments into console.log',
    code: `function trace(message: string, ...meta: unknown[]) {\n  console.log(\`[trace] \${message}\`, ...meta);\n}\nexport function f(apiKey: string) {\n  trace('calling the provider', { apiKey });\n}\n`,
    errors: [{ line: 5, column: 35, messageId: 'credentialLogged' }],
  },
  {
    name: 'a wrapper of a wrapper',
    code: `const logger = { info: (...a: unknown[]) => console.info(...a) };\nconst event = (name: string, payload: object) => logger.info(name, payload);\nexport function f(secret: string) {\n  event('rotated', { secret });\n}\n`,
    errors: [{ line: 4, column: 22, messageId: 'credentialLogged' }],
  },
  {
    name: 'a class that extends NestJS ConsoleLogger (by type), or named like a logger (by shape)',
    code: `import { ConsoleLogger } from '@nestjs/common';\nclass AppLogger extends ConsoleLogger {}\nexport function f(appLogger: AppLogger, user: { email: string }) {\n  appLogger.log(user.email);\n}\n`,
    errors: [{ line: 4, column: 17, messageId: 'personalDataLogged', severity: 'warning' }],
  },
  {
    // Reported once, inside the wrapper where the typed parameter is logged, not again at the caller.
    name: 'a wrapper whose typed parameter is sensitive',
    code: `function audit(creds: { password: string }) {\n  console.info(creds);\n}\nexport function f(c: { password: string }) { audit(c); }\n`,
    errors: [{ line: 2, column: 16, messageId: 'objectLogged' }],
  },
];

const wrapperValid: Case[] = [
  // The wrapper logs only `user.id`: the user passed to it is not logged whole.
  { name: 'a wrapper that logs a field of its parameter', code: `function audit(event: string, user: { id: string; email: string }) {\n  console.info(event, user.id);\n}\nexport function f(u: { id: string; email: string }) { audit('login', u); }\n` },
];

// ---------------------------------------------------------------------------------------------
// Names by words, not substrings; the value's type; message text.
// ---------------------------------------------------------------------------------------------
const lookAlikeValid: Case[] = [
  // Meant to be seen, or not the secret itself: public and publishable keys, a storefront channel token, hashes.
  { name: 'public tokens, hashed and encrypted passwords, a listen address', code: `export function f(publishableApiKey: string, storefrontToken: string, hashedPassword: string, encryptedToken: string, listenAddress: string, project: { name: string }) {\n  console.log(publishableApiKey, storefrontToken, hashedPassword, encryptedToken, listenAddress, project.name);\n}\n` },
  {
    name: 'emailVerified, tokenExpiresAt, passwordResetSentAt, hasPassword, loginCount',
    code: `${user}import pino from 'pino';\nconst logger = pino();\nexport function f(u: User) {\n  logger.info({ emailVerified: u.emailVerified, tokenExpiresAt: u.tokenExpiresAt, passwordResetSentAt: u.passwordResetSentAt, hasPassword: u.hasPassword, logins: u.loginCount });\n}\n`,
  },
  // Without a type the name alone decides: the words after `email`/`token` say it is a flag or a time.
  { name: 'look-alike names of unknown type', code: `export function f(u: any) {\n  console.log(u.emailVerified, u.tokenExpiresAt, u.passwordResetSentAt, u.hasPassword, u.isEmailSent);\n}\n` },
  // Booleans, numbers and dates are not the data, whatever the name.
  { name: 'a boolean named email, a number named token', code: `export function f(email: boolean, tokens: number, password: Date) {\n  console.log(email, tokens, password);\n}\n` },
  { name: 'words in message text', code: `export function f(userId: string, count: number) {\n  console.log('sending password reset email to ' + userId);\n  console.info(\`refreshed \${count} tokens\`);\n  console.warn('token', 'secret', 'email');\n}\n` },
  { name: 'pagination and cancellation tokens, server addresses', code: `export function f(nextPageToken: string, cancellationToken: string, serverAddress: string, tokenType: string) {\n  console.log(nextPageToken, cancellationToken, serverAddress, tokenType);\n}\n` },
  // A string constant written in the code is not data about a person.
  { name: 'a constant support address', code: `const supportEmail = 'support@example.com';\nexport function f() { console.log('write to', supportEmail); }\n` },
  { name: 'masked values', code: `import * as bcrypt from 'bcrypt';\nexport function f(email: string, password: string, token: string) {\n  console.log(maskEmail(email), redact(token), bcrypt.hash(password, 10));\n}\ndeclare function maskEmail(e: string): string;\ndeclare function redact(e: string): string;\n` },
  { name: 'a hash digest', code: `import { createHash } from 'node:crypto';\nexport function f(token: string) {\n  console.log(createHash('sha256').update(token).digest('hex'));\n}\n` },
  { name: 'a project masking function named in the options', code: `declare function scrub(x: string): string;\nexport function f(email: string) { console.log(scrub(email)); }\n`, options: { maskingFunctions: ['scrub'] } },
  // A comparison logs a boolean, not its operands.
  { name: 'a comparison of emails', code: `export function f(a: { email: string }, b: { email: string }) {\n  console.log('same address', a.email === b.email, a.email.length > 3);\n}\n` },
  { name: 'one request header picked by name that is not sensitive', code: `import { Headers, Logger } from '@nestjs/common';\nexport class C {\n  private readonly logger = new Logger('C');\n  get(@Headers('x-request-id') requestId: string) { this.logger.log(\`request \${requestId}\`); }\n}\n` },
  { name: "a record's key with one of its fields", code: `export function f(user: any, customer: any) {\n  console.log({ user: user.id, customer: customer.id });\n}\n` },
  { name: 'hashed emails and tokens', code: `export function f(emailHash: string, tokenHash: string) { console.log({ emailHash, tokenHash }); }\n` },
  // Node's `server.address()` (declared here: the typed fixtures do not load @types/node's ambient modules).
  { name: "a server's address", code: `interface AddressInfo { address: string; family: string; port: number }\ndeclare const server: { address(): AddressInfo | string | null };\nconst address = server.address();\nconsole.log('listening on', address);\n` },
  // Template literals and `+` write an object as "[object Object]".
  { name: 'an object in a template literal or concatenation', code: `${user}export function f(u: User, credentials: { password: string }) {\n  console.log(\`loaded \${u}\`, 'creds ' + credentials);\n}\n` },
  // Only a development machine runs these lines (development-conditions).
  { name: 'a sign-in link printed only in development', code: `declare const env: { isDevelopment: boolean };\nexport function f(token: string) {\n  if (env.isDevelopment) {\n    console.log('sign in at /auth?token=' + token);\n  }\n  if (process.env.NODE_ENV !== 'production') console.debug({ token });\n}\n` },
  // An object of methods (a browser API handle) is written as `{}`: its `cookies` property is no cookie.
  { name: 'an API handle named like a credential', code: `interface CookieStore { get(name: string): Promise<string>; subscribe(): void }\nexport function f(registration: { scope: string; cookies: CookieStore }) {\n  console.log('registered', registration);\n}\n` },
  // `to` alone is a common word: only an email payload's recipient (beside `subject`) is an address.
  { name: 'to without a subject beside it', code: `export function f(range: { from: string; to: string }, to: string) {\n  console.log(range.to, { to });\n}\n` },
  // A const that is not built text is not followed: its own name decides.
  { name: 'a const copied from a password is judged by its own name', code: `export function f(password: string) {\n  const size = password.length;\n  const note = \`size \${size}\`;\n  console.log(note);\n}\n` },
  { name: 'something that is not logged', code: `export function f(password: string) {\n  const length = password.length;\n  console.log('length', length);\n}\n` },
];

const shapesInvalid: Array<InvalidCase<typeof piiInLogs>> = [
  // Issue 12's vocabulary: the environment, an email payload's recipient, keys that rename a secret,
  // getters, secrets inside built text (a URL, util.format through a const), awaited helpers.
  { name: 'process.env logged whole', code: `export function f() {\n  console.log(process.env);\n}\n`, errors: [{ line: 2, column: 15, messageId: 'requestLogged', severity: 'error' }] },
  { name: 'process.env serialised', code: `export function f() {\n  console.log('env', JSON.stringify(process.env));\n}\n`, errors: [{ line: 2, column: 37, messageId: 'requestLogged', severity: 'error' }] },
  { name: 'the to of an email payload', code: `export function f(mail: { to: string; subject: string; html: string }) {\n  console.log('sending', mail.to);\n}\n`, errors: [{ line: 2, column: 26, messageId: 'personalDataLogged', severity: 'warning' }] },
  { name: 'to beside subject in a logged object', code: `export function f(to: string, subject: string) {\n  console.log({ to, subject });\n}\n`, errors: [{ line: 2, column: 17, messageId: 'personalDataLogged', severity: 'warning' }] },
  { name: 'a password under another key', code: `export function f(password: string) {\n  console.log({ x: password });\n}\n`, errors: [{ line: 2, column: 20, messageId: 'credentialLogged' }] },
  { name: 'a getter named for a password', code: `export function f(u: { getPassword(): string }) {\n  console.log(u.getPassword());\n}\n`, errors: [{ line: 2, column: 15, messageId: 'credentialLogged' }] },
  { name: 'a password inside a URL built in a const', code: `export function f(user: string, password: string) {\n  const url = \`postgres://\${user}:\${password}@db/app\`;\n  console.log('connecting', url);\n}\n`, errors: [{ line: 2, column: 37, messageId: 'credentialLogged' }] },
  { name: 'util.format through a const', code: `import util from 'node:util';\nexport function f(token: string) {\n  const line = util.format('token %s', token);\n  console.log(line);\n}\n`, errors: [{ line: 3, column: 40, messageId: 'credentialLogged' }] },
  { name: 'an awaited helper that returns a record with a password', code: `async function load(): Promise<{ email: string; password: string }> { return { email: '', password: '' }; }\nexport async function f() {\n  console.log(await load());\n}\n`, errors: [{ line: 3, column: 15, messageId: 'objectLogged' }] },
  // Production runs the other branch.
  { name: 'a token logged outside the development branch', code: `declare const env: { isDevelopment: boolean };\nexport function f(token: string) {\n  if (env.isDevelopment) return;\n  console.log('token', token);\n}\n`, errors: [{ line: 4, column: 24, messageId: 'credentialLogged' }] },
  // Vocabulary added from the corpus review (test/corpus/verdicts.yml).
  {
    name: 'pw, a coupon code, a connection string, the name of a user',
    code: `export function f(pw: string, couponCode: string, databaseUrl: string, user: { name: string }) {\n  console.log(pw, couponCode, databaseUrl);\n  console.log(user.name);\n}\n`,
    errors: [
      { line: 2, column: 15, messageId: 'credentialLogged' },
      { line: 2, column: 19, messageId: 'credentialLogged' },
      { line: 2, column: 31, messageId: 'credentialLogged' },
      { line: 3, column: 15, messageId: 'personalDataLogged', severity: 'warning' },
    ],
  },
  {
    name: 'template literal, concatenation and format string',
    code: `export function f(email: string, phone: string, ip: string) {\n  console.log(\`mail \${email}\`);\n  console.log('call ' + phone);\n  console.log('from %s', ip);\n}\n`,
    errors: [
      { line: 2, column: 23, messageId: 'personalDataLogged', severity: 'warning' },
      { line: 3, column: 25, messageId: 'personalDataLogged', severity: 'warning' },
      { line: 4, column: 26, messageId: 'personalDataLogged', severity: 'warning' },
    ],
  },
  {
    name: 'nested object literal and an alias key',
    code: `export function f(u: { contact: { mobileNumber: string } }, to: string) {\n  console.log({ user: { contact: { phone: u.contact.mobileNumber } }, email: to });\n}\n`,
    errors: [
      { line: 2, column: 43, messageId: 'personalDataLogged', severity: 'warning' },
      { line: 2, column: 78, messageId: 'personalDataLogged', severity: 'warning' },
    ],
  },
  {
    name: 'JSON.stringify and a spread',
    code: `export function f(credentials: { user: string; password: string }, account: { holder: string; iban: string }) {\n  console.log(JSON.stringify(credentials));\n  console.log({ ...account });\n}\n`,
    errors: [
      { line: 2, column: 30, messageId: 'credentialLogged' },
      { line: 3, column: 20, messageId: 'objectLogged' },
    ],
  },
  {
    name: 'snake_case, kebab-case header names and plurals',
    code: `export function f(body: any, headers: Record<string, string>) {\n  console.log(body.access_token, headers['set-cookie'], body.emails);\n}\n`,
    errors: [
      { line: 2, column: 15, messageId: 'credentialLogged' },
      { line: 2, column: 34, messageId: 'credentialLogged' },
      { line: 2, column: 57, messageId: 'personalDataLogged', severity: 'warning' },
    ],
  },
  {
    name: 'coordinates are numbers and still data; a Date of birth too',
    code: `export function f(latitude: number, dateOfBirth: Date) {\n  console.log(latitude, dateOfBirth);\n}\n`,
    errors: [
      { line: 2, column: 15, messageId: 'personalDataLogged', severity: 'warning' },
      { line: 2, column: 25, messageId: 'personalDataLogged', severity: 'warning' },
    ],
  },
  {
    name: 'an array of strings in a template literal is its elements; JSON.stringify in a template shows the fields',
    code: `${user}export function f(emails: string[], u: User) {\n  console.log(\`to \${emails}\`, \`user \${JSON.stringify(u)}\`);\n}\n`,
    errors: [
      { line: 3, column: 21, messageId: 'personalDataLogged', severity: 'warning' },
      { line: 3, column: 54, messageId: 'objectLogged' },
    ],
  },
  {
    name: 'a masking function not named in the options is not trusted',
    code: `declare function scrub(x: string): string;\nexport function f(email: string) { console.log(scrub(email)); }\n`,
    errors: [{ line: 2, column: 54, messageId: 'personalDataLogged', severity: 'warning' }],
  },
];

// ---------------------------------------------------------------------------------------------
// Whole objects and requests.
// ---------------------------------------------------------------------------------------------
const objectsInvalid: Array<InvalidCase<typeof piiInLogs>> = [
  {
    name: 'a User entity with email and passwordHash',
    code: `${user}export function f(u: User) {\n  console.log('loaded', u);\n}\n`,
    errors: [{ line: 3, column: 25, messageId: 'objectLogged', severity: 'error' }],
  },
  {
    name: 'a nested project type: Order.customer.email',
    code: `interface Customer { id: string; email: string }\ninterface Order { id: string; customer: Customer }\nexport function f(order: Order) {\n  console.log({ order });\n}\n`,
    errors: [{ line: 4, column: 17, messageId: 'objectLogged', severity: 'warning' }],
  },
  {
    name: 'an array of users',
    code: `${user}export function f(users: User[]) {\n  console.log(users);\n}\n`,
    errors: [{ line: 3, column: 15, messageId: 'objectLogged' }],
  },
  {
    name: 'a record of unknown type named user (types missing)',
    code: `import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nexport async function f(id: string) {\n  const user = await (prisma as any).user.findUnique({ where: { id } });\n  console.log('found', user);\n}\n`,
    errors: [{ line: 5, column: 24, messageId: 'personalDataLogged', severity: 'warning' }],
  },
  {
    name: 'Express: the whole request, its headers and cookies, request.user',
    code: `import type { Request } from 'express';\nexport function h(req: Request) {\n  console.log(req);\n  console.log(req.headers, req.cookies);\n  console.log(req.user);\n}\n`,
    errors: [
      { line: 3, column: 15, messageId: 'requestLogged', severity: 'error' },
      { line: 4, column: 15, messageId: 'requestLogged', severity: 'error' },
      { line: 4, column: 28, messageId: 'requestLogged', severity: 'error' },
      { line: 5, column: 15, messageId: 'requestLogged', severity: 'warning' },
    ],
  },
  {
    name: 'Express: the untyped body',
    code: `import type { Request } from 'express';\nimport pino from 'pino';\nconst logger = pino();\nexport function h(req: Request) {\n  logger.info({ body: req.body }, 'signup');\n}\n`,
    errors: [{ line: 5, column: 23, messageId: 'requestLogged', severity: 'warning' }],
  },
  {
    name: 'NestJS @Body() DTO with a password, and @Req() request.user',
    code: `import { Body, Controller, Logger, Post, Req } from '@nestjs/common';\nclass SignupDto { email!: string; password!: string; newsletter!: boolean }\n@Controller('users')\nexport class UsersController {\n  private readonly logger = new Logger('Users');\n  @Post()\n  create(@Body() dto: SignupDto, @Req() request: any) {\n    this.logger.log({ dto, by: request.user });\n  }\n}\n`,
    errors: [
      { line: 8, column: 23, messageId: 'objectLogged', severity: 'error' },
      { line: 8, column: 32, messageId: 'requestLogged', severity: 'warning' },
    ],
  },
  {
    name: 'NestJS @Body() without a type, GraphQL @Args() input',
    code: `import { Body, Logger } from '@nestjs/common';\nimport { Args } from '@nestjs/graphql';\nclass CreateUserInput { name!: string; email!: string }\nexport class R {\n  private readonly logger = new Logger('R');\n  create(@Body() body: any) { this.logger.log(body); }\n  createUser(@Args('input') input: CreateUserInput) { this.logger.log(input); }\n}\n`,
    errors: [
      { line: 6, column: 47, messageId: 'requestLogged', severity: 'warning' },
      { line: 7, column: 71, messageId: 'objectLogged', severity: 'warning' },
    ],
  },
];

objectsInvalid.push(
  {
    name: 'one request header picked by a sensitive name',
    code: `import { Headers, Logger } from '@nestjs/common';\nexport class C {\n  private readonly logger = new Logger('C');\n  get(@Headers('authorization') auth: string) { this.logger.log(auth); }\n}\n`,
    errors: [{ line: 4, column: 65, messageId: 'credentialLogged' }],
  },
  {
    name: 'GraphQL: the args of a resolver in a resolvers map',
    code: `export const resolvers = {\n  Mutation: {\n    signUp: (_parent: unknown, args: any) => { console.log('signUp', args); return true; },\n  },\n};\n`,
    errors: [{ line: 3, column: 70, messageId: 'requestLogged', severity: 'warning' }],
  },
  {
    name: 'Koa: ctx.request.body and ctx.state.user (by name, and by type)',
    code: `import type { Context } from 'koa';\nexport function h(ctx: Context) {\n  console.log(ctx.request.body, ctx.state.user);\n}\n`,
    errors: [
      { line: 3, column: 15, messageId: 'requestLogged', severity: 'warning' },
      { line: 3, column: 33, messageId: 'requestLogged', severity: 'warning' },
    ],
  },
  {
    name: "Fastify: request.log and the request's headers",
    code: `import type { FastifyRequest } from 'fastify';\nexport function h(request: FastifyRequest) {\n  request.log.info({ headers: request.headers }, 'incoming');\n}\n`,
    errors: [{ line: 3, column: 31, messageId: 'requestLogged', severity: 'error' }],
  },
);

const objectsValid: Case[] = [
  { name: 'an object whose fields are not sensitive', code: `interface Order { id: string; total: number; createdAt: Date }\nexport function f(order: Order) { console.log({ order }); }\n` },
  // A DTO whose fields are known and harmless is not reported just for being a request body.
  { name: 'a typed @Body() DTO without sensitive fields', code: `import { Body, Logger } from '@nestjs/common';\nclass CreateOrderDto { productId!: string; quantity!: number }\nexport class C {\n  private readonly logger = new Logger('C');\n  create(@Body() dto: CreateOrderDto) { this.logger.log(dto); }\n}\n` },
  // toJSON decides what is written; the checker cannot see it.
  { name: 'an object with toJSON', code: `class Account { constructor(public email: string) {} toJSON() { return { id: 1 }; } }\nexport function f(a: Account) { console.log(a); }\n` },
  { name: 'request parts that are not sensitive by nature', code: `import type { Request } from 'express';\nexport function h(req: Request) { console.log(req.method, req.params.id, req.query.page, req.url); }\n` },
  { name: 'a local object named req is not a request', code: `const req = { id: 'r1', attempt: 2 };\nexport function f() { console.log(req); }\n`, only: 'types' },
  { name: 'a user object whose type is known and harmless', code: `export function f(user: { id: string; plan: string }) { console.log(user); }\n` },
];

// ---------------------------------------------------------------------------------------------
// Redaction: pino `redact` on the instance the call uses, winston formats.
// ---------------------------------------------------------------------------------------------
const redactionValid: Case[] = [
  { name: 'pino redact array on the same instance', code: `import pino from 'pino';\nconst logger = pino({ redact: ['password', 'user.email'] });\nexport function f(password: string, email: string) {\n  logger.info({ password, user: { email } }, 'login');\n}\n` },
  { name: 'pino redact { paths, censor } with a wildcard', code: `import pino from 'pino';\nconst logger = pino({ level: 'info', redact: { paths: ['*.password', 'req.headers.authorization', 'req.headers.cookie', 'req.body'], censor: '***' } });\nexport function f(password: string, req: any) {\n  logger.info({ dto: { password } });\n  logger.info({ req }, 'request');\n}\n` },
  { name: 'a child of a redacting logger', code: `import pino from 'pino';\nconst root = pino({ redact: ['token'] });\nconst logger = root.child({ module: 'auth' });\nexport function f(token: string) { logger.info({ token }); }\n` },
  { name: 'pino options held in a variable, logger on a class property', code: `import pino from 'pino';\nconst options = { redact: ['user.email', 'user.passwordHash'] };\n${user}export class S {\n  private readonly logger = pino(options);\n  f(user: User) { this.logger.info({ user }); }\n}\n` },
  { name: 'CommonJS: require(\'pino\') with redact, and an inline child', code: { 'src/case.js': `const pino = require('pino');\nconst logger = pino({ redact: ['password'] });\nfunction f(password) {\n  logger.info({ password });\n  logger.child({ module: 'auth' }).warn({ password }, 'retry');\n}\nmodule.exports = { f };\n` } },
  { name: 'pino: the record itself is the object, paths at its root', code: `import pino from 'pino';\nconst logger = pino({ redact: ['email', 'passwordHash'] });\n${user}export function f(u: User) { logger.info(u, 'loaded'); }\n` },
  { name: 'a logger created in another module', code: { 'src/logger.ts': `import pino from 'pino';\nexport const logger = pino({ redact: ['email'] });\n`, 'src/case.ts': `import { logger } from './logger';\nexport function f(email: string) { logger.info({ email }, 'invited'); }\n` } },
  { name: 'this.logger assigned in the constructor', code: `import pino from 'pino';\nexport class S {\n  private readonly logger;\n  constructor() { this.logger = pino({ redact: ['phone'] }); }\n  f(phone: string) { this.logger.info({ phone }); }\n}\n` },
  { name: 'a winston format that masks fields', code: `import winston, { format } from 'winston';\nconst maskSecrets = format((info) => {\n  if (info.password) info.password = '[REDACTED]';\n  delete info.token;\n  return info;\n});\nconst logger = winston.createLogger({ format: format.combine(maskSecrets(), format.json()) });\nexport function f(password: string, token: string) {\n  logger.info('login', { password, token });\n}\n` },
  { name: 'a winston format that walks a list of keys', code: `import winston from 'winston';\nconst SENSITIVE = ['email', 'password'];\nconst logger = winston.createLogger({\n  format: winston.format.combine(winston.format((info) => { for (const k of SENSITIVE) if (k in info) info[k] = '***'; return info; })(), winston.format.json()),\n});\nexport function f(email: string) { logger.info('invite', { user: { email } }); }\n` },
];

const redactionInvalid: Array<InvalidCase<typeof piiInLogs>> = [
  {
    name: 'pino redaction on another logger instance does not count',
    code: `import pino from 'pino';\nconst redacting = pino({ redact: ['password'] });\nconst plain = pino();\nexport function f(password: string) {\n  redacting.info({ password });\n  plain.info({ password });\n}\n`,
    errors: [{ line: 6, column: 16, messageId: 'credentialLogged' }],
  },
  {
    name: 'a redact path that does not cover what is logged',
    code: `import pino from 'pino';\nconst logger = pino({ redact: ['user.email'] });\n${user}export function f(user: User) {\n  logger.info({ user }, 'loaded');\n}\n`,
    errors: [{ line: 5, column: 17, messageId: 'notRedacted', severity: 'error' }],
  },
  {
    name: 'pino redact does not reach message text',
    code: `import pino from 'pino';\nconst logger = pino({ redact: ['email'] });\nexport function f(email: string) {\n  logger.info(\`invited \${email}\`);\n}\n`,
    errors: [{ line: 4, column: 26, messageId: 'personalDataLogged', severity: 'warning' }],
  },
  {
    name: 'a child with its own redact list replaces the parent list',
    code: `import pino from 'pino';\nconst root = pino({ redact: ['token'] });\nconst child = root.child({}, { redact: ['email'] });\nexport function f(token: string) { child.info({ token }); }\n`,
    errors: [{ line: 4, column: 49, messageId: 'notRedacted' }],
  },
  {
    name: 'CommonJS: an Express route logging the body, and require(\'pino\')() without redact',
    code: { 'src/case.js': `const express = require('express');\nconst logger = require('pino')();\nconst app = express();\napp.post('/signup', (req, res) => {\n  logger.info({ body: req.body }, 'signup');\n  res.sendStatus(201);\n});\n` },
    errors: [{ line: 5, column: 23, messageId: 'requestLogged', severity: 'warning' }],
  },
  {
    name: 'a winston format that masks other fields',
    code: `import winston, { format } from 'winston';\nconst maskSecrets = format((info) => { delete info.password; return info; });\nconst logger = winston.createLogger({ format: format.combine(maskSecrets(), format.json()) });\nexport function f(token: string) {\n  logger.info('login', { token });\n}\n`,
    errors: [{ line: 5, column: 26, messageId: 'notRedacted' }],
  },
];

// ---------------------------------------------------------------------------------------------
// Options and catalog extensions.
// ---------------------------------------------------------------------------------------------
const configInvalid: Array<InvalidCase<typeof piiInLogs>> = [
  {
    name: 'severities from the options',
    options: { credentialSeverity: 'warning', personalDataSeverity: 'info' },
    code: `export function f(password: string, email: string) { console.log(password, email); }\n`,
    errors: [
      { line: 1, column: 66, messageId: 'credentialLogged', severity: 'warning' },
      { line: 1, column: 76, messageId: 'personalDataLogged', severity: 'info' },
    ],
  },
  {
    name: 'a logger and a sensitive term added under catalog',
    catalog: {
      loggers: [{ id: 'acme.telemetry', library: 'acme-telemetry', methods: ['emit'], receivers: ['telemetry'] }],
      'sensitive-data': [{ id: 'loyalty-id', label: 'loyalty card number', category: 'personal', names: ['loyalty number'] }],
    },
    code: `declare const telemetry: any;\nexport function f(loyaltyNumber: string) { telemetry.emit({ loyaltyNumber }); }\n`,
    errors: [{ line: 2, column: 61, messageId: 'personalDataLogged', severity: 'warning' }],
  },
];

checkTester(piiInLogs).run({
  valid: [...loggerValid, ...wrapperValid, ...lookAlikeValid, ...objectsValid, ...redactionValid],
  invalid: [...loggerInvalid, ...wrapperInvalid, ...shapesInvalid, ...objectsInvalid, ...redactionInvalid, ...configInvalid],
});

describe('pii-in-logs messages', () => {
  it('names what is logged, the kind, the logger and the fix (the issue example)', async () => {
    const [finding] = await runCheckOn(piiInLogs, {
      code: `import { Logger } from '@nestjs/common';\nexport class AuthService {\n  private readonly logger = new Logger('Auth');\n  login(dto: { password: string }) { this.logger.debug(\`login with \${dto.password}\`); }\n}\n`,
    });
    expect(finding.message).toBe(
      'logs `dto.password` (credential: password) via `this.logger.debug`: anyone who can read the logs can use it, and log lines are copied to more places and kept longer than the credential.',
    );
    expect(finding.suggestion).toBe('Log an identifier instead of `dto.password`, or pass it through a masking function (`mask(dto.password)`).');
  });

  it('a redaction gap names the paths that are missing, the redact paths and where they are declared', async () => {
    const [finding] = await runCheckOn(piiInLogs, {
      code: `import pino from 'pino';\nconst logger = pino({ redact: ['user.email'] });\n${user}export function f(user: User) {\n  logger.info({ user }, 'loaded');\n}\n`,
    });
    expect(finding.message).toBe(
      "logs `user` (`User` with `email`, `passwordHash`) via `logger.info`, but the logger's redaction (`user.email`) does not cover `user.passwordHash`: it is written in clear.",
    );
    expect(finding.suggestion).toContain('Or add "user.passwordHash" to the logger\'s `redact` paths.');
    expect(finding.related).toEqual([{ path: 'src/case.ts', line: 2, column: 31, message: "the logger's redaction is declared here" }]);
  });

  it('pino advice for message text says redact cannot reach it; name-only loggers get no library advice', async () => {
    const [pinoFinding] = await runCheckOn(piiInLogs, { code: `import pino from 'pino';\nconst logger = pino();\nexport function f(email: string) { logger.info(\`to \${email}\`); }\n` });
    expect(pinoFinding.suggestion).toContain("pino's `redact` cannot censor message text");
    const [shapeFinding] = await runCheckOn(piiInLogs, { code: `declare const logger: any;\nexport function f(email: string) { logger.info({ email }); }\n` });
    expect(shapeFinding.suggestion).toBe('Log an identifier instead of `email`, or pass it through a masking function (`mask(email)`).');
  });

  it('a wrapper finding points at the logger call inside the wrapper', async () => {
    const [finding] = await runCheckOn(piiInLogs, {
      code: `function trace(message: string, ...meta: unknown[]) {\n  console.log(message, ...meta);\n}\nexport function f(apiKey: string) { trace('calling', apiKey); }\n`,
    });
    expect(finding).toMatchObject({ line: 4, messageId: 'credentialLogged', related: [{ line: 2, message: 'the wrapper writes it with `console.log` here' }] });
    expect(finding.message).toContain('via `trace`');
  });

  it('a function that logs its input on the side is reported once at the wrapper, with its callers as related locations', async () => {
    const code = {
      'src/http.ts': `export async function request(url: string, init?: { headers?: Record<string, string>; body?: string }) {\n  console.debug('request', url, init);\n  const started = Date.now();\n  const res = await globalThis.fetch(url, init);\n  console.debug('took', Date.now() - started);\n  return res;\n}\n`,
      'src/case.ts': `import { request } from './http';\nexport const a = (accessToken: string) => request('/a', { headers: { Authorization: accessToken } });\nexport const b = (token: string) => request('/b', { body: JSON.stringify({ token }) });\nexport const c = (apiKey: string) => request('/c', { headers: { 'x-api-key': apiKey } });\n`,
    };
    const findings = await runCheckOn(piiInLogs, { code });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ path: 'src/http.ts', line: 2, messageId: 'loggedByWrapper', severity: 'error' });
    expect(findings[0]!.message).toContain('`request` logs what its callers pass (`accessToken`, `token`, `apiKey`) via `console.debug`');
    expect(findings[0]!.related!.map((r) => `${r.path}:${r.line}`)).toEqual(['src/case.ts:2', 'src/case.ts:3', 'src/case.ts:4']);
  });

  it('an object finding lists the sensitive properties and the type', async () => {
    const [finding] = await runCheckOn(piiInLogs, { code: `${user}export function f(u: User) { console.log(u); }\n` });
    expect(finding.message).toBe(
      'logs `u` via `console.log`, whose type `User` carries `email`, `passwordHash` (credentials and personal data): every field is written, including ones added later.',
    );
  });
});

describe('pii-in-logs options', () => {
  it.each([
    [{}, { credentialSeverity: 'error', personalDataSeverity: 'warning', maskingFunctions: [] }],
    [{ personalDataSeverity: 'info', maskingFunctions: ['scrub'] }, { credentialSeverity: 'error', personalDataSeverity: 'info', maskingFunctions: ['scrub'] }],
  ])('%j parses to %j', (input, output) => {
    expect(piiInLogs.meta.options!.parse(input)).toEqual(output);
  });

  it.each([[{ severity: 'error' }], [{ credentialSeverity: 'fatal' }], [{ maskingFunctions: 'scrub' }]])('rejects %j', (input) => {
    expect(() => piiInLogs.meta.options!.parse(input)).toThrow();
  });
});
