import { Node, type Decorator, type ParameterDeclaration } from 'ts-morph';
import { isRequestObject } from '../../analysis/request-input.js';
import type { Catalog } from '../../core/catalog.js';
import { declarationOfValue, unwrap } from './logged-values.js';
import type { RequestPart } from './vocabulary.js';

/**
 * Is this expression an HTTP request or one of its parts that carries secrets or personal data by
 * nature (`req`, `req.headers`, `req.body`, `req.cookies`, `request.user`, a `@Body()` DTO, GraphQL
 * `@Args()`)? The request object itself is recognised by src/analysis/request-input.ts (by type, by
 * decorator, by name when types are missing); the parts come from the catalog `request-parts`.
 */
export function requestPartOf(node: Node, parts: readonly RequestPart[], catalog: Catalog): RequestPart | undefined {
  const expr = unwrap(node);
  // `process.env` logged whole: not a request, but a part of the process that holds secrets by nature.
  const text = expr.getText();
  const held = parts.find((p) => p.expressions.includes(text));
  if (held) return held;
  if (Node.isIdentifier(expr)) {
    const byDecorator = decoratedPart(declarationOfValue(expr), parts);
    if (byDecorator) return byDecorator;
  }
  if (isRequestObject(expr, catalog)) return parts.find((p) => p.properties.length === 0 && p.decorators.length === 0 && p.expressions.length === 0);
  // `req.headers`, `ctx.request.body`: a catalogued property path on a request object.
  const segments: string[] = [];
  let base = expr;
  while (Node.isPropertyAccessExpression(base) && segments.length < 3) {
    segments.unshift(base.getName());
    base = unwrap(base.getExpression());
    if (isRequestObject(base, catalog)) {
      const path = segments.join('.');
      return parts.find((p) => p.properties.includes(path));
    }
  }
  return undefined;
}

/** `@Body() dto`, `@Args('input') input`, `@Headers() headers` handler parameters, GraphQL resolver `args`. */
function decoratedPart(declaration: Node | undefined, parts: readonly RequestPart[]): RequestPart | undefined {
  if (!declaration || !Node.isParameterDeclaration(declaration)) return undefined;
  const names = declaration.getDecorators().map((d) => d.getName());
  const root = resolverRoot(declaration);
  return parts.find((p) => p.decorators.some((d) => names.includes(d)) || (root !== undefined && p.resolverRoots.includes(root)));
}

/** For `args` in `Mutation: { signUp: (parent, args) => … }` the root key, "Mutation". */
function resolverRoot(parameter: ParameterDeclaration): string | undefined {
  const fn = parameter.getParent();
  if (!(Node.isArrowFunction(fn) || Node.isFunctionExpression(fn) || Node.isMethodDeclaration(fn)) || fn.getParameters()[1] !== parameter) return undefined;
  const resolver = Node.isMethodDeclaration(fn) ? fn : fn.getParent();
  const map = resolver?.getParent();
  const root = map?.getParent();
  if (!resolver || !(Node.isPropertyAssignment(resolver) || Node.isMethodDeclaration(resolver)) || !Node.isObjectLiteralExpression(map)) return undefined;
  return root && Node.isPropertyAssignment(root) ? root.getName() : undefined;
}

/** The field a parameter decorator picks, as a name to match: `@Headers('authorization') auth` → authorization. */
export function decoratedFieldName(node: Node): string | undefined {
  const declaration = declarationOfValue(unwrap(node));
  if (!declaration || !Node.isParameterDeclaration(declaration)) return undefined;
  for (const decorator of declaration.getDecorators()) {
    const field = decoratorField(decorator);
    if (field !== undefined) return field;
  }
  return undefined;
}

function decoratorField(decorator: Decorator): string | undefined {
  const [first] = decorator.getArguments();
  return first && (Node.isStringLiteral(first) || Node.isNoSubstitutionTemplateLiteral(first)) ? first.getLiteralValue() : undefined;
}
