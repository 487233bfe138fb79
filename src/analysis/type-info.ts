import { Node, type Type } from 'ts-morph';

/** What the type checker knows about a value's type, in the terms catalogs use. */
export interface TypeInfo {
  /** False when the type is `any`/unknown/an unresolved import: callers fall back to names. */
  resolved: boolean;
  /** The type's symbol name, its alias name and the names of its base classes and interfaces. */
  names: string[];
  /** npm packages that declare the type (from node_modules paths), e.g. ["pg"], ["@prisma/client"]. */
  modules: string[];
  /** The type itself is declared in the project's own source (a `.ts` file, not a declaration file or a package). */
  ownType?: boolean;
  type?: Type;
}

export function receiverTypeInfo(node: Node): TypeInfo {
  const type = node.getType();
  return typeInfo(type);
}

export function typeInfo(type: Type): TypeInfo {
  if (type.isAny() || type.isUnknown() || type.getText() === 'error') {
    return { resolved: false, names: [], modules: [] };
  }
  const names = new Set<string>();
  const modules = new Set<string>();
  let unresolvedBase = false;
  let ownType = false;
  const visit = (t: Type, depth: number) => {
    if (depth > 6) return;
    const parts = t.isUnion() ? t.getUnionTypes() : t.isIntersection() ? t.getIntersectionTypes() : [t];
    for (const part of parts) {
      if (part !== t) {
        visit(part, depth + 1);
        continue;
      }
      const symbols = [t.getSymbol(), t.getAliasSymbol()].filter((s) => s !== undefined);
      for (const symbol of symbols) {
        names.add(symbol.getName());
        for (const decl of symbol.getDeclarations()) {
          if (depth === 0 && !decl.getSourceFile().isDeclarationFile() && !decl.getSourceFile().isInNodeModules()) ownType = true;
          const pkg = packageOf(decl.getSourceFile().getFilePath());
          if (pkg) modules.add(pkg);
          if (Node.isClassDeclaration(decl) || Node.isInterfaceDeclaration(decl)) {
            for (const base of decl.getType().getBaseTypes()) {
              if (base.isAny() || base.getText() === 'error') unresolvedBase = true;
              else visit(base, depth + 1);
            }
            if (Node.isClassDeclaration(decl) && decl.getExtends() && decl.getType().getBaseTypes().length === 0) {
              unresolvedBase = true;
            }
          }
        }
      }
      const target = t.getTargetType();
      if (target && target !== t) visit(target, depth + 1);
    }
  };
  visit(type, 0);
  // A class that extends something from a module that is not installed (`class PrismaService
  // extends PrismaClient` without node_modules) is only half known: callers also try names.
  return { resolved: !unresolvedBase, names: [...names], modules: [...modules], ownType, type };
}

/** "…/node_modules/@types/pg/index.d.ts" → "pg"; "…/node_modules/@prisma/client/…" → "@prisma/client". */
export function packageOf(filePath: string): string | undefined {
  const match = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(filePath.split('\\').join('/'));
  if (!match) return undefined;
  const pkg = match[1];
  if (pkg.startsWith('@types/')) {
    const inner = pkg.slice('@types/'.length);
    return inner.includes('__') ? `@${inner.replace('__', '/')}` : inner;
  }
  return pkg;
}
