import type { ReviewResult } from '../core/review-result.js';
import type { FormatOptions, Formatter } from './format-options.js';
import { github, githubAnnotations } from './github.js';
import { json } from './json.js';
import { markdown } from './markdown.js';
import { sarif } from './sarif.js';
import { text } from './text.js';

/** Every output format, by the name `--format` takes. */
export const formats = { text, json, sarif, github, markdown } satisfies Record<string, Formatter>;

export type FormatName = keyof typeof formats;

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(formats, name);
}

/** Formats with a human reader, where appended annotation lines do no harm; json and sarif must stay parseable. */
const ACCEPTS_ANNOTATIONS: ReadonlySet<FormatName> = new Set(['text', 'markdown']);

export function formatResult(name: FormatName, result: ReviewResult, options: FormatOptions): string {
  const output = formats[name](result, options);
  if (!options.annotations || !ACCEPTS_ANNOTATIONS.has(name)) return output;
  const annotations = githubAnnotations(result);
  return annotations ? `${output}${annotations}\n` : output;
}

export { githubAnnotations } from './github.js';
export { checklistMarkdown, checklistText } from './checklist.js';
export { SUMMARY_MARKER, GITHUB_COMMENT_LIMIT, CHECK_RUN_SUMMARY_LIMIT, inlineCommentMarkdown } from './markdown.js';
export type { FormatOptions, Formatter } from './format-options.js';
