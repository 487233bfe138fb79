import { Node, SyntaxKind, ts, type CallExpression, type ParameterDeclaration, type Project, type PropertyAccessExpression } from 'ts-morph';
import { matchesName } from './call-matcher.js';
import { matchSqlSink, type SinkMatch, type SqlSink } from './sql-sinks.js';
import { skipOuterExpressions, valueDeclarationOf } from './request-input.js';
import { calledFunction } from './value-origin-calls.js';

export interface WrapperSink {
  /** The sink inside the wrapper. */
  inner: SinkMatch<SqlSink>;
  /** The sink as seen from the call: the wrapper's parameter index holds the SQL text. */
  pattern: SqlSink;
  /** `db.run`, as written at the call. */
  callee: string;
}

const cache = new WeakMap<Node, { inner: SinkMatch<SqlSink>; index: number } | null>();

/**
 * A project function that hands one of its parameters to a raw-query sink as the whole SQL text
 * (`function run(sql: string, values: unknown[]) { return pool.query(sql, values); }`) is a sink itself:
 * the string is built by its callers, so that is where it is checked.
 */
export function wrapperSink(call: CallExpression, sinks: readonly SqlSink[]): WrapperSink | undefined {
  if (call.getArguments().length === 0) return undefined;
  const expression = call.getExpression();
  const name = Node.isPropertyAccessExpression(expression) ? expression.getName() : expression.getText();
  if (!wrapperNames(call.getProject(), sinks).has(name)) return undefined;
  const fn = calledFunction(call);
  if (!fn) return undefined;
  let found = cache.get(fn);
  if (found === undefined) {
    found = innerSink(fn, sinks) ?? null;
    cache.set(fn, found);
  }
  if (!found) return undefined;
  const callee = call.getExpression().getText().replace(/^this\./, '');
  return { inner: found.inner, pattern: { ...found.inner.pattern, sqlArgument: found.index, valuesArgument: undefined, sqlProperty: undefined }, callee };
}

const namesCache = new WeakMap<Project, WeakMap<readonly SqlSink[], Set<string>>>();

/**
 * Names of the project's functions that may be wrappers, found without the type checker: a function
 * containing a call named like a sink whose first arguments include one of its parameters as it is.
 * Resolving every call's callee would cost seconds on a large repository; this keeps it to the few candidates.
 */
function wrapperNames(project: Project, sinks: readonly SqlSink[]): Set<string> {
  const byProject = namesCache.get(project) ?? new WeakMap<readonly SqlSink[], Set<string>>();
  namesCache.set(project, byProject);
  let names = byProject.get(sinks);
  if (names) return names;
  names = new Set();
  const methods = sinks.flatMap((s) => [...s.methods, ...s.functions]);
  for (const file of project.getSourceFiles()) {
    if (file.isDeclarationFile() || file.isInNodeModules()) continue;
    addWrapperNames(file.compilerNode, methods, names);
  }
  byProject.set(sinks, names);
  return names;
}

/**
 * The scan of `wrapperNames` over one file, on the compiler's nodes: it visits every call of every
 * project file, and ts-morph would wrap (and keep) a node object for each.
 */
function addWrapperNames(sourceFile: ts.SourceFile, methods: readonly string[], names: Set<string>): void {
  const text = (node: ts.Node) => node.getText(sourceFile);
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const name = ts.isPropertyAccessExpression(callee) ? text(callee.name) : text(callee);
      const fn = matchesName(name, methods) ? (ts.findAncestor(node.parent, isFunctionLike) as FunctionNode | undefined) : undefined;
      if (fn) {
        const parameterNames = new Set(fn.parameters.map((p) => text(p.name)));
        if (node.arguments.some((a) => ts.isIdentifier(a) && parameterNames.has(text(a)))) {
          const holder = fn.parent;
          const named = ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn) ? fn.name : ts.isVariableDeclaration(holder) || ts.isPropertyDeclaration(holder) || ts.isPropertyAssignment(holder) ? holder.name : undefined;
          if (named) names.add(text(named));
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
}

type FunctionNode = ts.FunctionDeclaration | ts.MethodDeclaration | ts.ArrowFunction | ts.FunctionExpression;

function isFunctionLike(node: ts.Node): boolean {
  return ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node);
}

function innerSink(fn: Node, sinks: readonly SqlSink[]): { inner: SinkMatch<SqlSink>; index: number } | undefined {
  const parameters = Node.isFunctionLikeDeclaration(fn) || Node.isArrowFunction(fn) ? fn.getParameters() : [];
  for (const call of fn.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const inner = matchSqlSink(call, sinks);
    const argument = inner && call.getArguments()[inner.pattern.sqlArgument];
    const parameter = argument && wholeParameter(argument);
    const index = parameter ? parameters.indexOf(parameter) : -1;
    if (inner && index >= 0) return { inner, index };
  }
  return undefined;
}

/** The parameter an argument is, when it is a parameter as it is (`sql`, not `sql + ' LIMIT 1'`). */
export function wholeParameter(argument: Node, depth = 0): ParameterDeclaration | undefined {
  let expr = skipOuterExpressions(argument);
  // `sql.replace(/{{(\w+)}}/g, …)`, `sql.trim()`, `sql.valueOf()`: the same text, placeholders rewritten at most.
  while (Node.isCallExpression(expr) && Node.isPropertyAccessExpression(expr.getExpression()) && TEXT_PRESERVING.has((expr.getExpression() as PropertyAccessExpression).getName())) {
    expr = skipOuterExpressions((expr.getExpression() as PropertyAccessExpression).getExpression());
  }
  const declaration = Node.isIdentifier(expr) ? valueDeclarationOf(expr) : undefined;
  if (declaration && Node.isParameterDeclaration(declaration)) return declaration;
  // `const query = sql.replaceAll(…)`: a `const` alias of the parameter is the parameter.
  if (depth < 4 && declaration && Node.isVariableDeclaration(declaration) && declaration.getVariableStatement()?.getDeclarationKind() === 'const') {
    const init = declaration.getInitializer();
    return init ? wholeParameter(init, depth + 1) : undefined;
  }
  return undefined;
}

/** Methods whose result is the receiver's text (placeholders rewritten at most): a wrapper still passes its parameter. */
const TEXT_PRESERVING = new Set(['replace', 'replaceAll', 'trim', 'trimStart', 'trimEnd', 'valueOf', 'toString', 'normalize']);
