import { Node } from 'ts-morph';
import { stripThis } from '../../analysis/call-matcher.js';
import type { Convention, InterpolatedMessage } from './message-parts.js';

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
