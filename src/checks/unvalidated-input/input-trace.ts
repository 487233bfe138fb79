import { Node, SyntaxKind, type CallExpression } from 'ts-morph';
import { z } from 'zod';
import type { Catalog } from '../../core/catalog.js';
import { matchesName, receiverMatches, stripThis } from '../../analysis/call-matcher.js';
import { isFunctionLike, unwrap } from '../../analysis/loops.js';
import { requestInputSource, type RequestInput } from '../../analysis/request-input.js';

export const validatorSchema = z
  .object({
    id: z.string(),
    library: z.string(),
    methods: z.array(z.string()).default([]),
    functions: z.array(z.string()).default([]),
    notOn: z.array(z.string()).default([]).describe('Receivers whose method of that name is not a validator (`JSON.parse`).'),
  })
  .strict();

export type Validator = z.infer<typeof validatorSchema>;

export const inputSinkSchema = z
  .object({
    id: z.string(),
    library: z.string(),
    sink: z.enum(['path', 'redirect', 'command']),
    arguments: z.array(z.number().int()).min(1),
    modules: z.array(z.string()).default([]),
    methods: z.array(z.string()).default([]),
    receivers: z.array(z.string()).default([]),
    functions: z.array(z.string()).default([]),
  })
  .strict();

export type InputSink = z.infer<typeof inputSinkSchema>;

