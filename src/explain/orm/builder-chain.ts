import { Node, SyntaxKind, VariableDeclarationKind, type CallExpression, type SourceFile } from 'ts-morph';
import { unwrap } from '../../analysis/loops.js';
import { valueDeclarationOf } from '../../analysis/request-input.js';

/**
 * Builder chains (Knex, Kysely, Drizzle) read statically so they can be replayed on the library's own
 * compiler: only the shape is read — method names, literal arguments, references — and nothing of the
 * user's code is ever evaluated. A value the code computes becomes a placeholder named after its text.
 */
export type ChainValue =
  | { kind: 'constant'; value: string | number | boolean | null }
  | { kind: 'placeholder'; name: string }
  /** `orders`, `orders.userId`, `t.id`: a table/column for Drizzle, a placeholder for the others. */
  | { kind: 'ref'; path: string[]; text: string }
  | { kind: 'array'; items: ChainValue[] }
  | { kind: 'object'; entries: Array<[string, ChainValue]> }
  | { kind: 'call'; callee: string; args: ChainValue[]; text: string }
  | { kind: 'unreadable'; text: string; why: string };

export interface ChainStep {
  /** The method name (`where`), or the property name for a bare property access (`db.query.orders`). */
  name: string;
  /** Arguments of a call; undefined for a property access. */
  args?: ChainValue[];
}

export interface BuilderChain {
  /** The outermost call: findings go on it. */
  node: CallExpression;
  /** The root expression's text (`knex`, `this.db`) and, for `knex('orders')`, its arguments. */
  root: { text: string; args?: ChainValue[] };
  steps: ChainStep[];
}

/** The outermost call of every chain in the file (`a.b().c()` once, not `a.b()` again). */
export function builderChains(sourceFile: SourceFile): BuilderChain[] {
  const chains: BuilderChain[] = [];
  for (const call of sourceFile.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    if (isInsideLongerChain(call)) continue;
    const chain = readChain(call);
    if (chain) chains.push(chain);
  }
  return chains;
}

function isInsideLongerChain(call: CallExpression): boolean {
  const parent = call.getParent();
  return !!parent && Node.isPropertyAccessExpression(parent) && parent.getExpression() === call;
}

export function readChain(call: CallExpression): BuilderChain | undefined {
  const steps: ChainStep[] = [];
  let expr: Node = call;
  for (;;) {
    if (Node.isCallExpression(expr) && Node.isPropertyAccessExpression(expr.getExpression())) {
      const callee = expr.getExpression() as import('ts-morph').PropertyAccessExpression;
      steps.unshift({ name: callee.getName(), args: expr.getArguments().map(readValue) });
      expr = callee.getExpression();
    } else if (Node.isPropertyAccessExpression(expr) && steps.length && !isPlainRoot(expr)) {
      steps.unshift({ name: expr.getName() });
      expr = expr.getExpression();
    } else break;
  }
  if (!steps.length && !Node.isCallExpression(expr)) return undefined;
  if (Node.isCallExpression(expr) && (Node.isIdentifier(expr.getExpression()) || isPlainRoot(expr.getExpression()))) {
    return { node: call, root: { text: expr.getExpression().getText(), args: expr.getArguments().map(readValue) }, steps };
  }
  if (Node.isIdentifier(expr) || Node.isThisExpression(expr) || isPlainRoot(expr)) return { node: call, root: { text: expr.getText() }, steps };
  return undefined;
}

/** `this.db`, `ctx.knex`: a receiver, not a step of the chain. */
function isPlainRoot(expr: Node): boolean {
  return Node.isPropertyAccessExpression(expr) && Node.isThisExpression(expr.getExpression());
}

/** A literal, a reference, a call of a named function with readable arguments; anything else a placeholder. */
export function readValue(node: Node): ChainValue {
  const expr = unwrap(node);
  if (Node.isStringLiteral(expr) || Node.isNoSubstitutionTemplateLiteral(expr)) return { kind: 'constant', value: expr.getLiteralValue() };
  if (Node.isNumericLiteral(expr)) return { kind: 'constant', value: expr.getLiteralValue() };
  if (Node.isTrueLiteral(expr) || Node.isFalseLiteral(expr)) return { kind: 'constant', value: Node.isTrueLiteral(expr) };
  if (Node.isNullLiteral(expr)) return { kind: 'constant', value: null };
  if (Node.isPrefixUnaryExpression(expr) && expr.getOperatorToken() === SyntaxKind.MinusToken && Node.isNumericLiteral(expr.getOperand())) {
    return { kind: 'constant', value: -Number(expr.getOperand().getText()) };
  }
  if (Node.isArrayLiteralExpression(expr)) {
    const elements = expr.getElements();
    const spread = elements.find((e) => Node.isSpreadElement(e));
    if (spread) return { kind: 'unreadable', text: expr.getText(), why: `the array spreads ${code(spread.getText())}` };
    return { kind: 'array', items: elements.map(readValue) };
  }
  if (Node.isObjectLiteralExpression(expr)) return readObject(expr);
  if (Node.isIdentifier(expr) || Node.isPropertyAccessExpression(expr)) {
    const constant = Node.isIdentifier(expr) ? constInitializer(expr) : undefined;
    if (constant) return constant;
    const path = referencePath(expr);
    if (path) return { kind: 'ref', path, text: expr.getText() };
  }
  if (Node.isCallExpression(expr) && Node.isIdentifier(expr.getExpression())) {
    return { kind: 'call', callee: expr.getExpression().getText(), args: expr.getArguments().map(readValue), text: expr.getText() };
  }
  if (Node.isArrowFunction(expr) || Node.isFunctionExpression(expr)) return { kind: 'unreadable', text: expr.getText(), why: `the callback ${code(expr.getText())} is not read` };
  if (Node.isTemplateExpression(expr) || Node.isTaggedTemplateExpression(expr)) return { kind: 'unreadable', text: expr.getText(), why: `${code(expr.getText())} is built at run time` };
  return { kind: 'placeholder', name: expr.getText() };
}

