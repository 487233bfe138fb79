import { Node, SyntaxKind, type BinaryExpression, type ParameterDeclaration, type PropertyDeclaration, type Type } from 'ts-morph';
import type { Catalog } from '../core/catalog.js';
import {
  directRequestInput,
  parameterArguments,
  requestInputParameter,
  requestInputSource,
  skipOuterExpressions,
  valueDeclarationOf,
  type OriginStep,
} from './request-input.js';
import { arrayElements, foldCall } from './value-origin-calls.js';
import { catalogColumn, catalogProperty, catalogTrust, validationGuard, TRUST_WORDS, type TrustReason } from './value-trust.js';

export type { OriginStep } from './request-input.js';

/**
 * Where the pieces of a (string) value come from. `constant`: literals, `const`s with literal
 * initialisers (across files), literal-union types, placeholder numbers (`$${params.length}`);
 * `trusted`: known only at run time but unable to carry outside input (operator configuration, values the
 * code generates, compiled builder SQL, values checked before use, parameters every caller passes such
 * values to — see value-trust.ts); `request-input`: HTTP request input (see request-input.ts);
 * `dynamic`: anything else known only at run time.
 */
export type OriginKind = 'constant' | 'trusted' | 'request-input' | 'dynamic';

export interface StringPiece {
  kind: OriginKind;
  /** The text of a constant piece (for a literal union: its first member). Undefined for run-time values. */
  text?: string;
  /** False when `text` stands in for a value that is constant but not known exactly. */
  exact: boolean;
  /** The expression the piece comes from. */
  node: Node;
  /** "`req.query.q` (request input)", "`term` (a parameter of `search`)", "`'users'` (a constant)". */
  description: string;
  /** Variables, assignments and calls between the piece's source and the expression folded, source first. */
  steps: OriginStep[];
  /**
   * The expression in the folded code that carries the value, when `node` lies elsewhere: the parameter
   * `term` for request input a caller passes, `id` for `const { id } = req.params`. Bind this one.
   */
  local?: Node;
  /** The elements of an array joined into the text (`ids.join(',')`): a list that wants one array parameter. */
  list?: boolean;
  /** A number (cannot carry SQL text); next to a `$` it numbers a placeholder. */
  numeric?: boolean;
  /** Why a `trusted` piece cannot carry outside input. */
  trust?: TrustReason;
}

export interface ValueOrigin {
  kind: OriginKind;
  /** The piece that decided the kind (the request input, the first dynamic piece, or the first piece). */
  piece: StringPiece;
  pieces: StringPiece[];
}

export interface FoldContext {
  catalog: Catalog;
  /** Helper-call and caller levels still allowed. */
  depth: number;
  /** Parameters of the helper being folded, bound to the caller's arguments. */
  bindings: Map<Node, { argument: Node; context: FoldContext }>;
  /** Expressions on the current path (stops cycles such as `s = s + x` in loops). */
  active: Set<Node>;
}

const RANK: Record<OriginKind, number> = { constant: 0, trusted: 1, dynamic: 2, 'request-input': 3 };

/** Classifies a value: constant, request input or other dynamic, with the piece that decided it. */
export function valueOrigin(expression: Node, catalog: Catalog): ValueOrigin {
  const pieces = stringPieces(expression, catalog);
  return { kind: worstPiece(pieces).kind, piece: worstPiece(pieces), pieces };
}

/** Folds a string expression into constant text pieces and run-time value pieces, in order. */
export function stringPieces(expression: Node, catalog: Catalog): StringPiece[] {
  return foldPieces(expression, { catalog, depth: 2, bindings: new Map(), active: new Set() });
}

export function worstPiece(pieces: StringPiece[]): StringPiece {
  return pieces.reduce((worst, piece) => (RANK[piece.kind] > RANK[worst.kind] ? piece : worst), pieces[0]);
}

export function foldPieces(node: Node, context: FoldContext): StringPiece[] {
  const expr = skipOuterExpressions(node);
  if (context.active.has(expr)) return [leaf(expr, 'dynamic', context, 'a value built in a loop')];
  context.active.add(expr);
  try {
    return numberPlaceholders(foldExpression(expr, context));
  } finally {
    context.active.delete(expr);
  }
}

