/**
 * unvalidated-input: request input that reaches a file path, a redirect, a command or a model/query
 * without passing a schema at the boundary, NestJS DTOs without validation, and global validation pipes
 * without `whitelist`. Decides checklist item `safe.input-validation` — "User input validated at the
 * boundary?" (seed 000, "Is it safe?"). Docs: ./docs.md.
 */
import { Node, SyntaxKind, type CallExpression, type SourceFile } from 'ts-morph';
import { z } from 'zod';
import { defineCheck, type CheckContext } from '../../core/check.js';
import { catalogSection } from '../../core/catalog.js';
import { isChainTop } from '../../analysis/function-summary.js';
import { unwrap } from '../../analysis/loops.js';
import { matchQuery, queryCallSchema, type QueryCallPattern } from '../../analysis/query-call.js';
import { directRequestInput, type RequestInput } from '../../analysis/request-input.js';
import { inputSinkSchema, matchInputSink, requestInputIn, sinkArguments, validatedAtBoundary, validatorSchema } from './input-trace.js';
import { pipesWithoutWhitelist, unvalidatedBodyDtos } from './nest-validation.js';
import { descendantsOfKind } from '../../analysis/descendants.js';

const SINK_MESSAGES = { path: 'pathFromInput', redirect: 'redirectFromInput', command: 'commandFromInput' } as const;

export const unvalidatedInput = defineCheck({
  id: 'unvalidated-input',
  meta: {
    title: 'Request input used without validation',
    description:
      'Finds request input (Express, Fastify, Koa, NestJS, GraphQL) that reaches a file path, a redirect, a child process, or a model or query as a whole object without passing a schema at the boundary, NestJS body DTOs without validation decorators, and global ValidationPipes without `whitelist`.',
    checklistItem: 'safe.input-validation',
    defaultSeverity: 'warning',
    messages: {
      pathFromInput:
        '{{input}} reaches the file path of `{{call}}` ({{library}}) without validation: a client can send `../` and reach any file the process can. Fix: validate it at the boundary (a zod/joi schema with an allow-list pattern) and keep it inside its folder (`path.basename(name)`, or check `path.resolve(root, name).startsWith(root + path.sep)`).',
      redirectFromInput:
        '{{input}} decides where `{{call}}` sends the browser: an open redirect (`?next=https://evil.example`). Fix: validate it at the boundary against an allow-list of paths or hosts (e.g. `z.string().regex(/^\\/(?!\\/)/)` for same-site paths) before redirecting.',
      commandFromInput:
        '{{input}} reaches `{{call}}` ({{library}}) without validation: a client can inject commands or options. Fix: validate it against a strict schema or allow-list at the boundary, and pass arguments as an array to `execFile`/`spawn` without a shell.',
      wholeInputToModel:
        '{{input}} is passed whole to `{{call}}` ({{library}}): a client can set any column (`role`, `ownerId`, `isAdmin`) — mass assignment. Fix: parse it with a schema that lists the allowed fields (`CreateUser.parse(req.body)` with zod, a class-validator DTO with `whitelist: true`) and pass the parsed value.',
      wholeInputToQuery:
        '{{input}} is passed whole as the filter of `{{call}}` ({{library}}): a client can filter on any column or send operators (`{ "password": { "not": "" } }`, `{ "$ne": null }`). Fix: pick and validate the filter fields at the boundary with a schema, then build the filter from them.',
      dtoWithoutValidation:
        '`@Body() {{param}}: {{dto}}` — `{{dto}}` has no class-validator decorators, so `ValidationPipe` checks nothing (and with `whitelist: true` strips every property). Fix: decorate its properties (`@IsString()`, `@IsEmail()`, `@IsInt()`, `@ValidateNested()`…) or use a zod DTO with its pipe.',
      pipeWithoutWhitelist:
        '`new {{pipe}}()` is added globally without `whitelist: true`: properties the DTOs do not declare reach handlers and models. Fix: `new {{pipe}}({ whitelist: true, forbidNonWhitelisted: true, transform: true })`.',
    },
  },
  run(context) {
    const vocabulary = loadVocabulary(context);
    for (const file of context.files) {
      reportSinks(file, context, vocabulary);
      reportWholeInput(file, context, vocabulary);
      for (const { parameter, dto } of unvalidatedBodyDtos(file, vocabulary.bodyDecorators, vocabulary.validationModules)) {
        context.report({ node: parameter, messageId: 'dtoWithoutValidation', data: { param: parameter.getName(), dto: dto.getName() ?? 'the DTO' }, related: [{ node: dto.getNameNode() ?? dto, message: `\`${dto.getName()}\` is declared here` }] });
      }
      for (const pipe of pipesWithoutWhitelist(file, vocabulary.pipes)) {
        context.report({ node: pipe, messageId: 'pipeWithoutWhitelist', data: { pipe: pipe.getExpression().getText() } });
      }
    }
  },
});

type Vocabulary = ReturnType<typeof loadVocabulary>;

