import { Node, SyntaxKind, type CallExpression } from 'ts-morph';
import { z } from 'zod';
import { catalogSection, type Catalog } from '../core/catalog.js';
import { skipOuterExpressions, valueDeclarationOf } from './request-input.js';
import { perCatalog } from './per-catalog.js';
import {
  compact,
  constant,
  foldPieces,
  leaf,
  withStep,
  worstPiece,
  type FoldContext,
  type StringPiece,
} from './value-origin.js';

/** String methods whose result is built from the receiver (and, for some, from their arguments). */
const EXACT_TRANSFORMS: Record<string, (text: string) => string> = {
  trim: (t) => t.trim(),
  trimStart: (t) => t.trimStart(),
  trimEnd: (t) => t.trimEnd(),
  toLowerCase: (t) => t.toLowerCase(),
  toUpperCase: (t) => t.toUpperCase(),
  toString: (t: string) => t,
  valueOf: (t: string) => t,
  normalize: (t) => t,
};
const RECEIVER_ONLY = new Set(['slice', 'substring', 'substr', 'padStart', 'padEnd', 'repeat', 'at', 'charAt']);
const WITH_ARGUMENTS: Record<string, (args: Node[]) => Node[]> = {
  concat: (args) => args,
  replace: (args) => args.slice(1),
  replaceAll: (args) => args.slice(1),
};
const NUMBER_FUNCTIONS = new Set(['Number', 'parseInt', 'parseFloat']);

/**
 * Folds the calls a SQL string is commonly built with: `parts.join(' AND ')`, string methods,
 * `String(x)`, and helper functions of the project (their return expressions, with parameters bound
 * to the arguments). Returns undefined for any other call.
 */
export function foldCall(call: CallExpression, context: FoldContext): StringPiece[] | undefined {
  const callee = call.getExpression();
  const args = call.getArguments();
  const escaper = escaperOf(call, context.catalog);
  if (escaper) {
    // `client.escapeIdentifier(name)`: quoted for SQL, so not injectable; its text is known only at run time.
    return [{ kind: 'constant', exact: false, node: call, description: `\`${compact(call.getText())}\` (escaped by \`${escaper}\`)`, steps: [] }];
  }
  if (Node.isPropertyAccessExpression(callee)) {
    const method = callee.getName();
    const receiver = callee.getExpression();
    if (method === 'join') return foldJoin(call, receiver, args[0], context);
    if (isStringLike(receiver)) {
      const transform = EXACT_TRANSFORMS[method];
      if (transform) return transformed(foldPieces(receiver, context), transform);
      if (RECEIVER_ONLY.has(method)) return inexact(foldPieces(receiver, context));
      const extra = WITH_ARGUMENTS[method];
      if (extra) return inexact([...foldPieces(receiver, context), ...extra(args).flatMap((a) => foldPieces(a, context))]);
    }
  }
  if (Node.isIdentifier(callee) && !isProjectFunction(callee)) {
    if (callee.getText() === 'String' && args[0]) return foldPieces(args[0], context);
    if (NUMBER_FUNCTIONS.has(callee.getText())) return [{ ...leaf(call, 'dynamic', context), numeric: true }];
  }
  return foldHelper(call, context);
}

/** Functions that quote a value as a SQL literal or identifier (`sql-escapers` in rules/sql-sinks.yml). */
export const sqlEscaperSchema = z
  .object({
    name: z.string().describe('Function or method name, e.g. escapeIdentifier.'),
    modules: z.array(z.string()).default([]).describe('When set, a plain function must be imported from one of these packages (e.g. pg-format for `format`).'),
  })
  .strict();

const sqlEscapers = perCatalog((catalog) => catalogSection(catalog, 'sql-escapers', (e) => sqlEscaperSchema.parse(e)));