function readObject(expr: import('ts-morph').ObjectLiteralExpression): ChainValue {
  const entries: Array<[string, ChainValue]> = [];
  for (const property of expr.getProperties()) {
    if (Node.isPropertyAssignment(property)) {
      const name = property.getNameNode();
      if (Node.isComputedPropertyName(name)) return { kind: 'unreadable', text: expr.getText(), why: `the key ${code(name.getText())} is computed at run time` };
      entries.push([Node.isStringLiteral(name) || Node.isNumericLiteral(name) ? String(name.getLiteralValue()) : name.getText(), readValue(property.getInitializer()!)]);
    } else if (Node.isShorthandPropertyAssignment(property)) {
      entries.push([property.getName(), { kind: 'ref', path: [property.getName()], text: property.getName() }]);
    } else {
      return { kind: 'unreadable', text: expr.getText(), why: `${code(property.getText())} in the object is not read` };
    }
  }
  return { kind: 'object', entries };
}

/** `const TABLE = 'orders'` (or an imported one): its literal value. */
function constInitializer(identifier: Node): ChainValue | undefined {
  const declaration = valueDeclarationOf(identifier);
  if (!declaration || !Node.isVariableDeclaration(declaration)) return undefined;
  if (declaration.getVariableStatement()?.getDeclarationKind() !== VariableDeclarationKind.Const) return undefined;
  const init = declaration.getInitializer();
  if (!init) return undefined;
  const inner = unwrap(init);
  if (Node.isStringLiteral(inner) || Node.isNoSubstitutionTemplateLiteral(inner) || Node.isNumericLiteral(inner)) return { kind: 'constant', value: inner.getLiteralValue() };
  return undefined;
}

function referencePath(expr: Node): string[] | undefined {
  if (Node.isIdentifier(expr)) return [expr.getText()];
  if (Node.isPropertyAccessExpression(expr)) {
    const head = referencePath(unwrap(expr.getExpression()));
    return head && [...head, expr.getName()];
  }
  return undefined;
}

function short(text: string): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > 40 ? `${line.slice(0, 37)}…` : line;
}

/** Code in backticks for a notice (markdown): double backticks around code that has one. */
export function code(text: string): string {
  const one = short(text);
  return one.includes('`') ? `\`\` ${one} \`\`` : `\`${one}\``;
}

/** The chain's steps without the calls that only run it (`.execute()`, `.then()`). */
export function withoutTerminals(chain: BuilderChain, terminals: ReadonlySet<string>): ChainStep[] {
  const steps = [...chain.steps];
  while (steps.length && terminals.has(steps[steps.length - 1].name)) steps.pop();
  return steps;
}

/** Why `orm`'s replay cannot rebuild these steps (a method it does not know, a property read, an unreadable argument), if it cannot. */
export function unreplayable(steps: ChainStep[], methods: ReadonlySet<string>, orm: string, rootArgs: ChainValue[] = []): string | undefined {
  const unknown = steps.find((s) => !methods.has(s.name) || s.args === undefined);
  if (unknown) return `\`.${unknown.name}\` is not a ${orm} method Plumbline replays`;
  return firstUnreadable([...rootArgs, ...steps.flatMap((s) => s.args ?? [])]);
}

/** The first unreadable piece anywhere in the values, for the notice. */
export function firstUnreadable(values: ChainValue[]): string | undefined {
  for (const v of values) {
    if (v.kind === 'unreadable') return v.why;
    const inner = v.kind === 'array' ? v.items : v.kind === 'object' ? v.entries.map((e) => e[1]) : v.kind === 'call' ? v.args : [];
    const found = firstUnreadable(inner);
    if (found) return found;
  }
  return undefined;
}

/**
 * `const q = knex('orders').where(…); if (x) q.where(…)`: the statement sent depends on a branch, so the
 * chain read at its declaration is not what runs.
 */
export function extendedLater(chain: BuilderChain, methods: Set<string>): string | undefined {
  let holder: Node | undefined = chain.node.getParent();
  while (holder && Node.isAwaitExpression(holder)) holder = holder.getParent();
  if (!holder || !Node.isVariableDeclaration(holder) || !Node.isIdentifier(holder.getNameNode())) return undefined;
  const name = holder.getName();
  const scope = holder.getFirstAncestor((a) => Node.isBlock(a) || Node.isSourceFile(a)) ?? holder.getSourceFile();
  for (const id of scope.getDescendantsOfKind(SyntaxKind.Identifier)) {
    if (id.getText() !== name || id.getStart() < holder.getEnd()) continue;
    const access = id.getParent();
    if (Node.isPropertyAccessExpression(access) && access.getExpression() === id && methods.has(access.getName())) {
      return `\`${name}\` is extended later (\`${name}.${access.getName()}(…)\` at line ${id.getStartLineNumber()}), so the statement depends on the path taken`;
    }
  }
  return undefined;
}
