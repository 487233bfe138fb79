import { Node, SyntaxKind } from 'ts-morph';
import { skipOuterExpressions } from '../../analysis/outer-expressions.js';

/**
 * SQL pieces the ORM translators share (src/explain/orm/typeorm, src/explain/orm/sequelize): quoting, and
 * a code value as SQL — a literal when the code holds a constant, else the next `$n` parameter named after
 * the code expression, so `explain` samples it from `pg_stats` exactly as for raw SQL.
 */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function quoteLiteral(value: string | number | boolean | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return `'${value.replace(/'/g, "''")}'`;
}

/** A constant written in the code (`'paid'`, `42`, `-1`, `true`, `null`, `` `x` ``), else undefined. */
export function constantOf(expression: Node): { value: string | number | boolean | null } | undefined {
  const node = skipOuterExpressions(expression);
  if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return { value: node.getLiteralValue() };
  if (Node.isNumericLiteral(node)) return { value: node.getLiteralValue() };
  if (node.getKind() === SyntaxKind.TrueKeyword) return { value: true };
  if (node.getKind() === SyntaxKind.FalseKeyword) return { value: false };
  if (node.getKind() === SyntaxKind.NullKeyword) return { value: null };
  if (Node.isPrefixUnaryExpression(node) && node.getOperatorToken() === SyntaxKind.MinusToken && Node.isNumericLiteral(node.getOperand())) {
    return { value: -Number(node.getOperand().getText()) };
  }
  return undefined;
}

/** The `$n` parameters of one statement, in order, each named after the code it stands for. */
export class SqlParameters {
  readonly names: string[] = [];

  /** `$n` for a run-time value (named after the code expression). */
  parameter(name: string): string {
    this.names.push(name.replace(/\s+/g, ' '));
    return `$${this.names.length}`;
  }

  /** A literal for a constant, else a parameter. */
  value(expression: Node): string {
    const constant = constantOf(expression);
    return constant ? quoteLiteral(constant.value) : this.parameter(expression.getText());
  }
}

/** Thrown inside a translator when a call cannot be translated with certainty; its message is the reason. */
export class Untranslatable extends Error {}

export function untranslatable(reason: string): never {
  throw new Untranslatable(reason);
}

/** The properties of an object literal by name; a spread or computed key makes the object untranslatable. */
export function objectProperties(node: Node, what: string): Map<string, Node> {
  const object = skipOuterExpressions(node);
  if (!Node.isObjectLiteralExpression(object)) untranslatable(`${what} is not an object literal (\`${short(node.getText())}\`)`);
  const properties = new Map<string, Node>();
  for (const property of object.getProperties()) {
    if (Node.isPropertyAssignment(property)) {
      const nameNode = property.getNameNode();
      if (Node.isComputedPropertyName(nameNode)) untranslatable(`${what} has a computed key (\`${short(nameNode.getText())}\`)`);
      const name = Node.isStringLiteral(nameNode) || Node.isNumericLiteral(nameNode) ? String(nameNode.getLiteralValue()) : nameNode.getText();
      properties.set(name, property.getInitializerOrThrow());
    } else if (Node.isShorthandPropertyAssignment(property)) {
      properties.set(property.getName(), property.getNameNode());
    } else {
      untranslatable(`${what} is built at run time (\`${short(property.getText())}\`)`);
    }
  }
  return properties;
}

export function short(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 57)}…` : flat;
}