function escaperOf(call: CallExpression, catalog: Catalog): string | undefined {
  const escapers = sqlEscapers(catalog);
  const callee = call.getExpression();
  const name = Node.isPropertyAccessExpression(callee) ? callee.getName() : Node.isIdentifier(callee) ? callee.getText() : undefined;
  const entry = name === undefined ? undefined : escapers.find((e) => e.name === name);
  if (!entry) return undefined;
  if (entry.modules.length > 0) {
    const declaration = Node.isIdentifier(callee) ? callee.getSymbol()?.getDeclarations()[0] : undefined;
    const from = declaration?.getFirstAncestorByKind(SyntaxKind.ImportDeclaration)?.getModuleSpecifierValue();
    if (!from || !entry.modules.includes(from)) return undefined;
  }
  return name;
}

function foldJoin(call: CallExpression, receiver: Node, separator: Node | undefined, context: FoldContext): StringPiece[] {
  const sep = separator ? foldPieces(separator, context) : [constant(call, ',')];
  const elements = arrayElements(receiver, context);
  if (!elements) {
    // An array we cannot see into (e.g. `req.body.columns.join(',')`): as bad as what it is.
    const whole = foldPieces(receiver, context);
    const worst = worstPiece(whole);
    return [worst.kind === 'constant' ? { ...worst, exact: false } : { ...worst, text: undefined, list: true }];
  }
  const pieces: StringPiece[] = [];
  elements.forEach((element, i) => {
    if (i > 0) pieces.push(...sep);
    pieces.push(...element);
  });
  return pieces.length > 0 ? pieces : [{ ...constant(call, ''), exact: false }];
}

/**
 * The elements of an array literal, of a local array built with `.push()`, or of `.map(cb)` (one element:
 * what the callback returns) and `.filter()` over one of those. Undefined when the elements are not visible.
 */
export function arrayElements(node: Node, context: FoldContext): StringPiece[][] | undefined {
  const expr = skipOuterExpressions(node);
  if (Node.isArrayLiteralExpression(expr)) {
    return expr.getElements().map((e) => (Node.isSpreadElement(e) ? [leaf(e, 'dynamic', context)] : foldPieces(e, context)));
  }
  if (Node.isCallExpression(expr) && Node.isPropertyAccessExpression(expr.getExpression())) {
    const access = expr.getExpressionIfKindOrThrow(SyntaxKind.PropertyAccessExpression);
    if (access.getName() === 'filter') return arrayElements(access.getExpression(), context)?.map(inexact);
    if (access.getName() === 'map') {
      const callback = expr.getArguments()[0];
      const returned = callback && returnedExpressions(callback);
      if (!returned || returned.length !== 1) return undefined;
      return [inexact(foldPieces(returned[0], context))];
    }
    return undefined;
  }
  if (!Node.isIdentifier(expr)) return undefined;
  const declaration = valueDeclarationOf(expr);
  if (!declaration || !Node.isVariableDeclaration(declaration)) return undefined;
  const init = declaration.getInitializer();
  const initial = init ? arrayElements(init, context) : undefined;
  if (!initial) return undefined;
  // `conditions.push('a = $1')` before the join: each pushed value is one more element.
  const pushes = declaration
    .getFirstAncestorOrThrow((a) => Node.isBlock(a) || Node.isSourceFile(a))
    .getDescendantsOfKind(SyntaxKind.CallExpression)
    .filter((c) => {
      const callee = c.getExpression();
      return (
        Node.isPropertyAccessExpression(callee) &&
        callee.getName() === 'push' &&
        c.getEnd() <= expr.getStart() &&
        skipOuterExpressions(callee.getExpression()).getSymbol() === expr.getSymbol()
      );
    });
  const name = declaration.getName();
  const pushed = pushes.flatMap((c) => c.getArguments().map((a) => inexact(withStep(foldPieces(a, context), c, `\`${name}\` gets an element here`))));
  return [...initial, ...pushed];
}

