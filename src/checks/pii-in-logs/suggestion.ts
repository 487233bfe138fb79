import type { Exposure } from './exposure.js';
import type { LoggerMatch } from '../../analysis/logger-match.js';

/** The concrete fix for one finding, worded for the logger it goes through. */
export function suggestionFor(exposure: Exposure, value: string, logger: LoggerMatch, paths: string[] | undefined): string {
  const fix = {
    name: `Log an identifier instead of \`${value}\`, or pass it through a masking function (\`mask(${value})\`).`,
    object: `Log only the fields you need (e.g. \`{ id: ${value}.id }\`) instead of the whole object.`,
    request: `Log what you need from the request (method, route, a request id) instead of \`${value}\`.`,
  }[exposure.shape];
  const quoted = paths?.map((p) => `"${p}"`).join(', ');
  // Only a logger whose library is known gets library advice; a name-only match may be any logger.
  const redaction = logger.certain ? logger.pattern.redaction : undefined;
  if (redaction === 'pino') {
    return quoted
      ? `${fix} Or add ${quoted} to the logger's \`redact\` paths.`
      : `${fix} pino's \`redact\` cannot censor message text: log it as a field under a redacted path, or leave it out.`;
  }
  if (redaction === 'winston-format' && quoted) {
    return `${fix} Or mask ${quoted} in a winston format (\`format((info) => { … })\`) of this logger.`;
  }
  return fix;
}
