import type { Finding } from '../core/finding.js';

/**
 * One "Fix:" per finding. Many messages end with their own `Fix: …`, written for that exact case;
 * the suggestion is shown only when the message has none, so the two can never disagree on screen.
 */
export function problemAndFix(f: Pick<Finding, 'message' | 'suggestion'>): { problem: string; fix?: string } {
  const at = /\s+Fix:\s+/.exec(f.message);
  if (at) return { problem: f.message.slice(0, at.index), fix: f.message.slice(at.index + at[0].length) };
  return { problem: f.message, fix: f.suggestion };
}
