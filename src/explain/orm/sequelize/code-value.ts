import { Node, SyntaxKind } from 'ts-morph';
import { Op } from 'sequelize';
import { skipOuterExpressions } from '../../../analysis/outer-expressions.js';
import { readValue } from '../builder-chain.js';
import { short, untranslatable } from '../sql-values.js';

/**
 * A piece of Sequelize code read as data, never evaluated: literals, object and array literals (with
 * `[Op.gt]` keys as Sequelize's own `Op` symbols), `DataTypes.STRING(64)`, and references to anything else
 * (a model, or a value the code computes) kept with their syntax node for the caller to decide.
 */
export class TypeRef {
  constructor(readonly name: string, readonly args: Array<string | number>) {}
}

export class CodeRef {
  constructor(readonly node: Node, readonly path: string[] | undefined) {}
  get text(): string {
    return this.node.getText();
  }
}

export type CodeValue = string | number | boolean | null | undefined | TypeRef | CodeRef | CodeValue[] | { [key: string | symbol]: CodeValue };

const OPS = Op as unknown as Record<string, symbol>;
const TYPE_HOLDERS = new Set(['DataTypes', 'DataType', 'Sequelize', 'sequelize']);
const RAW_HELPERS = new Set(['literal', 'fn', 'col', 'where', 'cast', 'json']);

export function readCode(node: Node, what: string): CodeValue {
  const expr = skipOuterExpressions(node);
  const constant = readValue(expr);
  if (constant.kind === 'constant') return constant.value;
  if (Node.isIdentifier(expr) && expr.getText() === 'undefined') return undefined;
  if (Node.isArrayLiteralExpression(expr)) {
    return expr.getElements().map((element) => {
      if (Node.isSpreadElement(element)) untranslatable(`${what} spreads \`${short(element.getText())}\``);
      return readCode(element, what);
    });
  }
  if (Node.isObjectLiteralExpression(expr)) return readObject(expr, what);
  const type = dataType(expr);
  if (type) return type;
  if (Node.isCallExpression(expr)) {
    const callee = expr.getExpression();
    if (Node.isPropertyAccessExpression(callee) && RAW_HELPERS.has(callee.getName()) && /sequelize/i.test(callee.getExpression().getText())) {
      untranslatable(`${what} holds the raw fragment \`${short(expr.getText())}\``);
    }
  }
  if (Node.isArrowFunction(expr) || Node.isFunctionExpression(expr)) untranslatable(`${what} holds the function \`${short(expr.getText())}\``);
  return new CodeRef(expr, referencePath(expr));
}

function readObject(expr: import('ts-morph').ObjectLiteralExpression, what: string): { [key: string | symbol]: CodeValue } {
  const out: { [key: string | symbol]: CodeValue } = {};
  for (const property of expr.getProperties()) {
    if (Node.isShorthandPropertyAssignment(property)) {
      out[property.getName()] = readCode(property.getNameNode(), what);
      continue;
    }
    if (!Node.isPropertyAssignment(property)) untranslatable(`${what} is built at run time (\`${short(property.getText())}\`)`);
    const nameNode = property.getNameNode();
    let key: string | symbol;
    if (Node.isComputedPropertyName(nameNode)) {
      const op = operator(nameNode.getExpression());
      if (!op) untranslatable(`${what} has the computed key \`${short(nameNode.getText())}\``);
      key = op;
    } else {
      key = Node.isStringLiteral(nameNode) || Node.isNumericLiteral(nameNode) ? String(nameNode.getLiteralValue()) : nameNode.getText();
    }
    out[key] = readCode(property.getInitializerOrThrow(), what);
  }
  return out;
}

/** `Op.gt`, `Sequelize.Op.gt`, `[Op.gt]` as the `Op` symbol. */
function operator(node: Node): symbol | undefined {
  const expr = skipOuterExpressions(node);
  if (!Node.isPropertyAccessExpression(expr)) return undefined;
  const holder = expr.getExpression().getText();
  if (holder !== 'Op' && !/\.Op$/.test(holder)) return undefined;
  return OPS[expr.getName()];
}

/** `DataTypes.STRING`, `DataType.DECIMAL(10, 2)`, `Sequelize.DATE`, `Sequelize.DataTypes.TEXT`. */
function dataType(expr: Node): TypeRef | undefined {
  const call = Node.isCallExpression(expr) ? expr : undefined;
  const target = call ? skipOuterExpressions(call.getExpression()) : expr;
  if (!Node.isPropertyAccessExpression(target)) return undefined;
  const name = target.getName();
  const holder = target.getExpression();
  const holderName = Node.isPropertyAccessExpression(holder) ? holder.getName() : holder.getText();
  if (!/^[A-Z][A-Z0-9_]*$/.test(name) || !TYPE_HOLDERS.has(holderName)) return undefined;
  const args = (call?.getArguments() ?? []).map((a) => readValue(a)).map((v) => (v.kind === 'constant' && (typeof v.value === 'string' || typeof v.value === 'number') ? v.value : undefined));
  if (args.some((a) => a === undefined)) untranslatable(`the type \`${short(expr.getText())}\` has arguments computed at run time`);
  return new TypeRef(name, args as Array<string | number>);
}

function referencePath(expr: Node): string[] | undefined {
  if (Node.isIdentifier(expr)) return [expr.getText()];
  if (expr.getKind() === SyntaxKind.ThisKeyword) return ['this'];
  if (Node.isPropertyAccessExpression(expr)) {
    const head = referencePath(skipOuterExpressions(expr.getExpression()));
    return head && [...head, expr.getName()];
  }
  return undefined;
}

export function isPlainObject(value: CodeValue): value is { [key: string | symbol]: CodeValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof TypeRef) && !(value instanceof CodeRef);
}
