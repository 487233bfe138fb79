import { Node, type CallExpression } from 'ts-morph';
import { accessPath } from '../../analysis/access-path.js';
import { initializerOf, isFactoryCall } from '../../analysis/logger-match.js';
import { isMaskingCall, unwrap } from './logged-values.js';
import type { SinkValue } from './log-calls.js';
import type { LoggerPattern, Vocabulary } from './vocabulary.js';

/** What the logger instance a call uses redacts, traced back to the options it was created with. */
export interface Redaction {
  kind: 'pino' | 'winston-format';
  /** Paths that are censored, split into keys; "*" is any one key (pino wildcards). */
  paths: string[][];
  /** Keys masked wherever they appear (a winston format that walks a list of field names). */
  anyDepth: Set<string>;
  /** The format hands the whole record to a masking function: every field counts as masked. */
  all: boolean;
  /** The `redact` option or the format, for the finding's related location. */
  node: Node;
}

const MAX_TRACE = 6;

/**
 * The redaction of the logger a value is written with: `pino({ redact })` (array or `{ paths }`),
 * `.child(bindings, { redact })`, `winston.createLogger({ format })` with custom formats that mask
 * `info` fields. Followed through variables, class properties and `this.x = …` in the constructor.
 * Undefined when the logger's creation is not in sight (injected, `req.log`) or declares none.
 */
export function redactionOf(value: SinkValue, vocabulary: Vocabulary): Redaction | undefined {
  const { pattern, instance, certain } = value.logger;
  if (!pattern.redaction || !certain) return undefined;
  return traceRedaction(instance, pattern, vocabulary, 0);
}

function traceRedaction(instance: Node, pattern: LoggerPattern, vocabulary: Vocabulary, depth: number): Redaction | undefined {
  if (depth > MAX_TRACE) return undefined;
  const expr = unwrap(instance);
  if (Node.isCallExpression(expr)) {
    if (isFactoryCall(expr, pattern)) return fromOptions(expr, pattern, vocabulary);
    const callee = unwrap(expr.getExpression());
    if (Node.isPropertyAccessExpression(callee) && callee.getName() === 'child') {
      // pino ≥ 7: `logger.child(bindings, { redact })` replaces the parent's redaction.
      const own = pattern.redaction === 'pino' ? pinoRedact(expr.getArguments()[1]) : undefined;
      return own ?? traceRedaction(callee.getExpression(), pattern, vocabulary, depth + 1);
    }
    return undefined;
  }
  const init = initializerOf(expr);
  return init ? traceRedaction(init, pattern, vocabulary, depth + 1) : undefined;
}

function fromOptions(factory: CallExpression, pattern: LoggerPattern, vocabulary: Vocabulary): Redaction | undefined {
  const options = objectLiteral(factory.getArguments()[0]);
  if (!options) return undefined;
  if (pattern.redaction === 'pino') return pinoRedact(options);
  const format = property(options, 'format');
  return format ? winstonMasking(format, vocabulary) : undefined;
}

/** `redact: ['a.b', '*.password']` or `redact: { paths: [...], censor }` of pino's options. */
function pinoRedact(optionsNode: Node | undefined): Redaction | undefined {
  const options = objectLiteral(optionsNode);
  const redact = options && property(options, 'redact');
  if (!redact) return undefined;
  const list = Node.isArrayLiteralExpression(redact) ? redact : property(objectLiteral(redact), 'paths');
  const paths = stringsOf(list).map(parsePinoPath);
  return { kind: 'pino', paths, anyDepth: new Set(), all: false, node: redact };
}

/** pino path syntax (fast-redact): `a.b`, `a["b-c"]`, `a[*]`, `*.b` → keys. */
export function parsePinoPath(path: string): string[] {
  const keys: string[] = [];
  const re = /\[\s*(?:"([^"]*)"|'([^']*)'|(\*|\d+))\s*\]|([^.[\]]+)/g;
  for (let m = re.exec(path); m; m = re.exec(path)) {
    const key = m[1] ?? m[2] ?? m[3] ?? m[4];
    keys.push(/^\d+$/.test(key) ? '*' : key);
  }
  return keys;
}

/**
 * A winston `format` option: `combine(...)` parts, custom formats made with `format(fn)` (inline or
 * held in a variable) whose function assigns or deletes `info` fields, walks a list of field names,
 * or hands `info` to a masking function.
 */