/** `fs.readFile(p)`, `readFile(p)` imported from fs, `res.redirect(url)`: the sink a call is, if any. */
export function matchInputSink(call: CallExpression, sinks: readonly InputSink[]): InputSink | undefined {
  const callee = unwrap(call.getExpression());
  if (Node.isIdentifier(callee)) {
    const source = importSource(callee);
    return sinks.find((s) => s.functions.includes(callee.getText()) && source !== undefined && s.modules.includes(source));
  }
  if (!Node.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.getName();
  const receiver = stripThis(callee.getExpression().getText());
  const root = rootIdentifier(callee.getExpression());
  const rootSource = root && importSource(root);
  return sinks.find(
    (s) => s.methods.includes(method) && ((rootSource !== undefined && s.modules.includes(rootSource)) || s.receivers.some((g) => receiverMatches(receiver, g))),
  );
}

/** The arguments a sink entry names (`-1` is the last). */
export function sinkArguments(call: CallExpression, sink: InputSink): Node[] {
  const args = call.getArguments();
  return sink.arguments.map((i) => args[i < 0 ? args.length + i : i]).filter((a): a is Node => a !== undefined);
}

/**
 * Request input inside an expression: the expression itself, a part of a concatenation or template,
 * an element of an array, or an argument of a pass-through call (`path.join(dir, req.params.name)`).
 * `leading` keeps only input that starts the value (what decides a redirect's host).
 */
export function requestInputIn(node: Node, catalog: Catalog, passthrough: readonly string[], leading = false): RequestInput | undefined {
  const expr = unwrap(node);
  const found = requestInputSource(expr, catalog);
  if (found) return found;
  if (Node.isBinaryExpression(expr) && expr.getOperatorToken().getKind() === SyntaxKind.PlusToken) {
    return requestInputIn(expr.getLeft(), catalog, passthrough, leading) ?? (leading ? undefined : requestInputIn(expr.getRight(), catalog, passthrough));
  }
  if (Node.isTemplateExpression(expr)) {
    if (leading && expr.getHead().getLiteralText() !== '') return undefined;
    const spans = leading ? expr.getTemplateSpans().slice(0, 1) : expr.getTemplateSpans();
    for (const span of spans) {
      const inner = requestInputIn(span.getExpression(), catalog, passthrough, leading);
      if (inner) return inner;
    }
    return undefined;
  }
  if (Node.isArrayLiteralExpression(expr) && !leading) {
    for (const element of expr.getElements()) {
      const inner = requestInputIn(element, catalog, passthrough);
      if (inner) return inner;
    }
    return undefined;
  }
  if (Node.isCallExpression(expr)) {
    const callee = unwrap(expr.getExpression());
    const name = Node.isPropertyAccessExpression(callee) ? callee.getName() : callee.getText();
    if (!passthrough.includes(name)) return undefined;
    const args = leading ? expr.getArguments().slice(0, 1) : expr.getArguments();
    for (const arg of args) {
      const inner = requestInputIn(arg, catalog, passthrough, leading);
      if (inner) return inner;
    }
  }
  return undefined;
}

/**
 * Validated at the boundary: the handler passes the same request value to a schema
 * (`schema.parse(req.body)`), or the route that registers the handler runs a validating middleware
 * (`router.post('/', validate(schema), handler)`).
 */
export function validatedAtBoundary(at: Node, input: RequestInput, validators: readonly Validator[], middleware: readonly string[]): boolean {
  const fn = handlerOf(at, input.text.split(/[.[ ]/)[0]);
  if (!fn) return false;
  const root = input.text.split(/[.[]/).slice(0, 2).join('.');
  const validates = fn.getDescendantsOfKind(SyntaxKind.CallExpression).some((call) => {
    if (!isValidatorCall(call, validators)) return false;
    return call.getArguments().some((a) => {
      const text = stripThis(a.getText());
      return text === root || text.startsWith(`${root}.`) || text === input.text;
    });
  });
  if (validates) return true;
  const route = fn.getParent();
  if (!Node.isCallExpression(route)) return false;
  return route.getArguments().some((arg) => {
    const expr = unwrap(arg);
    const callee = Node.isCallExpression(expr) ? unwrap(expr.getExpression()) : expr;
    const name = Node.isPropertyAccessExpression(callee) ? callee.getName() : callee.getText();
    return arg !== fn && matchesName(name, middleware);
  });
}

function isValidatorCall(call: CallExpression, validators: readonly Validator[]): boolean {
  const callee = unwrap(call.getExpression());
  if (Node.isIdentifier(callee)) return validators.some((v) => v.functions.includes(callee.getText()));
  if (!Node.isPropertyAccessExpression(callee)) return false;
  const method = callee.getName();
  const receiver = callee.getExpression().getText();
  return validators.some((v) => v.methods.includes(method) && !v.notOn.includes(receiver));
}

/** The function that received the request: the innermost one declaring a parameter `name`, else the outermost. */
function handlerOf(node: Node, name: string): Node | undefined {
  let outermost: Node | undefined;
  for (let current = node.getParent(); current; current = current.getParent()) {
    if (!isFunctionLike(current)) continue;
    outermost = current;
    const parameters = (current as unknown as { getParameters(): Array<{ getName(): string }> }).getParameters?.() ?? [];
    if (parameters.some((p) => p.getName() === name)) return current;
  }
  return outermost;
}

function rootIdentifier(node: Node): Node | undefined {
  let current = unwrap(node);
  while (Node.isPropertyAccessExpression(current)) current = unwrap(current.getExpression());
  return Node.isIdentifier(current) ? current : undefined;
}

/** The module an identifier is imported from (`import fs from 'fs'`, `import { readFile } from 'fs/promises'`). */
function importSource(identifier: Node): string | undefined {
  for (const decl of identifier.getSymbol()?.getDeclarations() ?? []) {
    const importDecl = decl.getFirstAncestorByKind(SyntaxKind.ImportDeclaration);
    if (importDecl) return importDecl.getModuleSpecifierValue();
    if (Node.isVariableDeclaration(decl)) {
      const init = decl.getInitializer();
      // `const fs = require('fs')`
      if (init && Node.isCallExpression(init) && init.getExpression().getText() === 'require') {
        const arg = init.getArguments()[0];
        if (arg && Node.isStringLiteral(arg)) return arg.getLiteralValue();
      }
    }
  }
  return undefined;
}
