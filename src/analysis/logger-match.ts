import { Node, type CallExpression, type ts } from 'ts-morph';
import { matchCall, matchesName, receiverMatches, stripThis } from './call-matcher.js';
import type { LoggerPattern } from './loggers.js';
import { skipAwaitAndOuterExpressions as unwrap } from './outer-expressions.js';
import { valueDeclarationOf } from './request-input.js';
import { typeInfo } from './type-info.js';

/** A call that goes straight to a catalogued logger. */
export interface LoggerMatch {
  pattern: LoggerPattern;
  /** The logger instance the call uses (`this.logger`, `req.log`, the `debug` function): redaction is traced from it. */
  instance: Node;
  /**
   * True when the library is known: by type, or by following the instance to the factory that made it.
   * A match by receiver name alone (`this.logger.info` without types) knows it logs, not which library.
   */
  certain: boolean;
}

/**
 * Is this call a catalogued logger's? By the receiver's type when the declarations resolve; without
 * them by the factory the receiver was made with (`const audit = pino()`), else by its shape
 * (src/analysis/call-matcher.ts); entries without `types` by shape always; function loggers (`debug`)
 * by the callee's type or by following the callee to the factory call that made it.
 */
export function matchLogger(call: CallExpression, patterns: readonly LoggerPattern[]): LoggerMatch | undefined {
  const callee = unwrap(call.getExpression());
  // The method name is checked first: asking the checker for the receiver's type is the costly part.
  if (Node.isPropertyAccessExpression(callee) && patterns.some((p) => !p.callable && matchesName(callee.getName(), p.methods))) {
    const instance = callee.getExpression();
    const match = matchCall(call, patterns);
    if (match?.how === 'type') return { pattern: match.pattern as LoggerPattern, instance, certain: true };
    const created = createdBy(instance, patterns, 0);
    if (created) return matchesName(callee.getName(), created.methods) ? { pattern: created, instance, certain: true } : undefined;
    if (match) return { pattern: match.pattern as LoggerPattern, instance, certain: false };
    const receiver = stripThis(instance.getText());
    const byShape = patterns.find(
      (p) => p.types.length === 0 && !p.callable && matchesName(callee.getName(), p.methods) && p.receivers.some((g) => receiverMatches(receiver, g)),
    );
    if (byShape) return { pattern: byShape, instance, certain: false };
  }
  return matchCallableLogger(callee, patterns.filter((p) => p.callable && couldBeInProgram(call, p)));
}

/**
 * A cheap filter before the symbol and type questions below, which every non-method call would ask:
 * a function logger (`debug`) can only match when some file of the program names its module, calls
 * one of its factories or declares its type. The program's texts are searched once per pattern.
 */
function couldBeInProgram(call: CallExpression, pattern: LoggerPattern): boolean {
  const program = call.getSourceFile().getProject().getProgram().compilerObject;
  let known = presence.get(program);
  if (!known) presence.set(program, (known = new Map()));
  const key = JSON.stringify([pattern.modules, pattern.factories, pattern.types]);
  let present = known.get(key);
  if (present === undefined) {
    const { inCode, inDeclarations, inLibrary } = mentionPatterns(pattern);
    const search = (sf: ts.SourceFile) => (program.isSourceFileDefaultLibrary(sf) ? inLibrary : sf.isDeclarationFile ? inDeclarations : inCode);
    present = program.getSourceFiles().some((sf) => search(sf)?.test(sf.text) ?? false);
    known.set(key, present);
  }
  return present;
}

const presence = new WeakMap<ts.Program, Map<string, boolean>>();

/**
 * `'debug'` (an import or require), `debug(` / `this.debug(` (a factory call), `Debugger` (its type).
 * Declaration files hold no calls (the standard library's `console.debug(...data)` is a signature), and
 * the standard library imports no module (its comments do say 'debug').
 */
function mentionPatterns(pattern: LoggerPattern): { inCode?: RegExp; inDeclarations?: RegExp; inLibrary?: RegExp } {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const modules = pattern.modules.map((m) => `['"\`]${escape(m)}['"\`]`);
  const factories = pattern.factories.map((f) => `(?:^|[^.\\w$]|this\\s*\\.\\s*)${f.split('.').map(escape).join('\\s*\\.\\s*')}\\s*(?:<[^()]*>)?\\s*(?:\\?\\.)?\\s*\\(`);
  const types = pattern.types.map((t) => `\\b${escape(t)}\\b`);
  const either = (parts: string[]) => (parts.length > 0 ? new RegExp(parts.join('|'), 'm') : undefined);
  return { inCode: either([...modules, ...factories, ...types]), inDeclarations: either([...modules, ...types]), inLibrary: either(types) };
}

/** `log(...)` where `log` was made by a function-logger factory (`debug('app')`) or has its type. */
function matchCallableLogger(callee: Node, callable: readonly LoggerPattern[]): LoggerMatch | undefined {
  if (callable.length === 0 || !(Node.isIdentifier(callee) || Node.isPropertyAccessExpression(callee) || Node.isCallExpression(callee))) return undefined;
  if (Node.isCallExpression(callee)) {
    const pattern = callable.find((p) => isFactoryCall(callee, p));
    return pattern && { pattern, instance: callee, certain: true };
  }
  const origin = initializerOf(callee);
  if (origin && Node.isCallExpression(origin)) {
    const pattern = callable.find((p) => isFactoryCall(origin, p));
    if (pattern) return { pattern, instance: callee, certain: true };
  }
  // By type only for values that can hold a logger function (a parameter, a property, a variable), not
  // for every function the project declares: asking the checker for each callee's type is costly.
  const declaration = valueDeclarationOf(Node.isPropertyAccessExpression(callee) ? callee.getNameNode() : callee);
  const holdsValue = declaration && (Node.isParameterDeclaration(declaration) || Node.isPropertyDeclaration(declaration) || Node.isPropertySignature(declaration) || Node.isVariableDeclaration(declaration));
  if (!holdsValue) return undefined;
  const info = typeInfo(callee.getType());
  if (!info.resolved) return undefined;
  const pattern = callable.find((p) => p.types.some((t) => info.names.includes(t)) && (p.modules.length === 0 || info.modules.some((m) => p.modules.includes(m))));
  return pattern && { pattern, instance: callee, certain: true };
}

