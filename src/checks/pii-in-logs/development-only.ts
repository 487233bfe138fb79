import { Node, SyntaxKind } from 'ts-morph';
import { skipOuterExpressions } from '../../analysis/outer-expressions.js';

/** The words that mark a development-only branch (catalog `development-conditions`, rules/sensitive-data.yml). */
export interface DevelopmentConditions {
  /** Flags true only in development: `isDevelopment`, `env.isDev`. */
  flags: Set<string>;
  /** Flags true only in production, negated: `!isProduction`. */
  productionFlags: Set<string>;
  /** Values of `NODE_ENV`-like comparisons: `NODE_ENV === 'development'`. */
  environments: Set<string>;
}

/**
 * Is this log call reached only in development: inside `if (env.isDevelopment) { … }`,
 * `if (process.env.NODE_ENV === 'development')`, `if (!isProduction)`, or after such a guard's `else`
 * returns? A development machine's console is the developer's own (printing a sign-in link there is the
 * local login flow); production never runs the line.
 */
export function inDevelopmentOnly(call: Node, conditions: DevelopmentConditions): boolean {
  let child: Node = call;
  for (let parent = call.getParent(); parent; child = parent, parent = parent.getParent()) {
    if (Node.isIfStatement(parent) && child === parent.getThenStatement() && isDevelopment(parent.getExpression(), conditions)) return true;
    if (Node.isConditionalExpression(parent) && child === parent.getWhenTrue() && isDevelopment(parent.getCondition(), conditions)) return true;
    if (Node.isBinaryExpression(parent) && child === parent.getRight() && parent.getOperatorToken().getKind() === SyntaxKind.AmpersandAmpersandToken && isDevelopment(parent.getLeft(), conditions)) return true;
    if (Node.isFunctionDeclaration(parent) || Node.isMethodDeclaration(parent) || Node.isSourceFile(parent)) return false;
  }
  return false;
}

function isDevelopment(node: Node, conditions: DevelopmentConditions, negated = false): boolean {
  const expr = skipOuterExpressions(node);
  if (Node.isPrefixUnaryExpression(expr) && expr.getOperatorToken() === SyntaxKind.ExclamationToken) return isDevelopment(expr.getOperand(), conditions, !negated);
  if (Node.isBinaryExpression(expr)) {
    const op = expr.getOperatorToken().getKind();
    if (op === SyntaxKind.AmpersandAmpersandToken && !negated) return isDevelopment(expr.getLeft(), conditions) || isDevelopment(expr.getRight(), conditions);
    const equal = op === SyntaxKind.EqualsEqualsEqualsToken || op === SyntaxKind.EqualsEqualsToken;
    const unequal = op === SyntaxKind.ExclamationEqualsEqualsToken || op === SyntaxKind.ExclamationEqualsToken;
    if (!equal && !unequal) return false;
    const literal = [expr.getLeft(), expr.getRight()].map(skipOuterExpressions).find((n) => Node.isStringLiteral(n) || Node.isNoSubstitutionTemplateLiteral(n));
    const value = literal && (Node.isStringLiteral(literal) || Node.isNoSubstitutionTemplateLiteral(literal)) ? literal.getLiteralValue() : undefined;
    if (value === undefined) return false;
    // `NODE_ENV === 'development'`, or `NODE_ENV !== 'production'`.
    return equal !== negated ? conditions.environments.has(value) : value === 'production';
  }
  const name = Node.isPropertyAccessExpression(expr) ? expr.getName() : Node.isIdentifier(expr) ? expr.getText() : undefined;
  if (name === undefined) return false;
  return negated ? conditions.productionFlags.has(name) : conditions.flags.has(name);
}