function foldExpression(expr: Node, context: FoldContext): StringPiece[] {
  if (Node.isStringLiteral(expr) || Node.isNoSubstitutionTemplateLiteral(expr)) return [constant(expr, expr.getLiteralValue())];
  if (Node.isNumericLiteral(expr)) return [{ ...constant(expr, expr.getText()), numeric: true }];
  if (Node.isTemplateExpression(expr)) {
    const pieces = [constant(expr.getHead(), expr.getHead().getLiteralText())];
    for (const span of expr.getTemplateSpans()) {
      pieces.push(...foldPieces(span.getExpression(), context));
      pieces.push(constant(span.getLiteral(), span.getLiteral().getLiteralText()));
    }
    return pieces;
  }
  if (Node.isBinaryExpression(expr) && expr.getOperatorToken().getKind() === SyntaxKind.PlusToken && !isNumber(expr.getType())) {
    return [...foldPieces(expr.getLeft(), context), ...foldPieces(expr.getRight(), context)];
  }
  if (Node.isConditionalExpression(expr)) return alternatives(expr, [expr.getWhenTrue(), expr.getWhenFalse()], context);
  if (Node.isBinaryExpression(expr) && ['??', '||'].includes(expr.getOperatorToken().getText())) {
    return alternatives(expr, [expr.getLeft(), expr.getRight()], context);
  }
  const isValue = Node.isIdentifier(expr) || Node.isPropertyAccessExpression(expr) || Node.isElementAccessExpression(expr);
  const guard = isValue ? validationGuard(expr) : undefined;
  if (guard) return [trusted(expr, 'validated', `checked by \`${compact(guard.getText())}\` on line ${guard.getStartLineNumber()}`)];
  const request = directRequestInput(expr, context.catalog);
  if (request) return [{ kind: 'request-input', exact: false, node: request.node, description: request.description, steps: [] }];
  const listed = catalogTrust(expr, context.catalog);
  if (listed) return [trusted(expr, listed.kind)];
  if (Node.isIdentifier(expr)) return foldIdentifier(expr, context);
  if (Node.isCallExpression(expr)) return foldCall(expr, context) ?? derived(expr, context) ?? [leaf(expr, 'dynamic', context)];
  if (Node.isNewExpression(expr)) return derived(expr, context) ?? [leaf(expr, 'dynamic', context)];
  if (Node.isPropertyAccessExpression(expr) || Node.isElementAccessExpression(expr)) return foldMember(expr, context);
  return [leaf(expr, 'dynamic', context)];
}

/**
 * A property, element or method of a trusted value (`new URL(process.env.DATABASE_URL).searchParams.get('schema')`,
 * `randomBytes(4).toString('hex')`), or a library function or constructor applied only to constant and
 * trusted arguments, at least one trusted: as trusted as its inputs.
 */
function derived(expr: Node, context: FoldContext): StringPiece[] | undefined {
  const worstOf = (node: Node) => worstPiece(foldPieces(node, context));
  const settled = (args: Node[]) => args.every((a) => Node.isArrowFunction(a) || Node.isFunctionExpression(a) || RANK[worstOf(a).kind] <= RANK.trusted);
  let receiver: Node | undefined;
  let args: Node[] = [];
  if (Node.isPropertyAccessExpression(expr)) receiver = expr.getExpression();
  else if (Node.isElementAccessExpression(expr)) {
    receiver = expr.getExpression();
    args = expr.getArgumentExpression() ? [expr.getArgumentExpressionOrThrow()] : [];
  } else if (Node.isCallExpression(expr) || Node.isNewExpression(expr)) {
    const callee = skipOuterExpressions(expr.getExpression());
    args = expr.getArguments();
    if (Node.isPropertyAccessExpression(callee)) receiver = callee.getExpression();
    else if (Node.isIdentifier(callee) && !isProjectDeclared(callee)) {
      const inputs = args.map(worstOf);
      const trust = inputs.find((p) => p.kind === 'trusted');
      if (trust && inputs.every((p) => RANK[p.kind] <= RANK.trusted)) return [trusted(expr, trust.trust ?? 'generated')];
    }
  }
  if (!receiver) return undefined;
  const base = worstOf(receiver);
  if (base.kind !== 'trusted' || !settled(args)) return undefined;
  return [trusted(expr, base.trust ?? 'generated')];
}

