// Checklist item `maintainability.module-boundaries` (checklists/senior-backend.yml) — seed 000's architecture:
// data access stays in the module's repository, modules talk through events or declared facades, no cycles.
import { Node, SyntaxKind, type CallExpression, type ClassDeclaration, type ParameterDeclaration, type SourceFile } from 'ts-morph';
import { z } from 'zod';
import { callPatternSchema, matchCall, stripThis } from '../../analysis/call-matcher.js';
import { isNonProductionFile } from '../../analysis/file-roles.js';
import { isChainTop } from '../../analysis/function-summary.js';
import { catalogSection } from '../../core/catalog.js';
import { defineCheck, type CheckContext } from '../../core/check.js';
import { ModuleLayout, type ModulePlace } from './module-layout.js';
import { moduleBoundaryOptions, type ModuleBoundaryOptions } from './options.js';
import { descendantsOfKind } from '../../analysis/descendants.js';

// query-calls entries (rules/queries.yml) carry keys for n-plus-one; this check needs the pattern and the operation.
export const queryPattern = z.object({ ...callPatternSchema.shape, operation: z.string().default('read') });
type QueryPattern = z.infer<typeof queryPattern>;

export const moduleBoundary = defineCheck({
  id: 'module-boundary',
  meta: {
    title: 'Module boundaries',
    description: "Finds database calls outside the module's repository file, one module's service or repository injected into another module, and forwardRef() cycles between modules.",
    checklistItem: 'maintainability.module-boundaries',
    defaultSeverity: 'warning',
    messages: {
      databaseOutsideRepository: "`{{call}}` queries the database from `{{file}}`, outside the `{{module}}` module's repository ({{repository}}): queries spread over services are not found when the schema changes, cannot be reused or tested against a fake, and skip the repository's rules. Move it into a repository method and call that.",
      crossModuleInjection: "`{{owner}}` injects `{{injected}}` from the `{{other}}` module: `{{module}}` now depends on the other module's internals, and changes there break it. Emit an event the other module handles, or depend on a declared facade of `{{other}}`.",
      forwardRefCycle: '`{{call}}` in the `{{module}}` module papers over a dependency cycle: the two sides cannot be understood, tested or started alone, and the injected value is `undefined` until the cycle resolves. Break it: move the shared part into its own module, or replace one direction with an event.',
    },
    options: moduleBoundaryOptions,
  },
  run(context) {
    const layout = new ModuleLayout(context.root, context.options);
    const patterns = catalogSection(context.catalog, 'query-calls', queryPattern.parse).filter((p) => p.operation === 'read' || p.operation === 'write');
    const repositories = repositoriesByModule(context, layout);
    for (const file of context.files) {
      if (isNonProductionFile(file, context.root, context.catalog)) continue;
      const place = layout.placeOf(file);
      if (!place) continue;
      const repository = repositories.get(place.module);
      if (repository && !place.repository) checkQueries(file, place, repository, patterns, context);
      for (const cls of file.getClasses()) checkInjections(cls, place, layout, context);
      for (const call of descendantsOfKind(file, SyntaxKind.CallExpression)) {
        if (call.getExpression().getText() === 'forwardRef') {
          context.report({ node: call, messageId: 'forwardRefCycle', data: { call: compact(call.getText()), module: place.name } });
        }
      }
    }
  },
});

/** The repository file of each module the project holds (the convention is in use there). */
function repositoriesByModule(context: CheckContext<ModuleBoundaryOptions>, layout: ModuleLayout): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of context.project.getSourceFiles()) {
    if (file.isInNodeModules() || file.isDeclarationFile()) continue;
    const place = layout.placeOf(file);
    if (place?.repository && !found.has(place.module)) found.set(place.module, file.getBaseName());
  }
  return found;
}

function checkQueries(file: SourceFile, place: ModulePlace, repository: string, patterns: readonly QueryPattern[], context: CheckContext<ModuleBoundaryOptions>): void {
  for (const call of descendantsOfKind(file, SyntaxKind.CallExpression)) {
    if (!isChainTop(call) || insideAnotherQuery(call, patterns)) continue;
    const match = firstQuery(call, patterns);
    if (!match) continue;
    context.report({
      node: match.call,
      messageId: 'databaseOutsideRepository',
      data: { call: compact(match.call.getExpression().getText()), file: file.getBaseName(), module: place.name, repository: `\`${repository}\`` },
    });
  }
}

/** `knex(t).select(knex.raw('SUM(x)'))`: a fragment given to another query is part of that query, reported once. */
function insideAnotherQuery(call: CallExpression, patterns: readonly QueryPattern[]): boolean {
  for (const outer of call.getAncestors()) {
    if (!Node.isCallExpression(outer) || !outer.getArguments().some((a) => a === call || a.containsRange(call.getPos(), call.getEnd()))) continue;
    let top: Node = outer;
    while (Node.isPropertyAccessExpression(top.getParent()) || (Node.isCallExpression(top.getParent()) && top.getParent()!.getChildAtIndex(0) === top)) top = top.getParentOrThrow();
    if (Node.isCallExpression(top) && firstQuery(top, patterns)) return true;
  }
  return false;
}

/** The first catalogued query call in a chain, unless it goes through a repository object. */
function firstQuery(top: CallExpression, patterns: readonly QueryPattern[]): { call: CallExpression } | undefined {
  for (let call: Node | undefined = top; call && Node.isCallExpression(call); ) {
    const callee = call.getExpression();
    const match = matchCall(call, patterns);
    // `this.ordersRepository.find()` calls the repository: that is the intended path.
    if (match && !/repo(sitory)?$/i.test(match.receiver.split('.').at(-1) ?? '')) return { call };
    call = Node.isPropertyAccessExpression(callee) ? callee.getExpression() : undefined;
  }
  return undefined;
}

function checkInjections(cls: ClassDeclaration, place: ModulePlace, layout: ModuleLayout, context: CheckContext<ModuleBoundaryOptions>): void {
  for (const parameter of cls.getConstructors().flatMap((c) => c.getParameters())) {
    const target = injectedClass(parameter);
    if (!target || !/(Service|Repository)$/.test(target.name)) continue;
    const other = layout.placeOf(target.file);
    if (!other || other.module === place.module || other.facade) continue;
    context.report({
      node: parameter,
      messageId: 'crossModuleInjection',
      data: { owner: cls.getName() ?? 'class', injected: target.name, other: other.name, module: place.name },
      fingerprintKey: `${cls.getName()} ${target.name}`,
    });
  }
}

/** The project class a constructor parameter's type names (`private payments: PaymentsService`). */
function injectedClass(parameter: ParameterDeclaration): { name: string; file: SourceFile } | undefined {
  const typeNode = parameter.getTypeNode();
  if (!typeNode || !Node.isTypeReference(typeNode)) return undefined;
  const name = typeNode.getTypeName();
  const symbol = name.getSymbol();
  const declaration = (symbol?.getAliasedSymbol() ?? symbol)?.getDeclarations().find((d) => Node.isClassDeclaration(d));
  if (!declaration) return undefined;
  const file = declaration.getSourceFile();
  if (file.isInNodeModules() || file.isDeclarationFile()) return undefined;
  return { name: stripThis(name.getText()), file };
}

function compact(text: string): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > 60 ? `${one.slice(0, 57)}...` : one;
}

export default moduleBoundary;
