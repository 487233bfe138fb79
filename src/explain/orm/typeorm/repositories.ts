import { Node, type CallExpression } from 'ts-morph';
import { skipOuterExpressions } from '../../../analysis/outer-expressions.js';

/**
 * The entity class a repository expression stands for, read from the code: `dataSource.getRepository(Order)`,
 * a variable or property typed `Repository<Order>`, a constructor parameter with `@InjectRepository(Order)`
 * (NestJS), or such a variable's initializer. Undefined when the expression is not a TypeORM repository.
 */
export function repositoryEntity(expression: Node): string | undefined {
  const node = skipOuterExpressions(expression);
  if (Node.isCallExpression(node)) return getRepositoryCall(node);
  if (Node.isIdentifier(node)) {
    for (const declaration of node.getSymbol()?.getDeclarations() ?? []) {
      const found = fromDeclaration(declaration);
      if (found) return found;
    }
    return undefined;
  }
  if (Node.isPropertyAccessExpression(node) && Node.isThisExpression(node.getExpression())) {
    const cls = node.getFirstAncestor((a) => Node.isClassDeclaration(a) || Node.isClassExpression(a));
    if (!cls || !(Node.isClassDeclaration(cls) || Node.isClassExpression(cls))) return undefined;
    const name = node.getName();
    const property = cls.getProperty(name);
    if (property) return fromDeclaration(property);
    for (const ctor of cls.getConstructors()) {
      const parameter = ctor.getParameter(name);
      if (parameter) return fromDeclaration(parameter);
    }
  }
  return undefined;
}

function fromDeclaration(declaration: Node): string | undefined {
  if (Node.isParameterDeclaration(declaration) || Node.isPropertyDeclaration(declaration)) {
    const inject = declaration.getDecorator('InjectRepository')?.getArguments()[0];
    if (inject && Node.isIdentifier(inject)) return inject.getText();
  }
  if (Node.isParameterDeclaration(declaration) || Node.isPropertyDeclaration(declaration) || Node.isVariableDeclaration(declaration)) {
    const type = declaration.getTypeNode();
    if (type && Node.isTypeReference(type) && /^(Repository|TreeRepository)$/.test(type.getTypeName().getText())) {
      const [argument] = type.getTypeArguments();
      if (argument && Node.isTypeReference(argument)) return argument.getTypeName().getText();
    }
    const initializer = declaration.getInitializer();
    if (initializer && Node.isCallExpression(skipOuterExpressions(initializer))) return getRepositoryCall(skipOuterExpressions(initializer) as CallExpression);
  }
  return undefined;
}

/** `x.getRepository(Order)` → `Order`. */
function getRepositoryCall(call: CallExpression): string | undefined {
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'getRepository') return undefined;
  const [argument] = call.getArguments();
  return argument && Node.isIdentifier(argument) ? argument.getText() : undefined;
}

/** A receiver that is an EntityManager (`manager`, `entityManager`, `dataSource.manager`, `this.em`, a parameter typed EntityManager). */
export function isEntityManager(expression: Node): boolean {
  const node = skipOuterExpressions(expression);
  const text = node.getText().replace(/^this\./, '');
  if (/(^|\.)(manager|entityManager|em)$/i.test(text)) return true;
  if (Node.isIdentifier(node)) {
    return (node.getSymbol()?.getDeclarations() ?? []).some((d) => (Node.isParameterDeclaration(d) || Node.isVariableDeclaration(d)) && d.getTypeNode()?.getText() === 'EntityManager');
  }
  return false;
}

/** A receiver that is a DataSource (`dataSource`, `this.dataSource`, `AppDataSource`, a value typed DataSource). */
export function isDataSource(expression: Node): boolean {
  const text = skipOuterExpressions(expression).getText().replace(/^this\./, '');
  return /(^|\.)\w*dataSource$/i.test(text) || /(^|\.)connection$/.test(text);
}