function isProjectDeclared(identifier: Node): boolean {
  const declaration = valueDeclarationOf(identifier);
  return declaration !== undefined && !declaration.getSourceFile().isDeclarationFile() && !declaration.getSourceFile().isInNodeModules();
}

export function trusted(node: Node, trust: TrustReason, why = TRUST_WORDS[trust]): StringPiece {
  return { kind: 'trusted', exact: false, node, trust, description: `\`${compact(node.getText())}\` (${why})`, steps: [], numeric: isNumber(node.getType()) };
}

function foldIdentifier(identifier: Node, context: FoldContext): StringPiece[] {
  const declaration = valueDeclarationOf(identifier);
  if (!declaration) return [leaf(identifier, 'dynamic', context)];
  const bound = context.bindings.get(declaration);
  if (bound) return foldPieces(bound.argument, bound.context);
  if (Node.isVariableDeclaration(declaration) && Node.isForOfStatement(declaration.getParent()?.getParent())) {
    const loop = declaration.getParentOrThrow().getParentOrThrow();
    const element = Node.isForOfStatement(loop) ? elementOf(loop.getExpression(), context) : undefined;
    return [element ? { ...element, node: identifier } : leaf(identifier, 'dynamic', context)];
  }
  if (Node.isVariableDeclaration(declaration)) {
    const name = declaration.getName();
    const init = declaration.getInitializer();
    const writes = assignmentsBefore(declaration, identifier);
    if (!init && writes.length === 0) return [leaf(identifier, 'dynamic', context)];
    // `let sql = 'SELECT …'; if (q) sql += ' WHERE …'` — every write before the use contributes.
    let pieces = init ? withStep(foldPieces(init, context), declaration, `\`${name}\` is built here`) : [];
    for (const write of writes) {
      const added = withStep(foldPieces(write.getRight(), context), write, `\`${name}\` is extended here`);
      const appended = write.getOperatorToken().getKind() === SyntaxKind.PlusEqualsToken;
      pieces = appended ? [...pieces, ...added] : sameBlock(write, declaration) ? added : collapse([pieces, added]);
    }
    return pieces;
  }
  if (Node.isEnumMember(declaration)) {
    const value = declaration.getValue();
    return [constant(identifier, String(value ?? declaration.getName()))];
  }
  if (Node.isParameterDeclaration(declaration)) return [parameterPiece(identifier, declaration, context)];
  if (Node.isBindingElement(declaration)) {
    // `const { id } = req.params`, `({ q }) => …` called with request input.
    const request = requestInputSource(identifier, context.catalog, context.depth);
    if (request) return [{ kind: 'request-input', exact: false, node: request.node, local: identifier, description: request.description, steps: request.steps }];
    const column = catalogColumn(declaration.getPropertyNameNode()?.getText() ?? declaration.getName(), context.catalog);
    if (column) return [trusted(identifier, column.kind)];
  }
  return [typedLeaf(identifier, context)];
}

