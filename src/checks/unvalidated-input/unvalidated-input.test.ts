import { describe, expect, it } from 'vitest';
import { runCheckOn } from '../../../test/support/check-harness.js';
import { checkTester, type InvalidCase, type ValidCase } from '../../../test/support/check-tester.js';
import unvalidatedInput from './index.js';


const EXPRESS = `import type { Request, Response } from 'express';\n`;
const PRISMA = `import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\n`;

const valid: Array<ValidCase<typeof unvalidatedInput>> = [
  { name: 'fs: a constant path', code: `import fs from 'fs';\nexport const f = () => fs.readFileSync('config.json', 'utf8');\n` },
  // path.basename drops every directory part: any call that is not a pass-through stops the trace.
  { name: 'fs: request input through path.basename', code: `${EXPRESS}import fs from 'fs';\nimport path from 'path';\nexport function f(req: Request, res: Response) {\n  res.send(fs.readFileSync(path.join('uploads', path.basename(req.params.name))));\n}\n` },
  { name: 'fs: a zod-validated name', code: `${EXPRESS}import { z } from 'zod';\nimport fs from 'fs';\nconst Params = z.object({ name: z.string().regex(/^[a-z]+$/) });\nexport function f(req: Request) {\n  const { name } = Params.parse(req.params);\n  return fs.readFileSync('uploads/' + name);\n}\n` },
  { name: 'fs: validated in the handler before use', code: `${EXPRESS}import Joi from 'joi';\nimport fs from 'fs';\nconst schema = Joi.object({ name: Joi.string().alphanum() });\nexport function f(req: Request) {\n  Joi.attempt(req.params, schema);\n  return fs.readFileSync('uploads/' + req.params.name);\n}\n` },
  { name: 'a route with validating middleware', code: `import express from 'express';\nimport fs from 'fs';\nconst router = express.Router();\ndeclare function validate(schema: unknown): express.RequestHandler;\nrouter.get('/:name', validate({}), (req, res) => {\n  res.send(fs.readFileSync('uploads/' + req.params.name));\n});\n` },
  { name: 'redirect: a path prefix before the input', code: `${EXPRESS}export function f(req: Request, res: Response) {\n  res.redirect('/items/' + req.params.id);\n}\n` },
  { name: 'redirect: a constant', code: `${EXPRESS}export function f(_req: Request, res: Response) {\n  res.redirect(302, '/login');\n}\n` },
  { name: 'exec: a constant command', code: `import { execSync } from 'child_process';\nexport const f = () => execSync('git rev-parse HEAD');\n` },
  { name: 'Prisma: fields picked from the body', code: `${PRISMA}export function f(req: any) {\n  return prisma.user.create({ data: { name: req.body.name, email: req.body.email } });\n}\n` },
  { name: 'Prisma: a parsed body', code: `${PRISMA}import { z } from 'zod';\nconst CreateUser = z.object({ name: z.string() });\nexport function f(req: any) {\n  const data = CreateUser.parse(req.body);\n  return prisma.user.create({ data });\n}\n` },
  { name: 'NestJS: a DTO with class-validator decorators', code: `import { Body, Controller, Post } from '@nestjs/common';\nimport { IsString } from 'class-validator';\nclass CreateUserDto {\n  @IsString() name!: string;\n}\n@Controller('users')\nexport class UsersController {\n  @Post() create(@Body() dto: CreateUserDto) { return dto; }\n}\n` },
  { name: 'NestJS: a pipe on the parameter', code: `import { Body, Controller, Post } from '@nestjs/common';\ndeclare class ZodValidationPipe { constructor(schema: unknown); }\nclass CreateUserDto { name!: string; }\n@Controller('users')\nexport class UsersController {\n  @Post() create(@Body(new ZodValidationPipe({})) dto: CreateUserDto) { return dto; }\n}\n` },
  // nestjs-zod: `class X extends createZodDto(schema)` is validated by its pipe; a base class is not judged.
  { name: 'NestJS: a DTO with a base class', code: `import { Body, Controller, Post } from '@nestjs/common';\ndeclare function createZodDto(s: unknown): new () => object;\nclass CreateUserDto extends createZodDto({}) { name!: string; }\n@Controller('users')\nexport class UsersController {\n  @Post() create(@Body() dto: CreateUserDto) { return dto; }\n}\n` },
  { name: 'NestJS: a global pipe with whitelist', code: `import { ValidationPipe } from '@nestjs/common';\nexport function setup(app: { useGlobalPipes(p: unknown): void }) {\n  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true }));\n}\n` },
];

