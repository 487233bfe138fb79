import { Chalk, type ChalkInstance } from 'chalk';
import type { Severity } from '../core/finding.js';

/**
 * A chalk instance with an explicit level: the caller decides colour (TTY, NO_COLOR), so a formatter
 * never auto-detects it. Level 1 (16 colours) is enough and works on every terminal.
 */
export function paintFor(color: boolean): ChalkInstance {
  return new Chalk({ level: color ? 1 : 0 });
}

export function severityPaint(paint: ChalkInstance, severity: Severity): ChalkInstance {
  return severity === 'error' ? paint.red : severity === 'warning' ? paint.yellow : paint.blue;
}
