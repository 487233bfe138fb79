// Checklist item `maintainable.magic-numbers` — "Magic numbers have named constants?" (seed 000, "Is it maintainable?").
import { Node, SyntaxKind, type CallExpression, type NewExpression, type SourceFile } from 'ts-morph';
import { z } from 'zod';
import { receiverMatches, stripThis } from '../../analysis/call-matcher.js';
import { splitWords } from '../../analysis/identifier-words.js';
import { isNonProductionFile } from '../../analysis/file-roles.js';
import { defineCheck } from '../../core/check.js';
import { constantFix } from './constant-fix.js';
import { proposedName } from './proposed-name.js';
import { vocabularyOf, type NumericComparison, type Vocabulary } from './vocabulary.js';

export const magicNumberOptions = z
  .object({
    ignore: z.array(z.number()).default([0, 1, -1]).describe('Values never reported (ESLint no-magic-numbers `ignore`).'),
  })
  .strict();
export type MagicNumberOptions = z.infer<typeof magicNumberOptions>;

const why = 'the next reader has to guess its unit and why this value, and copies of the same policy drift apart';

export const magicNumber = defineCheck({
  id: 'magic-number',
  meta: {
    title: 'Unnamed numbers that carry a unit or a policy',
    description: 'Finds timeouts, TTLs, delays, retry counts, row limits, sizes and compared HTTP statuses written as bare numbers on changed lines, and proposes a constant name.',
    checklistItem: 'maintainable.magic-numbers',
    defaultSeverity: 'warning',
    messages: {
      argument: `\`{{value}}\` is the {{quantity}} of \`{{callee}}\`, written as a bare number: ${why}. Name it: \`const {{name}} = {{value}};\`.`,
      option: `\`{{property}}: {{value}}\` is a {{quantity}} written as a bare number in the options of \`{{callee}}\`: ${why}. Name it: \`const {{name}} = {{value}};\`.`,
      status: '`{{compared}}` is compared with the bare status `{{value}}`: the reader has to know HTTP statuses by number. Compare with a named status: `{{name}}`.',
      threshold: `\`{{compared}}\` is compared with \`{{value}}\`, a {{quantity}} written as a bare number: ${why}. Name it: \`const {{name}} = {{value}};\`.`,
    },
    options: magicNumberOptions,
  },
  run(context) {
    const vocabulary = vocabularyOf(context.catalog);
    const ignored = new Set(context.options.ignore);
    for (const file of context.files) {
      // A component's delays and page sizes are presentation (a tooltip's 300 ms), not backend policy.
      if (isNonProductionFile(file, context.root, context.catalog) || isUserInterface(file)) continue;
      const nest = file.getImportDeclarations().some((d) => d.getModuleSpecifierValue() === '@nestjs/common');
      const seen = new Set<Node>();
      const proposed = new Map<string, string>();
      for (const literal of file.getDescendantsOfKind(SyntaxKind.NumericLiteral)) {
        const top = constantExpression(literal);
        if (seen.has(top)) continue;
        seen.add(top);
        const value = evaluate(top);
        if (value === undefined || ignored.has(value)) continue;
        const text = top.getText().replace(/\s+/g, ' ');
        const parent = top.getParent();
        if (!parent) continue;
        if ((Node.isCallExpression(parent) || Node.isNewExpression(parent)) && parent.getArguments().includes(top)) {
          const match = argumentMatch(parent, parent.getArguments().indexOf(top), vocabulary);
          if (!match || windowOnGroups(parent, match.quantity)) continue;
          const name = proposedName(top, match.suffix, vocabulary.skipWords, Node.isCallExpression(parent) ? parent : undefined);
          const explained = hasWhyComment(parent, top) || isTimeArithmetic(top);
          context.report({ node: top, messageId: 'argument', severity: explained ? 'info' : undefined, data: { value: text, quantity: match.quantity, callee: calleeOf(parent), name }, suggestion: `const ${name} = ${text};`, fix: constantFix(top, name, text, proposed) });
        } else if (Node.isPropertyAssignment(parent) && parent.getInitializer() === top) {
          const option = vocabulary.options.get(parent.getName().replace(/^['"]|['"]$/g, '').toLowerCase());
          const call = option && optionsCall(parent);
          if (!option || !call) continue;
          const name = proposedName(top, option.suffix, vocabulary.skipWords);
          context.report({ node: top, messageId: 'option', severity: 'info', data: { property: parent.getName(), value: text, quantity: option.quantity, callee: calleeOf(call), name }, suggestion: `const ${name} = ${text};`, fix: constantFix(top, name, text, proposed) });
        } else if (Node.isBinaryExpression(parent) && isComparison(parent.getOperatorToken().getKind())) {
          const other = parent.getLeft() === top ? parent.getRight() : parent.getLeft();
          const comparison = comparisonMatch(other, vocabulary);
          if (!comparison || Math.abs(value) < comparison.minimum) continue;
          const compared = stripThis(other.getText());
          if (comparison.kind === 'http-status') {
            const status = vocabulary.statusNames.get(value);
            if (value < 100 || value > 599) continue;
            const name = status ? `${nest ? 'HttpStatus' : 'StatusCodes'}.${status}` : `HTTP_STATUS_${value}`;
            context.report({ node: top, messageId: 'status', severity: 'info', data: { compared, value: text, name }, fingerprintKey: compared });
          } else {
            const name = proposedName(top, comparison.suffix, vocabulary.skipWords);
            context.report({ node: top, messageId: 'threshold', severity: 'info', data: { compared, value: text, quantity: comparison.quantity, name }, suggestion: `const ${name} = ${text};`, fix: constantFix(top, name, text, proposed) });
          }
        }
      }
    }
  },
});

/**
 * A comment on the statement or the line above says why this value (`// give the summary time to be
 * generated`): the policy is explained, only the name is missing.
 */
function hasWhyComment(call: Node, value: Node): boolean {
  const statement = call.getFirstAncestor((a) => Node.isStatement(a)) ?? call;
  const lines = statement.getSourceFile().getFullText().split(/\r?\n/);
  const first = statement.getStartLineNumber();
  // The line above the statement, its first line and the number's own line; not comments inside a callback body.
  const around = [lines[first - 2] ?? '', lines[first - 1] ?? '', lines[value.getStartLineNumber() - 1] ?? ''];
  const code = around.map((line) => line.replace(/(['"`])(?:\\.|(?!\1).)*\1/g, ''));
  // Tool directives (`// eslint-disable-next-line`, `// @ts-expect-error`) are not reasons.
  return code.some((line) => /(\/\/|\/\*)\s*(?!eslint|@ts-|prettier|oxlint|biome|istanbul|c8)\w/.test(line));
}

const UI_MODULES = new Set(['react', 'react-dom', 'preact', 'vue', 'svelte', '@angular/core', 'solid-js']);

/** A component or a UI hook: a `.tsx`/`.jsx` file, or one that imports a UI framework. */
function isUserInterface(file: SourceFile): boolean {
  return /\.[jt]sx$/.test(file.getFilePath()) || file.getImportDeclarations().some((d) => UI_MODULES.has(d.getModuleSpecifierValue()));
}

/**
 * `.groupBy('month').orderBy('month', 'desc').limit(12)`: a limit on grouped rows is a window of groups (twelve
 * months, the top ten) that the grouping names, not a page size.
 */
function windowOnGroups(call: CallExpression | NewExpression, quantity: string): boolean {
  return quantity === 'row limit' && /\.groupBy\s*\(/.test(call.getExpression().getText());
}

/** `24 * 3600 * 1000`, `1000 * 60`: a product of time factors reads as its unit (a day, a minute). */
function isTimeArithmetic(node: Node): boolean {
  const factors = node.getText().split('*').map((f) => f.trim().replace(/[()]/g, ''));
  return factors.length > 1 && factors.every((f) => ['1000', '60', '3600', '24', '7', '30', '365'].includes(f) || /^\d+$/.test(f)) && factors.filter((f) => ['1000', '60', '3600', '24'].includes(f)).length >= factors.length - 1;
}

/** The whole constant expression a literal belongs to: `5 * 60 * 1000`, `-1`, `(30)`. */
function constantExpression(literal: Node): Node {
  let current = literal;
  for (;;) {
    const parent = current.getParent();
    if (!parent) return current;
    const constantParent =
      Node.isParenthesizedExpression(parent) ||
      (Node.isPrefixUnaryExpression(parent) && parent.getOperatorToken() === SyntaxKind.MinusToken) ||
      (Node.isBinaryExpression(parent) && ARITHMETIC.has(parent.getOperatorToken().getKind()) && evaluate(parent) !== undefined);
    if (!constantParent) return current;
    current = parent;
  }
}

const ARITHMETIC = new Set([SyntaxKind.AsteriskToken, SyntaxKind.SlashToken, SyntaxKind.PlusToken, SyntaxKind.MinusToken, SyntaxKind.AsteriskAsteriskToken]);

/** The value of an expression made of numeric literals only; undefined when anything else is in it. */
function evaluate(node: Node): number | undefined {
  if (Node.isNumericLiteral(node)) return node.getLiteralValue();
  if (Node.isParenthesizedExpression(node)) return evaluate(node.getExpression());
  if (Node.isPrefixUnaryExpression(node) && node.getOperatorToken() === SyntaxKind.MinusToken) {
    const inner = evaluate(node.getOperand());
    return inner === undefined ? undefined : -inner;
  }
  if (!Node.isBinaryExpression(node) || !ARITHMETIC.has(node.getOperatorToken().getKind())) return undefined;
  const left = evaluate(node.getLeft());
  const right = evaluate(node.getRight());
  if (left === undefined || right === undefined) return undefined;
  switch (node.getOperatorToken().getKind()) {
    case SyntaxKind.AsteriskToken: return left * right;
    case SyntaxKind.SlashToken: return left / right;
    case SyntaxKind.PlusToken: return left + right;
    case SyntaxKind.MinusToken: return left - right;
    default: return left ** right;
  }
}

function argumentMatch(call: CallExpression | NewExpression, index: number, vocabulary: Vocabulary) {
  const callee = call.getExpression();
  return vocabulary.arguments.find((entry) => {
    if (entry.argument !== index) return false;
    if (Node.isIdentifier(callee)) return entry.functions.includes(callee.getText());
    if (!Node.isPropertyAccessExpression(callee) || !entry.methods.includes(callee.getName())) return false;
    if (entry.receivers.length === 0) return true;
    const receiver = callee.getExpression();
    const last = Node.isPropertyAccessExpression(receiver) ? receiver.getName() : stripThis(receiver.getText());
    return entry.receivers.some((glob) => receiverMatches(last, glob));
  });
}

/**
 * The call an options object is given to, through nested objects (`{ redis: { ttl: 30 } }`); not a
 * decorator's (`@Throttle({ limit: 10 })` is itself the declaration) nor a named object.
 */
function optionsCall(property: Node): CallExpression | NewExpression | undefined {
  let object = property.getParent();
  while (object && Node.isObjectLiteralExpression(object)) {
    const parent = object.getParent();
    if (parent && (Node.isCallExpression(parent) || Node.isNewExpression(parent)) && parent.getArguments().includes(object)) {
      return Node.isDecorator(parent.getParent()) ? undefined : parent;
    }
    if (!parent || !Node.isPropertyAssignment(parent)) return undefined;
    object = parent.getParent();
  }
  return undefined;
}

function comparisonMatch(other: Node, vocabulary: Vocabulary): NumericComparison | undefined {
  const name = Node.isPropertyAccessExpression(other) ? other.getName() : Node.isIdentifier(other) ? other.getText() : undefined;
  if (!name) return undefined;
  const words = [name.toLowerCase(), ...splitWords(name)];
  return vocabulary.comparisons.find((c) => c.words.some((w) => words.includes(w)));
}

function isComparison(kind: SyntaxKind): boolean {
  return [
    SyntaxKind.EqualsEqualsEqualsToken, SyntaxKind.ExclamationEqualsEqualsToken, SyntaxKind.EqualsEqualsToken, SyntaxKind.ExclamationEqualsToken,
    SyntaxKind.LessThanToken, SyntaxKind.LessThanEqualsToken, SyntaxKind.GreaterThanToken, SyntaxKind.GreaterThanEqualsToken,
  ].includes(kind);
}

function calleeOf(call: CallExpression | NewExpression): string {
  const text = stripThis(call.getExpression().getText());
  const shown = Node.isNewExpression(call) ? `new ${text}` : text;
  return shown.length > 50 ? `…${shown.slice(-49)}` : shown;
}

export default magicNumber;