const invalid: Array<InvalidCase<typeof unvalidatedInput>> = [
  { name: 'fs: path.join with a route parameter', code: `${EXPRESS}import fs from 'fs';\nimport path from 'path';\nexport function f(req: Request, res: Response) {\n  res.send(fs.readFileSync(path.join('uploads', req.params.name)));\n}\n`, errors: [{ line: 5, column: 28, messageId: 'pathFromInput', severity: 'warning' }] },
  { name: 'fs/promises: a named import with a query value', code: `${EXPRESS}import { unlink } from 'fs/promises';\nexport async function f(req: Request) {\n  const file = req.query.file as string;\n  await unlink(\`tmp/\${file}\`);\n}\n`, errors: [{ line: 5, column: 16, messageId: 'pathFromInput' }] },
  { name: 'redirect: the whole target from the query', code: `${EXPRESS}export function f(req: Request, res: Response) {\n  res.redirect(req.query.next as string);\n}\n`, errors: [{ line: 3, column: 16, messageId: 'redirectFromInput' }] },
  { name: 'exec: a template with body input', code: `import { exec } from 'child_process';\nexport function f(req: any) {\n  exec(\`convert \${req.body.file} out.png\`);\n}\n`, errors: [{ line: 3, column: 8, messageId: 'commandFromInput', severity: 'error' }] },
  { name: 'Prisma: create with the whole body', code: `${PRISMA}export function f(req: any) {\n  return prisma.user.create({ data: req.body });\n}\n`, errors: [{ line: 4, column: 37, messageId: 'wholeInputToModel' }] },
  { name: 'Prisma: update with a spread body', code: `${PRISMA}export function f(req: any) {\n  return prisma.user.update({ where: { id: req.params.id }, data: { ...req.body, updatedAt: new Date() } });\n}\n`, errors: [{ line: 4, column: 72, messageId: 'wholeInputToModel' }] },
  { name: 'Prisma: findMany with the query string as the filter', code: `${PRISMA}export function f(req: any) {\n  return prisma.user.findMany({ where: req.query, take: 20 });\n}\n`, errors: [{ line: 4, column: 40, messageId: 'wholeInputToQuery' }] },
  { name: 'NestJS: an untyped @Body() saved whole', code: `import { Body, Controller, Post } from '@nestjs/common';\nimport { Repository } from 'typeorm';\nclass User { id!: number }\n@Controller('users')\nexport class UsersController {\n  constructor(private readonly userRepository: Repository<User>) {}\n  @Post() create(@Body() body: any) { return this.userRepository.save(body); }\n}\n`, errors: [{ line: 7, column: 71, messageId: 'wholeInputToModel' }] },
  { name: 'NestJS: a DTO with no validation decorators', code: `import { Body, Controller, Post } from '@nestjs/common';\nclass CreateUserDto {\n  name!: string;\n  isAdmin?: boolean;\n}\n@Controller('users')\nexport class UsersController {\n  @Post() create(@Body() dto: CreateUserDto) { return dto; }\n}\n`, errors: [{ line: 8, column: 18, messageId: 'dtoWithoutValidation' }] },
  { name: 'NestJS: a global ValidationPipe without whitelist', code: `import { ValidationPipe } from '@nestjs/common';\nexport function setup(app: { useGlobalPipes(p: unknown): void }) {\n  app.useGlobalPipes(new ValidationPipe({ transform: true }));\n}\n`, errors: [{ line: 3, column: 22, messageId: 'pipeWithoutWhitelist' }] },
];

checkTester(unvalidatedInput).run({ valid, invalid });

describe('unvalidated-input messages', () => {
  it('names the input, the sink and the fix', async () => {
    const [finding] = await runCheckOn(unvalidatedInput, { code: invalid[2].code });
    expect(finding.message).toBe(
      '`req.query.next` (request input) decides where `res.redirect` sends the browser: an open redirect (`?next=https://evil.example`). Fix: validate it at the boundary against an allow-list of paths or hosts (e.g. `z.string().regex(/^\\/(?!\\/)/)` for same-site paths) before redirecting.',
    );
  });

  it('points a DTO finding at the class', async () => {
    const [finding] = await runCheckOn(unvalidatedInput, { code: invalid[8].code });
    expect(finding.related).toEqual([expect.objectContaining({ line: 2, message: '`CreateUserDto` is declared here' })]);
  });
});
