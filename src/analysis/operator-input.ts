import path from 'node:path';
import { Node, SyntaxKind, type ParameterDeclaration, type SourceFile } from 'ts-morph';
import type { Catalog } from '../core/catalog.js';
import { isCliCommandFile } from './file-roles.js';
import { parameterArguments, requestInputSource } from './request-input.js';

interface Caller {
  argument: Node;
  call: Node;
}

/**
 * Is this parameter the operator's input: does every caller found in the project sit in a command-line
 * command file (isCliCommandFile) and pass a value that is not request input? Then the value is an
 * argument or a prompt answer of whoever runs the command (`createDb(client, dbName)` from `medusa db:create`),
 * like configuration. Callers are found through TypeScript references and, across workspace packages whose
 * imports do not resolve (no node_modules), by the imported name from a package of the same npm scope.
 * A parameter with no caller found is not the operator's.
 */
export function isOperatorParameter(parameter: ParameterDeclaration, root: string, catalog: Catalog): boolean {
  const callers = [...parameterArguments(parameter), ...workspaceCallers(parameter)];
  if (callers.length === 0) return false;
  return callers.every(({ argument, call }) => isCliCommandFile(call.getSourceFile(), root, catalog) && !requestInputSource(argument, catalog));
}

/** Calls of an exported function through an import from a same-scope package that TypeScript could not resolve. */
function workspaceCallers(parameter: ParameterDeclaration): Caller[] {
  const fn = parameter.getParent();
  if (!Node.isFunctionDeclaration(fn) || !fn.isExported() || parameter.isRestParameter()) return [];
  const name = fn.getName();
  const scope = packageScope(fn.getSourceFile());
  if (!name || !scope) return [];
  const index = fn.getParameters().indexOf(parameter);
  const callers: Caller[] = [];
  for (const file of fn.getProject().getSourceFiles()) {
    if (file.isDeclarationFile() || file.isInNodeModules()) continue;
    for (const declaration of file.getImportDeclarations()) {
      if (!declaration.getModuleSpecifierValue().startsWith(`${scope}/`) || declaration.getModuleSpecifierSourceFile()) continue;
      const imported = declaration.getNamedImports().find((n) => n.getName() === name);
      if (!imported) continue;
      const local = imported.getAliasNode()?.getText() ?? name;
      for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
        const argument = call.getArguments()[index];
        if (call.getExpression().getText() === local && argument) callers.push({ argument, call });
      }
    }
  }
  return callers;
}

/** `@medusajs` for a file of the package `@medusajs/utils` (nearest package.json with a scoped name). */
function packageScope(file: SourceFile): string | undefined {
  const fs = file.getProject().getFileSystem();
  for (let dir = path.posix.dirname(file.getFilePath()); dir !== path.posix.dirname(dir); dir = path.posix.dirname(dir)) {
    const manifest = path.posix.join(dir, 'package.json');
    if (!fs.fileExistsSync(manifest)) continue;
    try {
      const name = (JSON.parse(fs.readFileSync(manifest)) as { name?: unknown }).name;
      if (typeof name !== 'string') return undefined;
      return name.startsWith('@') ? name.split('/')[0] : undefined;
    } catch {
      // A package.json that does not parse names no package.
      return undefined;
    }
  }
  return undefined;
}
