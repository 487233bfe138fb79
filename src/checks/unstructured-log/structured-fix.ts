import { Node, type CallExpression } from 'ts-morph';
import { stripThis } from '../../analysis/call-matcher.js';
import type { FixInput } from '../../core/check.js';
import type { Convention, InterpolatedMessage } from './message-parts.js';

/**
 * The message argument rewritten as the library's (fields, message) or (message, fields) — a fix only
 * when the call has that one argument, the logger is known by its type or factory, every value becomes a
 * field under a distinct key and the message is plain text. Not safe: the log line's text changes.
 */
export function structuredFix(call: CallExpression, interpolated: InterpolatedMessage, convention: Convention, certain: boolean): FixInput | undefined {
  const args = call.getArguments();
  if (!certain || convention === 'nest' || interpolated.how === 'placeholders' || args.length !== 1) return undefined;
  const fields = interpolated.values.map(fieldOf);
  const keys = fields.map((f) => f.split(':')[0]);
  if (fields.some((f) => f.includes('…')) || new Set(keys).size !== keys.length || /[\\\n\r]/.test(interpolated.text)) return undefined;
  const object = `{ ${fields.join(', ')} }`;
  const message = `'${interpolated.text.replace(/'/g, "\\'")}'`;
  return {
    description: `Pass ${keys.map((k) => `\`${k}\``).join(', ')} as fields and keep the message text constant.`,
    safe: false,
    edits: [{ replace: args[0], text: convention === 'fields-first' ? `${object}, ${message}` : `${message}, ${object}` }],
  };
}

/** The same call with the interpolated values as fields, in the library's argument order. */
export function structuredCall(callee: string, interpolated: InterpolatedMessage, convention: Convention): string {
  const fields = `{ ${interpolated.values.map(fieldOf).join(', ')} }`;
  const message = `'${interpolated.text.replace(/'/g, "\\'")}'`;
  if (convention === 'fields-first') return `${callee}(${fields}, ${message})`;
  if (convention === 'fields-after') return `${callee}(${message}, ${fields})`;
  return `${callee}({ message: ${message}, ${fields.slice(2, -2)} })`;
}

/** `orderId` → `orderId`; `order.id` → `orderId: order.id`; `err.message` → `err`; else `value: …`. */
function fieldOf(value: Node, index: number): string {
  const text = stripThis(value.getText());
  if (Node.isIdentifier(value)) return text;
  if (Node.isPropertyAccessExpression(value)) {
    const receiver = value.getExpression();
    if (['message', 'stack'].includes(value.getName()) && Node.isIdentifier(receiver)) return receiver.getText() === 'err' ? 'err' : `err: ${receiver.getText()}`;
    if (Node.isThisExpression(receiver)) return `${value.getName()}: ${text}`;
    const owner = stripThis(receiver.getText()).split('.').at(-1) ?? '';
    const key = /^[A-Za-z_$][\w$]*$/.test(owner) ? `${owner}${value.getName().charAt(0).toUpperCase()}${value.getName().slice(1)}` : value.getName();
    return `${key}: ${text}`;
  }
  return `value${index + 1}: ${text.length > 40 ? '…' : text}`;
}