function winstonMasking(format: Node, vocabulary: Vocabulary): Redaction | undefined {
  const redaction: Redaction = { kind: 'winston-format', paths: [], anyDepth: new Set(), all: false, node: format };
  const visit = (node: Node, depth: number): void => {
    const expr = unwrap(node);
    if (depth > MAX_TRACE) return;
    if (Node.isIdentifier(expr)) {
      const init = initializerOf(expr);
      if (init) visit(init, depth + 1);
    } else if (Node.isCallExpression(expr)) {
      const callee = unwrap(expr.getExpression());
      const name = Node.isPropertyAccessExpression(callee) ? callee.getName() : callee.getText();
      if (name === 'format' && isFunction(expr.getArguments()[0])) collectMasking(expr.getArguments()[0], redaction, vocabulary);
      else if (Node.isCallExpression(callee) || Node.isIdentifier(callee)) visit(callee, depth + 1);
      for (const argument of name === 'combine' ? expr.getArguments() : []) visit(argument, depth + 1);
    }
  };
  visit(format, 0);
  const masks = redaction.all || redaction.paths.length > 0 || redaction.anyDepth.size > 0;
  return masks ? redaction : undefined;
}

function collectMasking(fn: Node, redaction: Redaction, vocabulary: Vocabulary): void {
  if (!Node.isArrowFunction(fn) && !Node.isFunctionExpression(fn)) return;
  const info = fn.getParameters()[0]?.getName();
  if (!info) return;
  for (const node of fn.getDescendants()) {
    if (Node.isBinaryExpression(node) && node.getOperatorToken().getText() === '=') {
      const path = infoPath(node.getLeft(), info);
      if (path) redaction.paths.push(path);
    } else if (Node.isDeleteExpression(node)) {
      const path = infoPath(node.getExpression(), info);
      if (path) redaction.paths.push(path);
    } else if (Node.isCallExpression(node) && isMaskingCall(node, vocabulary)) {
      if (node.getArguments().some((a) => unwrap(a).getText() === info)) redaction.all = true;
    } else if (Node.isArrayLiteralExpression(node)) {
      for (const key of stringsOf(node)) redaction.anyDepth.add(key);
    } else if (Node.isIdentifier(node)) {
      const init = initializerOf(node);
      if (init && Node.isArrayLiteralExpression(init)) for (const key of stringsOf(init)) redaction.anyDepth.add(key);
    }
  }
}

/** `info.password`, `info['set-cookie']`, `info.user.email` → keys under `info`; anything else undefined. */
function infoPath(node: Node, info: string): string[] | undefined {
  const { base, segments } = accessPath(node, { computed: '*', skip: unwrap }).at(-1)!;
  return Node.isIdentifier(base) && base.getText() === info && segments.length > 0 ? segments : undefined;
}

/** Is the path (keys from the record's root) censored? */
export function covers(redaction: Redaction, path: readonly string[]): boolean {
  if (redaction.all) return true;
  if (path.some((key) => redaction.anyDepth.has(key))) return true;
  return redaction.paths.some((p) => p.length <= path.length && p.every((key, i) => key === '*' || key === path[i]));
}

/** Paths as the user wrote them, for messages: `password`, `user.email`. */
export function redactionText(redaction: Redaction): string {
  if (redaction.all) return 'all fields';
  const paths = [...redaction.paths.map((p) => p.join('.')), ...[...redaction.anyDepth].map((k) => `*.${k}`)];
  return paths.map((p) => `\`${p}\``).join(', ') || 'none';
}

function objectLiteral(node: Node | undefined) {
  if (!node) return undefined;
  let expr = unwrap(node);
  if (Node.isIdentifier(expr)) expr = initializerOf(expr) ?? expr;
  return Node.isObjectLiteralExpression(expr) ? expr : undefined;
}

function property(object: Node | undefined, name: string): Node | undefined {
  if (!object || !Node.isObjectLiteralExpression(object)) return undefined;
  const found = object.getProperty(name);
  if (found && Node.isPropertyAssignment(found)) {
    const init = unwrap(found.getInitializerOrThrow());
    return Node.isIdentifier(init) ? (initializerOf(init) ?? init) : init;
  }
  if (found && Node.isShorthandPropertyAssignment(found)) {
    const declaration = found.getValueSymbol()?.getValueDeclaration();
    return declaration && Node.isVariableDeclaration(declaration) ? declaration.getInitializer() : undefined;
  }
  return undefined;
}

function stringsOf(node: Node | undefined): string[] {
  if (!node) return [];
  const expr = Node.isIdentifier(node) ? initializerOf(node) : unwrap(node);
  if (!expr || !Node.isArrayLiteralExpression(expr)) return [];
  return expr.getElements().flatMap((e) => (Node.isStringLiteral(e) || Node.isNoSubstitutionTemplateLiteral(e) ? [e.getLiteralValue()] : []));
}

function isFunction(node: Node | undefined): boolean {
  return node !== undefined && (Node.isArrowFunction(unwrap(node)) || Node.isFunctionExpression(unwrap(node)));
}