function foldMember(expr: Node, context: FoldContext): StringPiece[] {
  const symbolDeclaration = Node.isPropertyAccessExpression(expr) ? valueDeclarationOf(expr.getNameNode()) : undefined;
  // `TABLES.users` where `const TABLES = { users: 'users' }` (possibly imported), or an enum member.
  if (symbolDeclaration && Node.isPropertyAssignment(symbolDeclaration) && isConstObjectProperty(symbolDeclaration)) {
    const init = symbolDeclaration.getInitializer();
    if (init) return withStep(foldPieces(init, context), symbolDeclaration, `\`${expr.getText()}\` is defined here`);
  }
  // `private readonly table = `${SCHEMA}.orders``: a readonly field keeps its initialiser.
  if (symbolDeclaration && Node.isPropertyDeclaration(symbolDeclaration) && symbolDeclaration.isReadonly()) {
    const init = symbolDeclaration.getInitializer();
    if (init) return withStep(foldPieces(init, context), symbolDeclaration, `\`${expr.getText()}\` is defined here`);
  }
  // `private table = ''` set only inside its class (`this.table = \`work_${randomUUID()}\``): every write counts.
  if (symbolDeclaration && Node.isPropertyDeclaration(symbolDeclaration) && isPrivateField(symbolDeclaration) && Node.isPropertyAccessExpression(expr)) {
    const writes = fieldWrites(symbolDeclaration);
    const init = symbolDeclaration.getInitializer();
    const options = [...(init ? [foldPieces(init, context)] : []), ...writes.map((w) => withStep(foldPieces(w.getRight(), context), w, `\`${expr.getText()}\` is set here`))];
    if (options.length > 0 && writes.length > 0) return collapse(options);
  }
  if (symbolDeclaration && Node.isEnumMember(symbolDeclaration)) {
    return [constant(expr, String(symbolDeclaration.getValue() ?? symbolDeclaration.getName()))];
  }
  // `COLUMNS[key]` on a `const` map whose values are all constant: one of those constants.
  if (Node.isElementAccessExpression(expr)) {
    const values = constMapValues(expr.getExpression(), context);
    if (values) return [{ ...values[0], node: expr, exact: false, description: `\`${compact(expr.getText())}\` (a value of a constant map)` }];
  }
  // `row.tablename` of a catalog query's rows; request input (`req.body.tablename`) was caught before.
  const column = Node.isPropertyAccessExpression(expr) ? catalogColumn(expr.getName(), context.catalog) : undefined;
  if (column && Node.isPropertyAccessExpression(expr) && worstPiece(foldPieces(expr.getExpression(), context)).kind !== 'request-input') return [trusted(expr, column.kind)];
  // `qb.alias`: the alias the code gave a query builder (request input under that name was caught before).
  const property = catalogProperty(expr, context.catalog);
  if (property && Node.isPropertyAccessExpression(expr) && worstPiece(foldPieces(expr.getExpression(), context)).kind !== 'request-input') return [trusted(expr, property.kind)];
  return derived(expr, context) ?? [typedLeaf(expr, context)];
}

function isPrivateField(field: PropertyDeclaration): boolean {
  return field.hasModifier(SyntaxKind.PrivateKeyword) || Node.isPrivateIdentifier(field.getNameNode());
}

/** `this.field = …` (and `+=`) inside the field's class. */
function fieldWrites(field: PropertyDeclaration): BinaryExpression[] {
  const name = field.getName();
  return field
    .getParentOrThrow()
    .getDescendantsOfKind(SyntaxKind.BinaryExpression)
    .filter((b) => {
      const op = b.getOperatorToken().getKind();
      const left = skipOuterExpressions(b.getLeft());
      return (op === SyntaxKind.EqualsToken || op === SyntaxKind.PlusEqualsToken) && Node.isPropertyAccessExpression(left) && left.getName() === name && left.getExpression().getKind() === SyntaxKind.ThisKeyword;
    });
}

