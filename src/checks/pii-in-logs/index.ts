// Checklist item `safe.sensitive-logs` — "Sensitive data (PII, tokens) not logged?" (seed 000, "Is it safe?").
import { SyntaxKind, type CallExpression } from 'ts-morph';
import { z } from 'zod';
import { defineCheck, type CheckContext, type RelatedNode } from '../../core/check.js';
import { exposureOf, type Exposure } from './exposure.js';
import { calleeText } from '../../analysis/logger-match.js';
import { LogCallFinder, type SinkValue } from './log-calls.js';
import { covers, redactionOf, redactionText } from './redaction.js';
import { suggestionFor } from './suggestion.js';
import { groupByWrapper, isLoggerFacade, wrapperName, type WrapperExposure } from './wrapper-findings.js';
import { inDevelopmentOnly } from './development-only.js';
import { isJustCreated } from './cli-output.js';
import { isCliCommandFile, isNonProductionFile } from '../../analysis/file-roles.js';
import { loadVocabulary, type Vocabulary } from './vocabulary.js';
import { descendantsOfKind } from '../../analysis/descendants.js';

const severity = z.enum(['error', 'warning', 'info']);

export const piiInLogsOptions = z
  .object({
    credentialSeverity: severity.default('error').describe('Severity for credentials and secrets (passwords, tokens, keys, card numbers).'),
    personalDataSeverity: severity.default('warning').describe('Severity for personal data (email, phone, address, names, IP address).'),
    maskingFunctions: z
      .array(z.string())
      .default([])
      .describe('More names of functions whose result hides their input (matched by words, like `masking-functions`), e.g. scrub.'),
  })
  .strict();
export type PiiInLogsOptions = z.infer<typeof piiInLogsOptions>;

const consequence = {
  credential: 'anyone who can read the logs can use it, and log lines are copied to more places and kept longer than the credential',
  personal: 'logs are kept, shipped and read beyond the purpose the data was collected for, and a deletion request does not reach them',
};

export const piiInLogs = defineCheck({
  id: 'pii-in-logs',
  meta: {
    title: 'Sensitive data in logs',
    description: 'Finds log calls that write credentials, tokens or personal data — also inside whole objects and requests — unless the logger redacts them.',
    checklistItem: 'safe.sensitive-logs',
    needsContext: true,
    defaultSeverity: 'error',
    messages: {
      credentialLogged: `logs \`{{value}}\` (credential: {{label}}) via \`{{logger}}\`: ${consequence.credential}.`,
      personalDataLogged: `logs \`{{value}}\` (personal data: {{label}}) via \`{{logger}}\`: ${consequence.personal}.`,
      objectLogged: 'logs `{{value}}` via `{{logger}}`, whose type `{{type}}` carries {{properties}} ({{kind}}): every field is written, including ones added later.',
      requestLogged: 'logs `{{value}}` ({{part}}) via `{{logger}}`: it carries {{carries}}, which logs must not keep.',
      loggedByWrapper:
        '`{{wrapper}}` logs what its callers pass ({{values}}) via `{{logger}}`: {{consequence}}. Fix it once here: log only the fields the wrapper needs (method, URL, ids), not its whole input.',
      unknownLogged:
        'logs `{{value}}` whole via `{{logger}}`, and its declared type `{{type}}` says nothing about what it holds: a payload from outside can carry credentials or personal data. Log the fields you need, or narrow the type first.',
      notRedacted: 'logs `{{value}}` ({{what}}) via `{{logger}}`, but the logger\'s redaction ({{redacted}}) does not cover {{uncovered}}: it is written in clear.',
    },
    options: piiInLogsOptions,
  },
  run(context) {
    const vocabulary = loadVocabulary(context.catalog, context.options.maskingFunctions);
    // An opaque (`unknown`) parameter is forwarded to the wrapper's callers, whose values decide.
    const finder = new LogCallFinder(vocabulary, (value) => !['unknownLogged', undefined].includes(exposureOf(value, vocabulary, context.catalog)?.messageId));
    const throughWrappers: WrapperExposure[] = [];
    for (const file of context.files) {
      // Tests, seeds, stories, scripts and demo apps print to a developer's terminal, not to production logs.
      if (isNonProductionFile(file, context.root, context.catalog)) continue;
      const cli = isCliCommandFile(file, context.root, context.catalog);
      for (const call of descendantsOfKind(file, SyntaxKind.CallExpression)) {
        const values = finder.valuesOf(call);
        if (values) reportValues(call, cli ? values.filter((v) => !isJustCreated(v, call)) : values, vocabulary, context, throughWrappers);
      }
    }
    for (const [sinkCall, exposures] of groupByWrapper(throughWrappers)) reportWrapper(sinkCall, exposures, context);
  },
});

