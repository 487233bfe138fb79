import { createHash } from 'node:crypto';

/** sha256 of a file's text, hex. */
export function digestOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
