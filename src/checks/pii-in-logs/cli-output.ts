import { Node, type CallExpression } from 'ts-morph';
import { skipAwaitAndOuterExpressions } from '../../analysis/outer-expressions.js';
import { valueDeclarationOf } from '../../analysis/request-input.js';
import type { LoggedValue } from './logged-values.js';

/** `createInvite`, `generateToken`, `issueApiKey`, `signJwt`, `mintSecret`: calls that make a new credential. */
const CREATES = /^(create|generate|issue|sign|mint|make|new)[A-Z_]/;

/**
 * Is this logged credential one the same function has just created (`const invite = await
 * users.createInvites(…)`, then `invite.token`)? In a command-line command (see isCliCommandFile) printing
 * it is the command's output: the operator ran the command to get it.
 */
export function isJustCreated(value: LoggedValue, call: CallExpression): boolean {
  let root: Node = value.node;
  while (Node.isPropertyAccessExpression(root) || Node.isElementAccessExpression(root)) root = root.getExpression();
  if (!Node.isIdentifier(root)) return false;
  const declaration = valueDeclarationOf(root);
  if (!declaration || !Node.isVariableDeclaration(declaration)) return false;
  const fn = (n: Node) => n.getFirstAncestor((a) => Node.isFunctionLikeDeclaration(a));
  if (fn(declaration) !== fn(call)) return false;
  const init = declaration.getInitializer();
  const created = init && skipAwaitAndOuterExpressions(init);
  if (!created || !Node.isCallExpression(created)) return false;
  const callee = created.getExpression();
  const name = Node.isPropertyAccessExpression(callee) ? callee.getName() : Node.isIdentifier(callee) ? callee.getText() : '';
  return CREATES.test(name);
}
