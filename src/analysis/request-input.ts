import { Node, type ParameterDeclaration } from 'ts-morph';
import { z } from 'zod';
import { catalogSection, type Catalog } from '../core/catalog.js';
import { stripThis } from './call-matcher.js';
import { typeInfo } from './type-info.js';
import { skipOuterExpressions } from './outer-expressions.js';
import { perCatalog } from './per-catalog.js';
import { accessPath } from './access-path.js';

export { skipOuterExpressions };

/**
 * Where a value comes from an HTTP request: `req.query.q` (Express/Fastify), `ctx.request.body`
 * (Koa), a NestJS `@Body()`/`@Query()` parameter, a GraphQL `@Args()` parameter — directly or through
 * the parameters of functions a handler calls (one or two call levels, same project).
 * The vocabulary is the catalog section `request-inputs` (rules/sql-sinks.yml).
 */
export const requestSourceSchema = z
  .object({
    id: z.string().describe('Stable id, e.g. "express.request".'),
    framework: z.string().describe('Framework name shown in messages.'),
    modules: z.array(z.string()).default([]).describe('npm packages that declare the request type.'),
    types: z.array(z.string()).default([]).describe('Request object type names, e.g. Request, FastifyRequest.'),
    receivers: z
      .array(z.string())
      .default([])
      .describe('Request object names used when types are missing (exact, case-insensitive, without `this.`), e.g. req, ctx.request.'),
    properties: z.array(z.string()).default([]).describe('Dotted property paths on the request object that hold client input, e.g. query, request.body.'),
    methods: z.array(z.string()).default([]).describe('Methods of the request object that return client input, e.g. get, header.'),
    decorators: z.array(z.string()).default([]).describe('Parameter decorators whose parameter is client input, e.g. Body, Query, Args.'),
    requestDecorators: z.array(z.string()).default([]).describe('Parameter decorators whose parameter is the request object, e.g. Req.'),
  })
  .strict();

export type RequestSource = z.infer<typeof requestSourceSchema>;

/** One hop a value takes on its way to where it is used (a variable, an assignment, a call). */
export interface OriginStep {
  node: Node;
  message: string;
}

export interface RequestInput {
  /** The expression (or decorated parameter) that holds the request input. */
  node: Node;
  /** Source text of that expression, e.g. `req.query.q`. */
  text: string;
  /** "`req.query.q` (request input)". */
  description: string;
  framework: string;
  /** Call sites and variables between the request input and the expression asked about, outermost last. */
  steps: OriginStep[];
}

export const requestSources: (catalog: Catalog) => RequestSource[] = perCatalog((catalog) =>
  catalogSection(catalog, 'request-inputs', (entry) => requestSourceSchema.parse(entry)),
);


/**
 * Is this expression request input by itself (no variables followed)? `req.query.q`, `req.body`,
 * `ctx.request.body.name`, `req.get('x')`, an identifier naming a `@Body()` parameter or a property of one.
 */
export function directRequestInput(node: Node, catalog: Catalog): RequestInput | undefined {
  const expr = skipOuterExpressions(node);
  const sources = requestSources(catalog);
  const input = (framework: string): RequestInput => {
    const text = compact(expr.getText());
    return { node: expr, text, description: `\`${text}\` (request input)`, framework, steps: [] };
  };
  // A call like req.get('x') / ctx.cookies.get('x').
  if (Node.isCallExpression(expr)) {
    const callee = expr.getExpression();
    if (Node.isPropertyAccessExpression(callee)) {
      const path = accessPath(callee.getExpression());
      for (const { base, segments } of path) {
        const source = requestObjectSource(base, sources);
        const member = [...segments, callee.getName()].join('.');
        if (source?.methods.includes(member)) return input(source.framework);
      }
    }
    return undefined;
  }
  for (const { base, segments } of accessPath(expr)) {
    // `@Body() dto` and `dto.name` alike.
    const decorated = Node.isIdentifier(base) ? decoratedInputParameter(base, sources) : undefined;
    if (decorated) return input(decorated);
    if (segments.length === 0) continue;
    const source = requestObjectSource(base, sources);
    if (source && source.properties.some((p) => startsWith(segments, p.split('.')))) return input(source.framework);
  }
  return undefined;
}

/**
 * Request input, following `const`/`let` initialisers, destructuring and — up to `depth` call levels —
 * the arguments that callers in the project pass for a parameter.
 */
export function requestInputSource(node: Node, catalog: Catalog, depth = 2): RequestInput | undefined {
  return followRequestInput(node, catalog, depth, new Set());
}

function followRequestInput(node: Node, catalog: Catalog, depth: number, seen: Set<Node>): RequestInput | undefined {
  const direct = directRequestInput(node, catalog);
  if (direct) return direct;
  const expr = skipOuterExpressions(node);
  if (!Node.isIdentifier(expr) || seen.has(expr)) return undefined;
  seen.add(expr);
  const declaration = valueDeclarationOf(expr);
  if (!declaration) return undefined;
  if (Node.isVariableDeclaration(declaration)) {
    const init = declaration.getInitializer();
    const found = init && followRequestInput(init, catalog, depth, seen);
    return found && withStep(found, { node: declaration, message: `\`${declaration.getName()}\` is assigned here` });
  }
  if (Node.isBindingElement(declaration)) {
    const holder = bindingSource(declaration);
    const found = holder && followRequestInput(holder, catalog, depth, seen);
    if (!found) return undefined;
    const text = `${found.text}.${declaration.getPropertyNameNode()?.getText() ?? declaration.getName()}`;
    return { ...found, text, description: `\`${text}\` (request input)`, steps: [...found.steps, { node: declaration, message: `\`${declaration.getName()}\` is taken from \`${found.text}\` here` }] };
  }
  if (Node.isParameterDeclaration(declaration) && depth > 0) {
    for (const { argument, call } of parameterArguments(declaration)) {
      const found = followRequestInput(argument, catalog, depth - 1, seen);
      if (found) return withStep(found, { node: call, message: `\`${found.text}\` is passed as \`${declaration.getName()}\` here` });
    }
  }
  return undefined;
}