function reportValues(
  call: CallExpression,
  values: SinkValue[],
  vocabulary: Vocabulary,
  context: CheckContext<PiiInLogsOptions>,
  throughWrappers: WrapperExposure[],
): void {
  // Only a development machine runs it: its console is the developer's own.
  if (inDevelopmentOnly(call, vocabulary.development)) return;
  const reported = new Set<number>();
  const logger = calleeText(call);
  const facade = isLoggerFacade(call, vocabulary);
  for (const value of values) {
    if (reported.has(value.node.getStart())) continue;
    const exposure = exposureOf(value, vocabulary, context.catalog);
    if (!exposure) continue;
    // Through a wrapper, the opaque value is the wrapper's parameter; its callers' values decide.
    if (exposure.messageId === 'unknownLogged' && value.sinkCall !== call) continue;
    const display = shortText(value.node.getText());
    if (value.sinkCall !== call && !facade && !redactionOf(value, vocabulary)) {
      reported.add(value.node.getStart());
      throughWrappers.push({ call, value, exposure, display });
      continue;
    }
    const paths = redactablePaths(value, exposure);
    const redaction = redactionOf(value, vocabulary);
    // The logger redacts and the value sits where redaction reaches: only the paths it misses count.
    const gap = paths && redaction ? { redaction, uncovered: paths.filter((p) => !covers(redaction, p)) } : undefined;
    if (gap && gap.uncovered.length === 0) continue;
    reported.add(value.node.getStart());
    const related: RelatedNode[] = [];
    if (value.sinkCall !== call) related.push({ node: value.sinkCall, message: `the wrapper writes it with \`${calleeText(value.sinkCall)}\` here` });
    if (redaction) related.push({ node: redaction.node, message: "the logger's redaction is declared here" });
    const base = { value: display, logger, ...exposure.data };
    const shown = (gap?.uncovered ?? paths)?.map((p) => p.join('.'));
    context.report({
      node: value.node,
      messageId: gap ? 'notRedacted' : exposure.messageId,
      data: gap
        ? { ...base, what: describe(exposure), redacted: redactionText(gap.redaction), uncovered: gap.uncovered.map((p) => `\`${p.join('.')}\``).join(', ') }
        : base,
      // An opaque payload is a question for the reviewer, not a claim.
      severity: exposure.messageId === 'unknownLogged' ? 'info' : exposure.category === 'credential' ? context.options.credentialSeverity : context.options.personalDataSeverity,
      suggestion: suggestionFor(exposure, display, value.logger, shown),
      related,
      fingerprintKey: `${logger} ${display}`,
    });
  }
}

/** One finding at the logger call inside a wrapper, naming what its callers pass and where. */
function reportWrapper(sinkCall: CallExpression, exposures: WrapperExposure[], context: CheckContext<PiiInLogsOptions>): void {
  const credential = exposures.some((e) => e.exposure.category === 'credential');
  const names = [...new Set(exposures.map((e) => `\`${e.display}\``))];
  const values = names.length > 4 ? `${names.slice(0, 4).join(', ')} and ${names.length - 4} more` : names.join(', ');
  const wrapper = wrapperName(exposures[0]!.call);
  context.report({
    node: sinkCall,
    messageId: 'loggedByWrapper',
    data: { wrapper, values, logger: calleeText(sinkCall), consequence: credential ? consequence.credential : consequence.personal },
    severity: credential ? context.options.credentialSeverity : context.options.personalDataSeverity,
    suggestion: `Log only what \`${wrapper}\` needs to trace the call (method, URL, ids) instead of the whole parameter; its ${exposures.length} caller(s) then stay clean.`,
    related: exposures.map((e) => ({ node: e.value.node, message: `\`${e.display}\` (${describe(e.exposure)}) is passed to \`${wrapper}\` here` })),
    fingerprintKey: `${calleeText(sinkCall)} wrapper`,
  });
}

/**
 * The record paths redaction must censor for this value, or undefined when no redaction can reach
 * it: text in the message, the record itself, or (pino) anything but the first argument's object.
 */
function redactablePaths(value: SinkValue, exposure: Exposure): string[][] | undefined {
  if (!value.keyPath) return undefined;
  if (value.logger.certain && value.logger.pattern.redaction === 'pino' && value.argIndex !== 0) return undefined;
  const paths = exposure.paths.map((p) => [...value.keyPath!, ...p]);
  return paths.every((p) => p.length > 0) ? paths : undefined;
}

function describe(exposure: Exposure): string {
  const { data } = exposure;
  if (exposure.shape === 'request') return data.part;
  if (exposure.shape === 'object') return `\`${data.type}\` with ${data.properties}`;
  return `${exposure.category === 'credential' ? 'credential' : 'personal data'}: ${data.label}`;
}

function shortText(text: string): string {
  const compact = text.replace(/\s+/g, ' ');
  return compact.length > 60 ? `${compact.slice(0, 57)}...` : compact;
}

export default piiInLogs;