/** A parameter: literal-union type → constant; otherwise what the project's callers pass, up to two levels. */
function parameterPiece(identifier: Node, parameter: ParameterDeclaration, context: FoldContext): StringPiece {
  const typed = literalPiece(identifier);
  if (typed) return typed;
  const framework = requestInputParameter(parameter, context.catalog);
  if (framework) return { kind: 'request-input', exact: false, node: identifier, description: `\`${identifier.getText()}\` (request input)`, steps: [] };
  const element = iteratedElement(parameter, context);
  if (element) return { ...element, node: identifier, exact: false };
  if (context.depth > 0) {
    const passed = parameterArguments(parameter);
    let settled = passed.length > 0;
    for (const { argument, call } of passed) {
      const pieces = foldPieces(argument, { ...context, depth: context.depth - 1, bindings: new Map() });
      const worst = worstPiece(pieces);
      if (worst.kind === 'request-input') {
        const steps = [...worst.steps, { node: call, message: `\`${compact(argument.getText())}\` is passed as \`${parameter.getName()}\` here` }];
        return { ...worst, local: identifier, steps };
      }
      if (RANK[worst.kind] > RANK.trusted) settled = false;
    }
    // Every caller in the project passes a constant or trusted value.
    if (settled) return trusted(identifier, 'callers');
  }
  const fn = parameter.getParent();
  const owner = 'getName' in fn && typeof fn.getName === 'function' ? fn.getName() : undefined;
  const description = `\`${identifier.getText()}\` (a parameter${owner ? ` of \`${owner}\`` : ''})`;
  return { kind: 'dynamic', exact: false, node: identifier, description, steps: [], numeric: isNumber(identifier.getType()) };
}

/**
 * `SCHEMAS.map((schema) => …)`, `for (const t of TABLES)`: the element of an array whose elements are all
 * constant (or trusted) is as good as the worst of them.
 */
function iteratedElement(parameter: ParameterDeclaration, context: FoldContext): StringPiece | undefined {
  const fn = parameter.getParent();
  if (!(Node.isArrowFunction(fn) || Node.isFunctionExpression(fn)) || fn.getParameters()[0] !== parameter || !Node.isIdentifier(parameter.getNameNode())) return undefined;
  const call = fn.getParent();
  if (!Node.isCallExpression(call) || call.getArguments()[0] !== fn) return undefined;
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee) || !ITERATION_METHODS.has(callee.getName())) return undefined;
  return elementOf(callee.getExpression(), context);
}

const ITERATION_METHODS = new Set(['map', 'forEach', 'flatMap', 'filter', 'some', 'every', 'find', 'findIndex']);

function elementOf(array: Node, context: FoldContext): StringPiece | undefined {
  const elements = arrayElements(array, context);
  if (!elements || elements.length === 0) return undefined;
  const all = elements.flat();
  const worst = worstPiece(all);
  return RANK[worst.kind] <= RANK.trusted ? { ...worst, exact: false } : undefined;
}

/** A piece known only by its type: literal union → constant, anything else → dynamic. */
export function typedLeaf(expr: Node, context: FoldContext): StringPiece {
  return literalPiece(expr) ?? leaf(expr, 'dynamic', context);
}

function literalPiece(expr: Node): StringPiece | undefined {
  const texts = literalTexts(expr.getType());
  if (!texts) return undefined;
  return { kind: 'constant', text: texts[0], exact: texts.length === 1, node: expr, description: `\`${compact(expr.getText())}\` (one of ${texts.map((t) => `'${t}'`).join(', ')})`, steps: [] };
}

/** `'name' | 'price'` → ["name", "price"]; undefined unless every member is a literal. */
export function literalTexts(type: Type): string[] | undefined {
  const parts = type.isUnion() ? type.getUnionTypes() : [type];
  const texts: string[] = [];
  for (const part of parts) {
    if (part.isStringLiteral() || part.isNumberLiteral() || part.isEnumLiteral()) texts.push(String(part.getLiteralValue()));
    else if (part.isBooleanLiteral()) texts.push(part.getText());
    else return undefined;
  }
  return texts.length > 0 ? texts : undefined;
}

export function leaf(expr: Node, kind: OriginKind, _context: FoldContext, what = 'a run-time value'): StringPiece {
  const numeric = isNumber(expr.getType());
  return { kind, exact: false, node: expr, description: `\`${compact(expr.getText())}\` (${what})`, steps: [], numeric };
}

export function constant(node: Node, text: string): StringPiece {
  return { kind: 'constant', text, exact: true, node, description: `\`${compact(node.getText())}\` (a constant)`, steps: [] };
}

/** `a ? b : c`, `a ?? b`: constant when every branch is; otherwise one piece as bad as the worst branch. */
function alternatives(_expr: Node, branches: Node[], context: FoldContext): StringPiece[] {
  return collapse(branches.map((b) => foldPieces(b, context)));
}

