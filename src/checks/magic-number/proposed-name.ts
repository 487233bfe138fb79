import { Node, type CallExpression } from 'ts-morph';
import { splitWords } from '../../analysis/identifier-words.js';

/**
 * A constant name for a number from where it is used: the subject from the cache key
 * (`'stats:' + id`), else the enclosing function (`getStats`), else the class (`StatsService`),
 * then the quantity's suffix: `STATS_CACHE_TTL_SECONDS`.
 */
export function proposedName(node: Node, suffix: string, skipWords: ReadonlySet<string>, call?: CallExpression): string {
  const subject = keySubject(call, skipWords) ?? functionSubject(node, skipWords) ?? [];
  const suffixWords = suffix.split('_').map((w) => w.toLowerCase());
  // `retryDelay` as subject of DELAY_MS would read RETRY_DELAY_DELAY_MS.
  const words = [...subject.filter((w) => !suffixWords.includes(w)), ...suffixWords];
  return words.join('_').toUpperCase();
}

/** `'stats:' + id`, `` `stats:${id}` ``, `'user-sessions'` → [stats] / [user, sessions]. */
function keySubject(call: CallExpression | undefined, skipWords: ReadonlySet<string>): string[] | undefined {
  const first = call?.getArguments()[0];
  if (!first) return undefined;
  let head: string | undefined;
  if (Node.isStringLiteral(first) || Node.isNoSubstitutionTemplateLiteral(first)) head = first.getLiteralValue();
  else if (Node.isTemplateExpression(first)) head = first.getHead().getLiteralText();
  else if (Node.isBinaryExpression(first) && Node.isStringLiteral(first.getLeft())) head = (first.getLeft() as import('ts-morph').StringLiteral).getLiteralValue();
  const words = head?.split(/[:/]/)[0] ? wordsOf(head.split(/[:/]/)[0], skipWords) : [];
  return words.length > 0 && words.length <= 3 ? words : undefined;
}

function functionSubject(node: Node, skipWords: ReadonlySet<string>): string[] | undefined {
  for (const ancestor of node.getAncestors()) {
    const name = nameOf(ancestor);
    if (name === undefined) continue;
    const words = wordsOf(name, skipWords);
    if (words.length > 0) return words.slice(-3);
  }
  return undefined;
}

function nameOf(node: Node): string | undefined {
  if (Node.isMethodDeclaration(node) || Node.isFunctionDeclaration(node) || Node.isClassDeclaration(node) || Node.isPropertyDeclaration(node)) {
    return node.getName();
  }
  if ((Node.isArrowFunction(node) || Node.isFunctionExpression(node)) && Node.isVariableDeclaration(node.getParent())) {
    return (node.getParent() as import('ts-morph').VariableDeclaration).getName();
  }
  return undefined;
}

function wordsOf(name: string, skipWords: ReadonlySet<string>): string[] {
  return splitWords(name).filter((w) => !skipWords.has(w) && !/^\d+$/.test(w));
}