/** Is this expression a request object (`req`, `ctx`, `request`) of a catalogued framework? */
export function isRequestObject(node: Node, catalog: Catalog): boolean {
  return requestObjectSource(skipOuterExpressions(node), requestSources(catalog)) !== undefined;
}

/** The framework whose decorator marks this parameter as client input (`@Body() dto`), if any. */
export function requestInputParameter(parameter: ParameterDeclaration, catalog: Catalog): string | undefined {
  const names = parameter.getDecorators().map((d) => d.getName());
  return requestSources(catalog).find((s) => s.decorators.some((d) => names.includes(d)))?.framework;
}

/**
 * The arguments callers in the project pass for this parameter: `this.reports.search(q)` for
 * `search(term)`. Only named functions, methods and functions assigned to a `const` have callers we can find.
 */
export function parameterArguments(parameter: ParameterDeclaration): Array<{ argument: Node; call: Node }> {
  const fn = parameter.getParent();
  if (parameter.isRestParameter()) return [];
  let nameNode: Node | undefined;
  if (Node.isFunctionDeclaration(fn) || Node.isMethodDeclaration(fn)) nameNode = fn.getNameNode();
  else if (Node.isArrowFunction(fn) || Node.isFunctionExpression(fn)) {
    const holder = fn.getParent();
    if (Node.isVariableDeclaration(holder)) nameNode = holder.getNameNode();
  }
  if (!nameNode || !Node.isIdentifier(nameNode) || !('getParameters' in fn)) return [];
  const index = (fn.getParameters() as Node[]).indexOf(parameter);
  const cached = argumentCache.get(parameter);
  if (cached) return cached;
  const result: Array<{ argument: Node; call: Node }> = [];
  for (const reference of nameNode.findReferencesAsNodes()) {
    if (reference.getSourceFile().isInNodeModules() || reference.getSourceFile().isDeclarationFile()) continue;
    const callee = Node.isPropertyAccessExpression(reference.getParent()) ? reference.getParent()! : reference;
    const call = callee.getParent();
    if (!Node.isCallExpression(call) || call.getExpression() !== callee) continue;
    const argument = call.getArguments()[index];
    if (argument) result.push({ argument, call });
  }
  argumentCache.set(parameter, result);
  return result;
}

const argumentCache = new WeakMap<ParameterDeclaration, Array<{ argument: Node; call: Node }>>();

/** The declaration a value identifier refers to, through imports. */
export function valueDeclarationOf(identifier: Node): Node | undefined {
  const symbol = identifier.getSymbol();
  if (!symbol) return undefined;
  const target = symbol.isAlias() ? symbol.getAliasedSymbol() ?? symbol : symbol;
  return target.getValueDeclaration() ?? target.getDeclarations()[0];
}

/** For `const { q } = req.query` the expression `req.query`; for a nested pattern, the property chain. */
export function bindingSource(element: import('ts-morph').BindingElement): Node | undefined {
  const pattern = element.getParent();
  const holder = pattern.getParent();
  if (Node.isVariableDeclaration(holder)) return holder.getInitializer();
  if (Node.isParameterDeclaration(holder)) return holder.getNameNode();
  if (Node.isBindingElement(holder)) return holder.getNameNode();
  return undefined;
}

function requestObjectSource(node: Node, sources: RequestSource[]): RequestSource | undefined {
  const expr = skipOuterExpressions(node);
  if (Node.isIdentifier(expr)) {
    const declaration = valueDeclarationOf(expr);
    if (declaration && Node.isParameterDeclaration(declaration)) {
      const names = declaration.getDecorators().map((d) => d.getName());
      const byDecorator = sources.find((s) => s.requestDecorators.some((d) => names.includes(d)));
      if (byDecorator) return byDecorator;
    }
  }
  const info = typeInfo(expr.getType());
  if (info.resolved) {
    return sources.find(
      (s) =>
        s.types.some((t) => info.names.includes(t)) &&
        (s.modules.length === 0 || info.modules.some((m) => s.modules.includes(m))),
    );
  }
  const text = stripThis(expr.getText()).toLowerCase();
  return sources.find((s) => s.receivers.some((r) => r.toLowerCase() === text));
}

function decoratedInputParameter(identifier: Node, sources: RequestSource[]): string | undefined {
  const declaration = valueDeclarationOf(identifier);
  let parameter: Node | undefined = declaration;
  // `@Body() { name }: Dto` — the binding element's parameter carries the decorator.
  while (parameter && Node.isBindingElement(parameter)) parameter = parameter.getParent().getParent();
  if (!parameter || !Node.isParameterDeclaration(parameter)) return undefined;
  const names = parameter.getDecorators().map((d) => d.getName());
  return sources.find((s) => s.decorators.some((d) => names.includes(d)))?.framework;
}

function startsWith(segments: string[], prefix: string[]): boolean {
  return prefix.length <= segments.length && prefix.every((p, i) => segments[i] === p);
}

function withStep(found: RequestInput, step: OriginStep): RequestInput {
  return { ...found, steps: [...found.steps, step] };
}

function compact(text: string): string {
  return text.replace(/\s+/g, ' ');
}