function collapse(options: StringPiece[][]): StringPiece[] {
  const all = options.flat();
  if (all.every((p) => p.kind === 'constant')) return options[0].map((p) => ({ ...p, exact: false }));
  const worst = worstPiece(all.filter((p) => p.kind !== 'constant'));
  return [{ ...worst, exact: false, text: undefined }];
}

/** `$${values.length}` / `` `$${i + 1}` ``: a number right after `$` numbers a placeholder; it is not SQL text. */
function numberPlaceholders(pieces: StringPiece[]): StringPiece[] {
  return pieces.map((piece, i) => {
    const before = pieces[i - 1];
    if (piece.kind === 'dynamic' && piece.numeric && before?.kind === 'constant' && before.text?.endsWith('$')) {
      return { ...piece, kind: 'constant', text: '1', exact: false, description: `\`${compact(piece.node.getText())}\` (a placeholder number)` };
    }
    return piece;
  });
}

function assignmentsBefore(declaration: Node, use: Node) {
  const scope = declaration.getFirstAncestor((a) => Node.isBlock(a) || Node.isSourceFile(a));
  if (!scope) return [];
  const symbol = declaration.getSymbol();
  return scope
    .getDescendantsOfKind(SyntaxKind.BinaryExpression)
    .filter((b) => {
      const op = b.getOperatorToken().getKind();
      if (op !== SyntaxKind.PlusEqualsToken && op !== SyntaxKind.EqualsToken) return false;
      const left = b.getLeft();
      return Node.isIdentifier(left) && b.getEnd() <= use.getStart() && left.getSymbol() === symbol;
    });
}

function sameBlock(write: Node, declaration: Node): boolean {
  const block = (n: Node) => n.getFirstAncestor((a) => Node.isBlock(a) || Node.isSourceFile(a));
  return block(write) === block(declaration);
}

function isConstObjectProperty(property: Node): boolean {
  const object = property.getParent();
  const holder = object && skipUp(object);
  return Node.isVariableDeclaration(holder) && holder.getVariableStatement()?.getDeclarationKind() === 'const';
}

/** Up from an object literal through `as const` / `satisfies` to the declaration that holds it. */
function skipUp(node: Node): Node | undefined {
  let current = node.getParent();
  while (current && (Node.isAsExpression(current) || Node.isSatisfiesExpression(current) || Node.isParenthesizedExpression(current))) {
    current = current.getParent();
  }
  return current;
}

/** The folded values of a `const` object or array literal when every one of them is constant. */
function constMapValues(mapExpr: Node, context: FoldContext): StringPiece[] | undefined {
  const target = skipOuterExpressions(mapExpr);
  const declaration = Node.isIdentifier(target) ? valueDeclarationOf(target) : undefined;
  if (!declaration || !Node.isVariableDeclaration(declaration)) return undefined;
  if (declaration.getVariableStatement()?.getDeclarationKind() !== 'const') return undefined;
  const init = declaration.getInitializer() && skipOuterExpressions(declaration.getInitializerOrThrow());
  let values: Node[] = [];
  if (Node.isObjectLiteralExpression(init)) {
    for (const property of init.getProperties()) {
      if (!Node.isPropertyAssignment(property)) return undefined;
      values.push(property.getInitializerOrThrow());
    }
  } else if (Node.isArrayLiteralExpression(init)) values = init.getElements();
  else return undefined;
  const folded = values.flatMap((v) => foldPieces(v, context));
  return folded.length > 0 && folded.every((p) => p.kind === 'constant') ? folded : undefined;
}

export function withStep(pieces: StringPiece[], node: Node, message: string): StringPiece[] {
  return pieces.map((p) => (p.kind === 'constant' ? p : { ...p, steps: [...p.steps, { node, message }] }));
}

export function isNumber(type: Type): boolean {
  return type.isNumber() || type.isNumberLiteral() || (type.isUnion() && type.getUnionTypes().every((t) => t.isNumber() || t.isNumberLiteral()));
}

export function compact(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}...` : oneLine;
}
