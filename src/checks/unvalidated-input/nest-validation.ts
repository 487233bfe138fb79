import { Node, SyntaxKind, type ClassDeclaration, type NewExpression, type ParameterDeclaration, type SourceFile } from 'ts-morph';

/**
 * `@Body() dto: CreateUserDto` where the DTO class (declared in the project, no base class) has no
 * property decorated from a validation module, and no pipe is given on the parameter, method or class.
 */
export function unvalidatedBodyDtos(file: SourceFile, bodyDecorators: readonly string[], validationModules: readonly string[]) {
  const result: Array<{ parameter: ParameterDeclaration; dto: ClassDeclaration }> = [];
  for (const parameter of file.getDescendantsOfKind(SyntaxKind.Parameter)) {
    const decorator = parameter.getDecorators().find((d) => bodyDecorators.includes(d.getName()));
    // `@Body(new ValidationPipe())`, `@Body(ZodValidationPipe)`: a pipe on the parameter; `@Body('name')`: one field.
    if (!decorator || decorator.getArguments().length > 0) continue;
    const method = parameter.getParent();
    if (hasPipes(method) || hasPipes(method.getParent())) continue;
    const dto = dtoClass(parameter);
    if (!dto || dto.getExtends() || dto.getProperties().length === 0) continue;
    const validated = dto.getProperties().some((p) => p.getDecorators().some((d) => importedFrom(d.getNameNode(), validationModules)));
    if (!validated) result.push({ parameter, dto });
  }
  return result;
}

function hasPipes(node: Node | undefined): boolean {
  return node !== undefined && Node.isDecoratable(node) && node.getDecorators().some((d) => d.getName() === 'UsePipes');
}

function dtoClass(parameter: ParameterDeclaration): ClassDeclaration | undefined {
  const typeNode = parameter.getTypeNode();
  if (!typeNode || !Node.isTypeReference(typeNode)) return undefined;
  const symbol = typeNode.getTypeName().getSymbol();
  const target = symbol?.isAlias() ? symbol.getAliasedSymbol() : symbol;
  const declaration = target?.getDeclarations().find((d) => Node.isClassDeclaration(d));
  if (!declaration || !Node.isClassDeclaration(declaration)) return undefined;
  const sourceFile = declaration.getSourceFile();
  return sourceFile.isInNodeModules() || sourceFile.isDeclarationFile() ? undefined : declaration;
}

function importedFrom(name: Node, modules: readonly string[]): boolean {
  const identifier = Node.isPropertyAccessExpression(name) ? name.getExpression() : name;
  for (const decl of identifier.getSymbol()?.getDeclarations() ?? []) {
    const importDecl = decl.getFirstAncestorByKind(SyntaxKind.ImportDeclaration);
    if (importDecl && modules.includes(importDecl.getModuleSpecifierValue())) return true;
  }
  return false;
}

/** `app.useGlobalPipes(new ValidationPipe({ … }))` without `whitelist: true`. */
export function pipesWithoutWhitelist(file: SourceFile, pipeNames: readonly string[]): NewExpression[] {
  return file.getDescendantsOfKind(SyntaxKind.NewExpression).filter((expr) => {
    if (!pipeNames.includes(expr.getExpression().getText())) return false;
    const call = expr.getParentIfKind(SyntaxKind.CallExpression);
    const callee = call?.getExpression();
    if (!callee || !Node.isPropertyAccessExpression(callee) || callee.getName() !== 'useGlobalPipes') return false;
    const [options] = expr.getArguments();
    if (!options) return true;
    if (!Node.isObjectLiteralExpression(options)) return false;
    if (options.getProperties().some((p) => Node.isSpreadAssignment(p))) return false;
    const whitelist = options.getProperty('whitelist');
    return !Node.isPropertyAssignment(whitelist) || whitelist.getInitializer()?.getText() !== 'true';
  });
}