function foldHelper(call: CallExpression, context: FoldContext): StringPiece[] | undefined {
  if (context.depth <= 0) return undefined;
  const fn = calledFunction(call);
  if (!fn) return undefined;
  const returned = returnedExpressions(fn);
  if (!returned || returned.length === 0) return undefined;
  const parameters = Node.isFunctionLikeDeclaration(fn) || Node.isArrowFunction(fn) ? fn.getParameters() : [];
  const bindings = new Map<Node, { argument: Node; context: FoldContext }>();
  parameters.forEach((parameter, i) => {
    const argument = call.getArguments()[i] ?? parameter.getInitializer();
    if (argument) bindings.set(parameter, { argument, context });
  });
  const inner: FoldContext = { ...context, depth: context.depth - 1, bindings };
  const folded = returned.map((r) => foldPieces(r, inner));
  const pieces = folded.length === 1 ? folded[0] : collapseAll(folded);
  return withStep(pieces, call, `\`${compact(call.getExpression().getText())}(…)\` returns it`);
}

function collapseAll(options: StringPiece[][]): StringPiece[] {
  const all = options.flat();
  if (all.every((p) => p.kind === 'constant')) return inexact(options[0]);
  const worst = worstPiece(all.filter((p) => p.kind !== 'constant'));
  return [{ ...worst, text: undefined, exact: false }];
}

/** The function a call goes to, when the project declares it (not node_modules, not a .d.ts). */
export function calledFunction(call: CallExpression): Node | undefined {
  const callee = skipOuterExpressions(call.getExpression());
  const nameNode = Node.isPropertyAccessExpression(callee) ? callee.getNameNode() : callee;
  if (!Node.isIdentifier(nameNode)) return undefined;
  let declaration = valueDeclarationOf(nameNode);
  if (!declaration || declaration.getSourceFile().isDeclarationFile() || declaration.getSourceFile().isInNodeModules()) return undefined;
  if (Node.isVariableDeclaration(declaration) || Node.isPropertyDeclaration(declaration) || Node.isPropertyAssignment(declaration)) {
    declaration = declaration.getInitializer() && skipOuterExpressions(declaration.getInitializer()!);
  }
  if (
    declaration &&
    (Node.isFunctionDeclaration(declaration) || Node.isMethodDeclaration(declaration) || Node.isArrowFunction(declaration) || Node.isFunctionExpression(declaration))
  ) {
    return declaration;
  }
  return undefined;
}

/** What a function returns: its expression body, or the `return` expressions of its own body. */
export function returnedExpressions(fn: Node): Node[] | undefined {
  if (Node.isArrowFunction(fn)) {
    const body = fn.getBody();
    if (!Node.isBlock(body)) return [body];
  }
  if (!(Node.isArrowFunction(fn) || Node.isFunctionExpression(fn) || Node.isFunctionDeclaration(fn) || Node.isMethodDeclaration(fn))) {
    return undefined;
  }
  const body = fn.getBody();
  if (!body) return undefined;
  return body
    .getDescendantsOfKind(SyntaxKind.ReturnStatement)
    .filter((r) => r.getFirstAncestor((a) => Node.isFunctionLikeDeclaration(a) || Node.isArrowFunction(a)) === fn)
    .map((r) => r.getExpression())
    .filter((e): e is NonNullable<typeof e> => e !== undefined);
}

function isProjectFunction(identifier: Node): boolean {
  const declaration = valueDeclarationOf(identifier);
  return declaration !== undefined && !declaration.getSourceFile().isDeclarationFile();
}

function isStringLike(receiver: Node): boolean {
  const type = receiver.getType();
  return type.isString() || type.isStringLiteral() || type.isAny() || type.isUnknown() || (type.isUnion() && type.getUnionTypes().every((t) => t.isString() || t.isStringLiteral()));
}

function transformed(pieces: StringPiece[], transform: (text: string) => string): StringPiece[] {
  if (pieces.length === 1 && pieces[0].kind === 'constant' && pieces[0].text !== undefined) {
    return [{ ...pieces[0], text: transform(pieces[0].text) }];
  }
  return inexact(pieces);
}

function inexact(pieces: StringPiece[]): StringPiece[] {
  return pieces.map((p) => ({ ...p, exact: false }));
}
