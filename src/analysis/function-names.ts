import { Node } from 'ts-morph';

/** The name of the function around `node`: a declaration's or method's own name, else the variable or property holding it. */
export function enclosingFunctionName(node: Node): string | undefined {
  const fn = node.getFirstAncestor((a) => Node.isFunctionLikeDeclaration(a));
  if (!fn) return undefined;
  if (Node.isFunctionDeclaration(fn) || Node.isMethodDeclaration(fn) || Node.isFunctionExpression(fn)) {
    const name = fn.getName();
    if (name) return name;
  }
  const holder = fn.getParent();
  if (Node.isVariableDeclaration(holder) || Node.isPropertyAssignment(holder) || Node.isPropertyDeclaration(holder)) return holder.getName();
  return undefined;
}

/** `is*` matches `isValid` and `is`, not `issue`: the prefix must end a camelCase word. */
export function matchesPrefixGlob(functionName: string, globs: readonly string[]): boolean {
  return globs.some((glob) => {
    if (!glob.endsWith('*')) return glob === functionName;
    const prefix = glob.slice(0, -1);
    if (!functionName.startsWith(prefix)) return false;
    const next = functionName.charAt(prefix.length);
    return next === '' || /[A-Z0-9_$]/.test(next);
  });
}

/** Code quoted in a message: one line, at most `max` characters. */
export function shortCode(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}
