import { z } from 'zod';
import { loggerPatterns, type LoggerPattern } from '../../analysis/loggers.js';
import { catalogSection, type Catalog } from '../../core/catalog.js';
import { splitWords } from './name-words.js';
import type { DevelopmentConditions } from './development-only.js';

export type { LoggerPattern };


const dataTypeSchema = z.enum(['number', 'date', 'boolean']);

/** An entry of `sensitive-data` (rules/sensitive-data.yml). */
export const sensitiveTermSchema = z
  .object({
    id: z.string().describe('Stable id, e.g. "password".'),
    label: z.string().describe('What it is, shown in messages, e.g. "email address".'),
    category: z.enum(['credential', 'personal']).describe('credential → error, personal → warning (by default).'),
    names: z.array(z.string()).min(1).describe('Names in any case style, matched word by word.'),
    alone: z.boolean().default(false).describe('Only when the term is the whole name (`address`, not `serverAddress`).'),
    record: z.boolean().default(false).describe('A whole record (`user`): reported by name only when its type is unknown.'),
    notTypes: z.array(z.string()).default([]).describe('Type names that are not this data (AddressInfo is not a postal address).'),
    withProperties: z
      .array(z.string())
      .default([])
      .describe('Only in an object that also has one of these properties (`to` beside `subject`: an email payload).'),
    dataTypes: z
      .array(dataTypeSchema)
      .default([])
      .describe('Value types that are this data although they usually are not (coordinates are numbers).'),
  })
  .strict();
export type SensitiveTerm = z.infer<typeof sensitiveTermSchema>;
export type Category = SensitiveTerm['category'];
export type DataType = z.infer<typeof dataTypeSchema>;

/** An entry of `value-preserving-calls`: a call whose result still shows a value given to it. */
export const valuePreservingCallSchema = z
  .object({
    name: z.string().describe('Callee text (`JSON.stringify`) or method name (`toString`).'),
    keeps: z.enum(['arguments', 'receiver']).describe('Whether the arguments or the receiver show through.'),
  })
  .strict();
export type ValuePreservingCall = z.infer<typeof valuePreservingCallSchema>;

/** An entry of `request-parts`: a part of an HTTP request that carries secrets or personal data by nature. */
export const requestPartSchema = z
  .object({
    part: z.string().describe('How messages name it, e.g. "request headers".'),
    category: z.enum(['credential', 'personal']),
    properties: z.array(z.string()).default([]).describe('Dotted properties of the request object, e.g. headers.'),
    decorators: z.array(z.string()).default([]).describe('Handler parameter decorators, e.g. Body, Args.'),
    resolverRoots: z
      .array(z.string())
      .default([])
      .describe('Keys of a GraphQL resolver map (Query, Mutation) whose resolvers get client input as their second parameter.'),
    expressions: z.array(z.string()).default([]).describe('Expressions that are this part wherever they appear, e.g. process.env.'),
    carries: z.string().describe('What the part carries, shown in messages.'),
    paths: z.array(z.string()).default(['']).describe('Paths under the part a pino `redact` list must cover.'),
  })
  .strict();
export type RequestPart = z.infer<typeof requestPartSchema>;

/** A term's names already split into words. */
export interface TermName {
  term: SensitiveTerm;
  words: string[];
}

export interface Vocabulary {
  loggers: LoggerPattern[];
  termNames: TermName[];
  suffixes: Set<string>;
  notBefore: Set<string>;
  masking: Set<string>;
  preserving: ValuePreservingCall[];
  requestParts: RequestPart[];
  development: DevelopmentConditions;
}

export const developmentConditionsSchema = z
  .object({
    flags: z.array(z.string()).default([]).describe('Names true only in development, e.g. isDevelopment.'),
    productionFlags: z.array(z.string()).default([]).describe('Names true only in production, negated: !isProduction.'),
    environments: z.array(z.string()).default([]).describe('NODE_ENV values of development, e.g. development, test.'),
  })
  .strict();

export const wordSchema = z.string().min(1);
const cache = new WeakMap<Catalog, Map<string, Vocabulary>>();

/** The check's vocabulary from the catalog plus the options' extra masking names (cached per catalog). */
export function loadVocabulary(catalog: Catalog, extraMasking: readonly string[]): Vocabulary {
  const key = extraMasking.join('\n');
  let byOptions = cache.get(catalog);
  if (!byOptions) cache.set(catalog, (byOptions = new Map()));
  let vocabulary = byOptions.get(key);
  if (!vocabulary) {
    const words = (section: string) =>
      new Set(catalogSection(catalog, section, (entry) => wordSchema.parse(entry)).flatMap((w) => splitWords(w)));
    const terms = catalogSection(catalog, 'sensitive-data', (entry) => sensitiveTermSchema.parse(entry));
    vocabulary = {
      loggers: loggerPatterns(catalog),
      termNames: terms.flatMap((term) => term.names.map((name) => ({ term, words: splitWords(name) }))),
      suffixes: words('sensitive-data-suffixes'),
      notBefore: words('sensitive-data-not-before'),
      masking: new Set([...words('masking-functions'), ...extraMasking.flatMap((name) => splitWords(name))]),
      preserving: catalogSection(catalog, 'value-preserving-calls', (entry) => valuePreservingCallSchema.parse(entry)),
      requestParts: catalogSection(catalog, 'request-parts', (entry) => requestPartSchema.parse(entry)),
      development: developmentConditions(catalogSection(catalog, 'development-conditions', (entry) => developmentConditionsSchema.parse(entry))),
    };
    byOptions.set(key, vocabulary);
  }
  return vocabulary;
}

function developmentConditions(entries: Array<z.infer<typeof developmentConditionsSchema>>): DevelopmentConditions {
  return {
    flags: new Set(entries.flatMap((e) => e.flags)),
    productionFlags: new Set(entries.flatMap((e) => e.productionFlags)),
    environments: new Set(entries.flatMap((e) => e.environments)),
  };
}