/** The logger pattern whose factory made this instance, through variables, properties and `.child()`. */
function createdBy(instance: Node, patterns: readonly LoggerPattern[], depth: number): LoggerPattern | undefined {
  if (depth > 5) return undefined;
  const expr = unwrap(instance);
  if (Node.isCallExpression(expr)) {
    const callee = unwrap(expr.getExpression());
    if (Node.isPropertyAccessExpression(callee) && callee.getName() === 'child') return createdBy(callee.getExpression(), patterns, depth + 1);
    return patterns.find((p) => !p.callable && isFactoryCall(expr, p));
  }
  const init = initializerOf(expr);
  return init && createdBy(init, patterns, depth + 1);
}

/**
 * Does this call create a logger of the pattern? `pino({...})`, `winston.createLogger({...})`,
 * `debug('app')`, also under another local name when imported from the library (`import P from 'pino'`)
 * and `require('debug')('app')`.
 */
export function isFactoryCall(call: CallExpression, pattern: LoggerPattern): boolean {
  if (pattern.factories.length === 0) return false;
  const callee = unwrap(call.getExpression());
  const text = stripThis(callee.getText());
  const module = moduleOf(callee);
  if (module !== undefined && !pattern.modules.includes(module)) return false;
  if (pattern.factories.includes(text)) return true;
  if (module === undefined) return false;
  // Imported from the library under another name: `P(...)` for the default export, `w.createLogger(...)`.
  const isRoot = Node.isIdentifier(callee) || Node.isCallExpression(callee);
  if (isRoot) return pattern.factories.includes(module);
  const last = Node.isPropertyAccessExpression(callee) ? callee.getName() : '';
  return pattern.factories.some((f) => f.split('.').at(-1) === last);
}

/** The npm module the root of `a.b.c` is imported or required from, if any. */
export function moduleOf(expression: Node): string | undefined {
  let root = expression;
  while (Node.isPropertyAccessExpression(root)) root = unwrap(root.getExpression());
  if (Node.isCallExpression(root)) return requiredModule(root);
  if (!Node.isIdentifier(root)) return undefined;
  const declaration = root.getSymbol()?.getDeclarations()[0];
  if (!declaration) return undefined;
  const importDeclaration = declaration.getFirstAncestor((a) => Node.isImportDeclaration(a));
  if (importDeclaration && Node.isImportDeclaration(importDeclaration)) return importDeclaration.getModuleSpecifierValue();
  if (Node.isImportEqualsDeclaration(declaration)) {
    const reference = declaration.getModuleReference();
    return Node.isExternalModuleReference(reference) ? reference.getExpression()?.getText().slice(1, -1) : undefined;
  }
  if (Node.isVariableDeclaration(declaration)) {
    const init = declaration.getInitializer();
    return init && Node.isCallExpression(unwrap(init)) ? requiredModule(unwrap(init) as CallExpression) : undefined;
  }
  return undefined;
}

function requiredModule(call: CallExpression): string | undefined {
  const [first] = call.getArguments();
  if (call.getExpression().getText() !== 'require' || !first || !Node.isStringLiteral(first)) return undefined;
  return first.getLiteralValue();
}

/** What a variable, class property or `this.x` assigned in the constructor was initialised with. */
export function initializerOf(expression: Node): Node | undefined {
  const expr = unwrap(expression);
  if (!Node.isIdentifier(expr) && !Node.isPropertyAccessExpression(expr)) return undefined;
  const target = Node.isIdentifier(expr) ? expr : expr.getNameNode();
  const declaration = valueDeclarationOf(target);
  if (!declaration) return undefined;
  if (Node.isVariableDeclaration(declaration) || Node.isPropertyDeclaration(declaration)) {
    const init = declaration.getInitializer();
    if (init) return unwrap(init);
  }
  if (Node.isPropertyDeclaration(declaration)) {
    // `this.logger = pino(...)` in the constructor.
    const name = declaration.getName();
    const ctor = declaration.getParent();
    for (const c of Node.isClassDeclaration(ctor) ? ctor.getConstructors() : []) {
      for (const assignment of c.getDescendants().filter(Node.isBinaryExpression)) {
        const left = assignment.getLeft();
        if (assignment.getOperatorToken().getText() === '=' && Node.isPropertyAccessExpression(left) && left.getName() === name && Node.isThisExpression(left.getExpression())) {
          return unwrap(assignment.getRight());
        }
      }
    }
  }
  return undefined;
}

/** `this.logger.debug` for `this.logger.debug(...)`; the text shown as "via" in messages. */
export function calleeText(call: CallExpression): string {
  const text = call.getExpression().getText().replace(/\s+/g, '');
  return text.length > 60 ? `${stripThis(text).slice(0, 57)}...` : text;
}
