import { Node, SyntaxKind, type Project } from 'ts-morph';
import { z } from 'zod';
import { catalogSection, type Catalog } from '../../core/catalog.js';

/** An entry of `correlation-carriers` (rules/loggers.yml). */
export const carrierSchema = z.object({ module: z.string(), how: z.string() }).strict();
export type Carrier = z.infer<typeof carrierSchema>;

export interface ProjectLogging {
  /** A structured logger is imported somewhere in the project (`structured-logger-modules`). */
  structured: string | undefined;
  /** What carries the request id to log lines, when the project imports one (`correlation-carriers`). */
  carrier: Carrier | undefined;
}

const cache = new WeakMap<Project, WeakMap<Catalog, ProjectLogging>>();

/** What the project's own files import for logging; the project holds the changed files and what they import. */
export function projectLogging(project: Project, catalog: Catalog): ProjectLogging {
  let byCatalog = cache.get(project);
  if (!byCatalog) cache.set(project, (byCatalog = new WeakMap()));
  let facts = byCatalog.get(catalog);
  if (!facts) {
    const structuredModules = catalogSection(catalog, 'structured-logger-modules', z.string().parse);
    const carriers = catalogSection(catalog, 'correlation-carriers', carrierSchema.parse);
    const imported = new Set<string>();
    for (const file of project.getSourceFiles()) {
      if (file.isInNodeModules() || file.isDeclarationFile()) continue;
      for (const d of file.getImportDeclarations()) imported.add(d.getModuleSpecifierValue());
      for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
        const [first] = call.getArguments();
        if (call.getExpression().getText() === 'require' && first && Node.isStringLiteral(first)) imported.add(first.getLiteralValue());
      }
    }
    facts = {
      structured: structuredModules.find((m) => imported.has(m)),
      carrier: carriers.find((c) => imported.has(c.module)),
    };
    byCatalog.set(catalog, facts);
  }
  return facts;
}
