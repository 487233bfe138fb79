import type { ReviewResult } from '../core/review-result.js';

/** What the caller decides; formatters only obey it (the CLI picks colour from TTY and NO_COLOR). */
export interface FormatOptions {
  color: boolean;
  /** Append GitHub workflow-command annotations (text and markdown only; json/sarif stay parseable). */
  annotations?: boolean;
  /** Upper bound in characters (Unicode code points) for the markdown comment body. */
  maxLength?: number;
  /** Terminal width in columns: the text report wraps long messages to it; undefined: no wrapping. */
  width?: number;
}

/** A formatter is a pure function of the review result: no I/O, no printing. */
export type Formatter = (result: ReviewResult, options: FormatOptions) => string;
