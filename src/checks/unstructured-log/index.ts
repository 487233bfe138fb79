// Checklist item `observable.structured-logs` — "Key operations emit structured logs with correlation IDs?" (seed 000, "Is it observable?").
import { Node, SyntaxKind, type CallExpression } from 'ts-morph';
import { isNonProductionFile } from '../../analysis/file-roles.js';
import { calleeText, isFactoryCall, matchLogger } from '../../analysis/logger-match.js';
import { loggerPatterns, type LoggerPattern } from '../../analysis/loggers.js';
import { defineCheck, type CheckContext } from '../../core/check.js';
import { conventionOf, interpolatedMessage } from './message-parts.js';
import { projectLogging } from './project-logging.js';
import { structuredCall, structuredFix } from './structured-fix.js';
import { descendantsOfKind } from '../../analysis/descendants.js';

const searchable = 'a log search cannot filter or group by the values written into the text, and every new value makes a new message';

export const unstructuredLog = defineCheck({
  id: 'unstructured-log',
  meta: {
    title: 'Unstructured log lines and loggers without a correlation id',
    description: 'Finds log calls whose message interpolates values instead of passing them as fields, console output in a project that has a structured logger, and new loggers whose lines cannot carry the request id.',
    checklistItem: 'observable.structured-logs',
    defaultSeverity: 'warning',
    messages: {
      interpolatedMessage: `\`{{logger}}\` writes {{values}} into the message text ({{how}}): ${searchable}. Pass them as fields: \`{{fix}}\`.`,
      nestInterpolated: `\`{{logger}}\` (NestJS Logger) writes {{values}} into the message text: ${searchable}, and the NestJS Logger takes only a message and a context. Use a structured logger (nestjs-pino's \`PinoLogger\`, or \`new ConsoleLogger({ json: true })\` on NestJS 11) and log an object: \`{{fix}}\`.`,
      consoleInService: '`{{logger}}` writes plain text to stdout in a project that logs with {{structured}}: the line has no level, no fields and no request id, and log shipping may drop it. Use the project\'s logger.',
      loggerWithoutCorrelation: '`{{factory}}` creates a logger without the request id: its lines cannot be joined to the request that wrote them. Nothing in the project binds one (pino-http `req.log`, nestjs-pino, nestjs-cls, AsyncLocalStorage). Log through a per-request child (`logger.child({ requestId })`, pino-http `req.log`) or read the id from AsyncLocalStorage in a `mixin`.',
    },
  },
  run(context) {
    const patterns = loggerPatterns(context.catalog);
    for (const file of context.files) {
      if (isNonProductionFile(file, context.root, context.catalog)) continue;
      for (const call of descendantsOfKind(file, SyntaxKind.CallExpression)) checkCall(call, patterns, context);
    }
  },
});

function checkCall(call: CallExpression, patterns: readonly LoggerPattern[], context: CheckContext): void {
  const factory = patterns.find((p) => ['pino', 'winston', 'bunyan'].includes(p.id) && isFactoryCall(call, p));
  if (factory) return checkFactory(call, context);
  const logger = matchLogger(call, patterns);
  if (!logger || logger.pattern.callable || logger.pattern.id === 'process.stdio') return;
  const inFunction = call.getFirstAncestor((a) => Node.isFunctionLikeDeclaration(a)) !== undefined;
  if (logger.pattern.id === 'console') {
    // console is plain text by nature; only its own finding, and only where a structured logger exists.
    const structured = projectLogging(context.project, context.catalog).structured;
    if (structured && inFunction && !consoleOnPurpose(call)) context.report({ node: call, messageId: 'consoleInService', severity: 'info', data: { logger: calleeText(call), structured } });
    return;
  }
  const convention = conventionOf(logger);
  const interpolated = interpolatedMessage(call, convention);
  if (!interpolated) return;
  const callee = calleeText(call);
  // `${this.maxRetries}`, `${MAX_SIZE}`: settings of the code, not data — one message text per deployment.
  const onlySettings = interpolated.values.every((v) => /^(this\.[\w.]+|[A-Z][A-Z0-9_]+)$/.test(v.getText()));
  // Identifiers, URLs, paths and addresses make every line unique and are what a log search filters by; a
  // port, a model name or an error code in the text costs far less: those are info.
  const identifying = interpolated.values.some((v) => IDENTIFYING.test(v.getText()));
  const values = interpolated.values.slice(0, 3).map((v) => `\`${short(v.getText())}\``).join(', ') + (interpolated.values.length > 3 ? ', …' : '');
  const how = { template: 'template literal', concatenation: 'string concatenation', placeholders: 'format placeholders' }[interpolated.how];
  const fix = structuredCall(callee, interpolated, convention);
  context.report({
    node: interpolated.message,
    messageId: convention === 'nest' ? 'nestInterpolated' : 'interpolatedMessage',
    data: { logger: callee, values, how, fix },
    // Matched by the receiver's name only, or a startup line outside any handler: uncertain.
    severity: logger.certain && inFunction && !onlySettings && identifying ? undefined : 'info',
    suggestion: fix,
    fix: structuredFix(call, interpolated, convention, logger.certain),
    fingerprintKey: `${callee} ${interpolated.text}`,
  });
}

const IDENTIFYING = /(^|\.)(\w*(id|Id|ID|Ids|IDs)|url|uri|href|email|to|recipient|path|filePath|filename|fileName)$/;

/**
 * console on purpose: a `no-console` lint exception on the line or the one above (the author decided), or the
 * project's own logger wrapper (`class Logger`, `function log…`) writing to the console it wraps.
 */
function consoleOnPurpose(call: CallExpression): boolean {
  const file = call.getSourceFile();
  const line = call.getStartLineNumber();
  const lines = file.getFullText().split(/\r?\n/);
  if ([line - 1, line - 2].some((i) => /(eslint|oxlint|biome-ignore)[^\n]*no-console|noConsole/.test(lines[i] ?? ''))) return true;
  return call.getAncestors().some((a) => (Node.isClassDeclaration(a) || Node.isFunctionDeclaration(a)) && /logg?er|^log/i.test(a.getName() ?? ''));
}

function checkFactory(call: CallExpression, context: CheckContext): void {
  if (projectLogging(context.project, context.catalog).carrier) return;
  const [options] = call.getArguments();
  // pino `mixin` (often reading AsyncLocalStorage) and winston `defaultMeta` functions add fields to every line.
  const hasMixin = options && Node.isObjectLiteralExpression(options) && ['mixin', 'defaultMeta'].some((k) => options.getProperty(k));
  if (hasMixin) return;
  context.report({ node: call.getExpression(), messageId: 'loggerWithoutCorrelation', severity: 'info', data: { factory: call.getExpression().getText() } });
}

function short(text: string): string {
  const compact = text.replace(/\s+/g, ' ');
  return compact.length > 40 ? `${compact.slice(0, 37)}...` : compact;
}

export default unstructuredLog;