function loadVocabulary(context: CheckContext) {
  const names = (key: string) => catalogSection(context.catalog, key, (e) => z.object({ name: z.string() }).strict().parse(e).name);
  return {
    sinks: catalogSection(context.catalog, 'input-sinks', (e) => inputSinkSchema.parse(e)),
    validators: catalogSection(context.catalog, 'input-validators', (e) => validatorSchema.parse(e)),
    queries: catalogSection(context.catalog, 'query-calls', (e) => queryCallSchema.parse(e)) as QueryCallPattern[],
    middleware: names('validation-middleware'),
    passthrough: names('input-passthrough'),
    validationModules: names('validation-decorator-modules'),
    bodyDecorators: names('body-decorators'),
    pipes: names('validation-pipes'),
  };
}

function reportSinks(file: SourceFile, context: CheckContext, vocabulary: Vocabulary) {
  for (const call of descendantsOfKind(file, SyntaxKind.CallExpression)) {
    const sink = matchInputSink(call, vocabulary.sinks);
    if (!sink) continue;
    for (const arg of sinkArguments(call, sink)) {
      const input = requestInputIn(arg, context.catalog, vocabulary.passthrough, sink.sink === 'redirect');
      if (!input || isValidated(call, input, vocabulary)) continue;
      const severity = sink.sink === 'command' ? 'error' : 'warning';
      context.report({ node: arg, messageId: SINK_MESSAGES[sink.sink], severity, data: { input: input.description, call: calleeText(call), library: sink.library }, related: steps(input) });
      break;
    }
  }
}

/** `prisma.user.create({ data: req.body })`, `repo.save(req.body)`, `findMany({ where: req.query })`. */
function reportWholeInput(file: SourceFile, context: CheckContext, vocabulary: Vocabulary) {
  for (const call of descendantsOfKind(file, SyntaxKind.CallExpression)) {
    if (!isChainTop(call)) continue;
    const hit = matchQuery(call, vocabulary.queries);
    if (!hit || (hit.pattern.operation !== 'read' && hit.pattern.operation !== 'write')) continue;
    const write = hit.pattern.operation === 'write';
    for (const candidate of wholeObjectCandidates(call, write)) {
      const input = directRequestInput(candidate, context.catalog);
      if (!input || !isWholeObject(input, candidate) || isValidated(call, input, vocabulary)) continue;
      context.report({ node: candidate, messageId: write ? 'wholeInputToModel' : 'wholeInputToQuery', data: { input: input.description, call: hit.text, library: hit.pattern.library }, related: steps(input) });
      break;
    }
  }
}

/** The argument itself, `data:`/`where:` in it, and spreads (`{ ...req.body, ownerId }`). */
function wholeObjectCandidates(call: CallExpression, write: boolean): Node[] {
  const result: Node[] = [];
  for (const arg of call.getArguments()) {
    const expr = unwrap(arg);
    if (!Node.isObjectLiteralExpression(expr)) {
      result.push(expr);
      continue;
    }
    for (const property of expr.getProperties()) {
      if (Node.isSpreadAssignment(property) && write) result.push(property.getExpression());
      if (Node.isPropertyAssignment(property) && ['data', 'where', 'create', 'update'].includes(property.getName())) {
        const value = unwrap(property.getInitializerOrThrow());
        if (Node.isObjectLiteralExpression(value)) {
          for (const inner of value.getProperties()) if (Node.isSpreadAssignment(inner) && write) result.push(inner.getExpression());
        } else {
          result.push(value);
        }
      }
    }
  }
  return result;
}

/**
 * `req.body`, `req.query`, `ctx.request.body`: the whole object. A NestJS `@Body() dto` typed with a
 * class is left to `dtoWithoutValidation` (a validated DTO with `whitelist` is the boundary); `@Body() body: any` is whole input.
 */
function isWholeObject(input: RequestInput, node: Node): boolean {
  const text = input.text;
  if (/\.(body|query|params)$/.test(text)) return true;
  if (!Node.isIdentifier(node)) return false;
  const parameter = node.getSymbol()?.getDeclarations()[0];
  if (!parameter || !Node.isParameterDeclaration(parameter)) return false;
  const decorator = parameter.getDecorators().find((d) => ['Body', 'Query', 'Args'].includes(d.getName()));
  if (!decorator || decorator.getArguments().length > 0) return false;
  const typeNode = parameter.getTypeNode();
  return !typeNode || /^(any|object|unknown|Record<.*>)$/.test(typeNode.getText()) || Node.isTypeLiteral(typeNode);
}

function isValidated(call: Node, input: RequestInput, vocabulary: Vocabulary): boolean {
  return validatedAtBoundary(call, input, vocabulary.validators, vocabulary.middleware);
}

function steps(input: RequestInput) {
  return input.steps.map((s) => ({ node: s.node, message: s.message }));
}

function calleeText(call: CallExpression): string {
  return call.getExpression().getText().replace(/^this\./, '').replace(/\s+/g, '');
}

export default unvalidatedInput;
