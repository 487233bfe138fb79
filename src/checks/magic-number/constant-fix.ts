import { Node, SyntaxKind, type SourceFile } from 'ts-morph';
import type { FixInput } from '../../core/check.js';

/**
 * Extracting the number into `const NAME = value;` at the top of the module, after the imports, and
 * using NAME in its place. Safe: the value is made of literals only, and the declaration runs before any
 * of the module's code (no temporal dead zone for a function hoisted above it). No fix when the name
 * is already declared or used in the file, or another number of the file was proposed the same name.
 */
export function constantFix(value: Node, name: string, text: string, proposed: Map<string, string>): FixInput | undefined {
  const file = value.getSourceFile();
  if ((proposed.get(name) ?? text) !== text || usesName(file, name)) return undefined;
  const statements = file.getStatements();
  const index = statements.findIndex((s) => !Node.isImportDeclaration(s) && !isDirective(s));
  if (index < 0) return undefined;
  proposed.set(name, text);
  const [first, previous] = [statements[index], statements[index - 1]];
  const declaration = `const ${name} = ${text};`;
  return {
    description: `Extract \`${declaration}\` at the top of the module and use \`${name}\` here.`,
    safe: true,
    edits: [
      // After the last import (or directive), else above the first statement and its doc comment.
      previous ? { insertAfter: previous, text: `\n\n${declaration}` } : { insertBefore: first, text: `${declaration}\n\n`, includeDoc: true },
      { replace: value, text: name },
    ],
  };
}

function usesName(file: SourceFile, name: string): boolean {
  return file.getDescendantsOfKind(SyntaxKind.Identifier).some((id) => id.getText() === name);
}

/** `'use strict';` and other prologue strings must stay first. */
function isDirective(statement: Node): boolean {
  return Node.isExpressionStatement(statement) && Node.isStringLiteral(statement.getExpression());
}
