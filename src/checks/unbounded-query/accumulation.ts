import { Node, SyntaxKind, type CallExpression, type SourceFile, type VariableDeclaration } from 'ts-morph';
import { isFunctionLike, unwrap } from '../../analysis/loops.js';

/** `rows.push(row)` where `rows` lives outside `scope` and nothing in `scope` empties it. */
export interface Accumulation {
  push: CallExpression;
  array: string;
}

/** Pushes, inside `scope`, onto an array declared outside it that the scope never drains. */
export function outerPushes(scope: Node): Accumulation[] {
  const result: Accumulation[] = [];
  for (const call of scope.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = call.getExpression();
    if (!Node.isPropertyAccessExpression(callee) || !['push', 'unshift', 'concat'].includes(callee.getName())) continue;
    const target = unwrap(callee.getExpression());
    if (!Node.isIdentifier(target)) continue;
    const declaration = target.getSymbol()?.getDeclarations()[0];
    if (!declaration || isInside(declaration, scope)) continue;
    if (drains(scope, target.getText())) continue;
    result.push({ push: call, array: target.getText() });
  }
  return result;
}

/** `rows.splice(0)`, `rows.length = 0`, `rows = []`, `if (rows.length >= 500) flush()`: the code batches. */
function drains(scope: Node, name: string): boolean {
  return scope.getDescendants().some((node) => {
    if (Node.isPropertyAccessExpression(node) && unwrap(node.getExpression()).getText() === name) {
      return ['splice', 'shift', 'pop', 'length', 'clear'].includes(node.getName());
    }
    if (Node.isBinaryExpression(node) && node.getOperatorToken().getKind() === SyntaxKind.EqualsToken) {
      return unwrap(node.getLeft()).getText() === name;
    }
    return false;
  });
}

function isInside(node: Node, scope: Node): boolean {
  return node.getPos() >= scope.getPos() && node.getEnd() <= scope.getEnd();
}

/** A module-level `Map`/`Set`/object/array that functions fill and nothing ever empties. */
export interface ModuleCache {
  declaration: VariableDeclaration;
  name: string;
  /** The first write inside a function (`cache.set(key, value)`). */
  write: Node;
}

export function moduleCaches(file: SourceFile, cacheNames: readonly string[]): ModuleCache[] {
  const result: ModuleCache[] = [];
  for (const statement of file.getVariableStatements()) {
    if (statement.isExported()) continue;
    for (const declaration of statement.getDeclarations()) {
      const kind = containerKind(declaration);
      if (!kind) continue;
      const name = declaration.getName();
      const uses = file
        .getDescendantsOfKind(SyntaxKind.Identifier)
        .filter((id) => id.getText() === name && id !== declaration.getNameNode() && id.getSymbol() === declaration.getSymbol());
      // Passed somewhere, returned or exported by name: what happens to it is out of sight.
      if (uses.some((id) => escapes(id))) continue;
      const members = uses.map((id) => memberUse(id));
      if (members.some((m) => m === 'remove')) continue;
      const write = uses.find((id, i) => members[i] === 'write' && insideFunction(id) && !constantKey(id));
      if (!write) continue;
      const named = cacheNames.some((n) => name.toLowerCase().includes(n.toLowerCase()));
      // A Map/Set read and written in the same function is a memo table; other containers need a cache name.
      const memo = kind === 'keyed' && uses.some((id, i) => members[i] === 'read' && enclosingFunction(id) === enclosingFunction(write));
      if (named || memo) result.push({ declaration, name, write: write.getParentOrThrow() });
    }
  }
  return result;
}

function containerKind(declaration: VariableDeclaration): 'keyed' | 'plain' | undefined {
  const init = declaration.getInitializer();
  const expr = init && unwrap(init);
  if (!expr) return undefined;
  if (Node.isNewExpression(expr)) {
    const name = expr.getExpression().getText();
    return name === 'Map' || name === 'Set' ? 'keyed' : undefined;
  }
  if (Node.isObjectLiteralExpression(expr) && expr.getProperties().length === 0) return 'plain';
  if (Node.isArrayLiteralExpression(expr) && expr.getElements().length === 0) return 'plain';
  return undefined;
}

function memberUse(id: Node): 'write' | 'read' | 'remove' | 'other' {
  const parent = id.getParentOrThrow();
  if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === id) {
    const member = parent.getName();
    if (['delete', 'clear', 'splice', 'shift', 'pop'].includes(member)) return 'remove';
    if (member === 'length' || member === 'size') return isSizeCheck(parent) ? 'remove' : 'other';
    if (['set', 'add', 'push'].includes(member)) return 'write';
    if (['get', 'has'].includes(member)) return 'read';
    return 'other';
  }
  if (Node.isElementAccessExpression(parent) && parent.getExpression() === id) {
    const grand = parent.getParent();
    if (Node.isDeleteExpression(grand)) return 'remove';
    if (Node.isBinaryExpression(grand) && grand.getLeft() === parent && grand.getOperatorToken().getKind() === SyntaxKind.EqualsToken) return 'write';
    return 'read';
  }
  if (Node.isBinaryExpression(parent) && parent.getLeft() === id) return 'remove';
  return 'other';
}

/** `cache.length > 100`, `if (cache.size >= MAX)`: the code bounds it somewhere. */
function isSizeCheck(node: Node): boolean {
  return Node.isBinaryExpression(node.getParent()) || Node.isBinaryExpression(node.getParent()?.getParent());
}

function escapes(id: Node): boolean {
  const parent = id.getParentOrThrow();
  return (
    (Node.isCallExpression(parent) && parent.getArguments().includes(id)) ||
    Node.isReturnStatement(parent) ||
    Node.isExportSpecifier(parent) ||
    Node.isShorthandPropertyAssignment(parent) ||
    (Node.isPropertyAssignment(parent) && parent.getInitializer() === id)
  );
}

/** `cache.set('config', value)`: one fixed key cannot grow. */
function constantKey(id: Node): boolean {
  const call = id.getParentOrThrow().getParent();
  if (!Node.isCallExpression(call)) {
    const access = id.getParentOrThrow();
    const arg = Node.isElementAccessExpression(access) ? access.getArgumentExpression() : undefined;
    return arg !== undefined && (Node.isStringLiteral(arg) || Node.isNumericLiteral(arg));
  }
  const key = call.getArguments()[0];
  return key !== undefined && (Node.isStringLiteral(key) || Node.isNumericLiteral(key) || Node.isNoSubstitutionTemplateLiteral(key));
}

function enclosingFunction(node: Node): Node | undefined {
  return node.getFirstAncestor((a) => isFunctionLike(a));
}

function insideFunction(node: Node): boolean {
  return enclosingFunction(node) !== undefined;
}
