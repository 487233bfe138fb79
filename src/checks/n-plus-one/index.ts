/**
 * n-plus-one: a query (database, cache, HTTP) issued once per element of a collection, directly or
 * through the project's own functions. Decides checklist item `performs.n-plus-one` — "Loops aren't
 * hiding N+1 patterns?" (seed 000, "Will it perform?"). Docs: ./docs.md.
 */
import { Node, SyntaxKind, type SourceFile } from 'ts-morph';
import { z } from 'zod';
import { defineCheck, type CheckContext } from '../../core/check.js';
import { catalogSection } from '../../core/catalog.js';
import { FunctionSummaries, isChainTop, type CallSite, type Reach } from '../../analysis/function-summary.js';
import { enclosingIteration, isShortConstantCollection, iteratesBatches, type IterationVocabulary } from '../../analysis/loops.js';
import { batchShapeOf, batchShapeSchema, unbatchableSqlSchema, unbatchableStatementOf } from './batch-shapes.js';
import { isBehindLookup, type MemoLookups } from './cache-guard.js';
import { fieldResolvers, fieldResolverSchema } from './graphql-resolvers.js';
import { leavesLoopAfter } from './loop-exit.js';
import { matchQuery, queryCallSchema, type QueryHit } from '../../analysis/query-call.js';
import { chainRelated, loopParts, queryParts } from './report-parts.js';
import { descendantsOfKind } from '../../analysis/descendants.js';

const optionsSchema = z
  .object({
    constantListMax: z
      .number()
      .int()
      .min(0)
      .default(50)
      .describe('Loops over a collection written out in the code (`[a, b]`, a `const` array, an enum, also imported) with at most this many elements are not reported: their length changes with the code, not the data.'),
    maxChainDepth: z
      .number()
      .int()
      .min(0)
      .default(4)
      .describe("How many of the project's own functions may stand between the loop and the query (service → repository → ORM is 2)."),
    unitOfWorkQueries: z
      .number()
      .int()
      .min(2)
      .default(3)
      .describe('A called function making at least this many queries is a unit of work per element: reported as info.'),
    graphqlResolvers: z.boolean().default(true).describe('Report field resolvers that query once per parent object without a DataLoader.'),
  })
  .strict();

export type NPlusOneOptions = z.infer<typeof optionsSchema>;

/** `memo-lookups` entries (rules/queries.yml). */
export const memoLookupSchema = z.object({ id: z.string(), methods: z.array(z.string()), types: z.array(z.string()).default([]) }).strict();

export const nPlusOne = defineCheck({
  id: 'n-plus-one',
  meta: {
    title: 'Query once per element (N+1)',
    description:
      'Finds database, cache and HTTP calls made once per element of a collection — in loops, iteration callbacks and GraphQL field resolvers, directly or through the project\'s own functions — which turn one round trip into N.',
    checklistItem: 'performs.n-plus-one',
    needsContext: true,
    defaultSeverity: 'warning',
    messages: {
      queryInLoop:
        '{{subject}} once per element of `{{collection}}`{{via}}{{parallel}}: {{cost}}{{unsure}} Fix: {{fix}}.',
      queryPerParent:
        'Field resolver `{{field}}` runs `{{query}}` ({{library}}) once per `{{parent}}`{{via}}: a list of N parents costs N extra {{unit}}. Fix: batch it through a DataLoader created per request; in its batch function, {{fix}}.',
    },
    options: optionsSchema,
  },
  run(context) {
    const analysis = createAnalysis(context);
    const reported = new Set<Node>();
    for (const file of context.files) {
      reportLoops(file, context, analysis, reported);
      if (context.options.graphqlResolvers) reportResolvers(file, context, analysis, reported);
    }
  },
});

type Analysis = ReturnType<typeof createAnalysis>;

function createAnalysis(context: CheckContext<NPlusOneOptions>) {
  const patterns = catalogSection(context.catalog, 'query-calls', (e) => queryCallSchema.parse(e));
  const batchShapes = catalogSection(context.catalog, 'query-batch-shapes', (e) => batchShapeSchema.parse(e));
  const resolverShapes = catalogSection(context.catalog, 'graphql-field-resolvers', (e) => fieldResolverSchema.parse(e));
  const names = (key: string) => catalogSection(context.catalog, key, (e) => z.object({ name: z.string() }).strict().parse(e).name);
  const vocabulary: IterationVocabulary = {
    iterationMethods: names('iteration-methods'),
    deferredCallbacks: names('deferred-callbacks'),
    immediateCallbacks: names('immediate-callbacks'),
  };
  const summaries = new FunctionSummaries<QueryHit>((site) => matchQuery(site, patterns), vocabulary);
  const lookupEntries = catalogSection(context.catalog, 'memo-lookups', (e) => memoLookupSchema.parse(e));
  const lookups: MemoLookups = { methods: lookupEntries.flatMap((l) => l.methods), types: lookupEntries.flatMap((l) => l.types) };
  const unbatchable = catalogSection(context.catalog, 'unbatchable-sql', (e) => unbatchableSqlSchema.parse(e));
  return { batchShapes, unbatchable, resolverShapes, vocabulary, summaries, lookups };
}

function reportLoops(file: SourceFile, context: CheckContext<NPlusOneOptions>, analysis: Analysis, reported: Set<Node>): void {
  const sites: CallSite[] = [
    ...descendantsOfKind(file, SyntaxKind.CallExpression),
    ...descendantsOfKind(file, SyntaxKind.TaggedTemplateExpression),
  ];
  for (const site of sites) {
    if (!isChainTop(site)) continue;
    const enclosing = enclosingIteration(site, analysis.vocabulary);
    if (!enclosing) continue;
    const { iteration, throughCallbacks } = enclosing;
    if (iteration.collection && isShortConstantCollection(iteration.collection, context.options.constantListMax)) continue;
    // One query per batch (`i += SIZE`, `for (const batch of chunk(rows, 500))`) is the batched form.
    if (iteratesBatches(iteration)) continue;
    const reach = analysis.summaries.reachOf(site);
    if (!reach || reach.links.length > context.options.maxChainDepth) continue;
    // Chunked batching: each iteration already asks for many keys (`in`, `whereIn`, `= ANY($1)`).
    if (batchShapeOf(reach.hit.site, analysis.batchShapes)) continue;
    // DDL, transaction control, maintenance: one statement per object by nature.
    if (unbatchableStatementOf(reach.hit.site, analysis.unbatchable)) continue;
    if (leavesLoopAfter(site, iteration)) continue;
    reported.add(reach.hit.site);
    const unsure =
      unsureReason(iteration.kind, throughCallbacks) ??
      memoReason(site, iteration.body, reach, analysis.lookups) ??
      unitOfWorkReason(iteration.body, reach, analysis, context.options.unitOfWorkQueries);
    const loop = loopParts(iteration);
    const query = queryParts(site, reach, loop.collection);
    context.report({
      node: site,
      messageId: 'queryInLoop',
      data: { ...query.data, collection: loop.collection, parallel: loop.parallel, unsure: unsure ? ` Reported as info: ${unsure}.` : '' },
      severity: unsure ? 'info' : undefined,
      suggestion: query.suggestion,
      related: [{ node: iteration.node, message: loop.related }, ...chainRelated(reach)],
      fingerprintKey: `${query.callee}|${reach.hit.text}`,
    });
  }
}

function reportResolvers(file: SourceFile, context: CheckContext<NPlusOneOptions>, analysis: Analysis, reported: Set<Node>): void {
  for (const resolver of fieldResolvers(file, analysis.resolverShapes)) {
    const summary = analysis.summaries.summaryOf(resolver.fn);
    if (!summary || summary.links.length > context.options.maxChainDepth || reported.has(summary.hit.site)) continue;
    const site = summary.links[0]?.call ?? summary.hit.site;
    const query = queryParts(site, summary);
    context.report({
      node: site,
      messageId: 'queryPerParent',
      data: {
        field: resolver.field,
        parent: resolver.parent,
        query: summary.hit.text,
        library: summary.hit.pattern.library,
        via: query.data.via,
        unit: summary.hit.pattern.operation === 'http' ? 'requests' : 'queries',
        fix: summary.hit.pattern.fix,
      },
      suggestion: `Load \`${resolver.field}\` through a DataLoader (\`new DataLoader(keys => …)\`, one per request, e.g. in the GraphQL context) and call \`loader.load(${resolver.parent.toLowerCase()}.id)\` in the resolver; in the batch function, ${summary.hit.pattern.fix}.`,
      related: [{ node: resolver.fn, message: `field resolver \`${resolver.field}\`, called once per \`${resolver.parent}\`` }, ...chainRelated(summary)],
      fingerprintKey: `${resolver.field}|${summary.hit.text}`,
    });
  }
}

/** The query runs only when an in-memory lookup missed, in the loop or in a function of the chain. */
function memoReason(site: CallSite, loopBody: Node, reach: Reach<QueryHit>, lookups: MemoLookups): string | undefined {
  if (isBehindLookup(site, loopBody, lookups)) return 'the call runs only when the in-memory lookup before it misses';
  for (const [i, link] of reach.links.entries()) {
    const next = reach.links[i + 1]?.call ?? reach.hit.site;
    const body = link.declaration.getBody();
    if (body && isBehindLookup(next, body, lookups)) return `\`${link.name}\` looks in an in-memory cache first and queries only on a miss`;
  }
  return undefined;
}

/**
 * A called function that makes several queries is a unit of work per element (fulfil an order), not a
 * lookup: still N times the round trips, but batching it is a redesign, not a `findMany`.
 */
function unitOfWorkReason(loopBody: Node, reach: Reach<QueryHit>, analysis: Analysis, threshold: number): string | undefined {
  const inLoop = analysis.summaries.hitCallsIn(loopBody);
  if (inLoop >= threshold) return `the loop makes ${inLoop} queries per element — a unit of work rather than a lookup, so batching it may need a redesign`;
  const first = reach.links[0];
  const count = first ? analysis.summaries.hitCallsIn(first.declaration) : 0;
  if (!first || count < threshold) return undefined;
  return `\`${first.name}\` makes ${count} queries per element — a unit of work rather than a lookup, so batching it may need a redesign`;
}

/** Why a finding is reported as info rather than a warning, or undefined when it is not in doubt. */
function unsureReason(kind: string, throughCallbacks: string[]): string | undefined {
  if (throughCallbacks.length > 0) {
    return `the query runs in a callback given to \`${throughCallbacks[0]}\`, which may not call it for every element (a cache wrapper, say)`;
  }
  if (kind === 'for-in') return "`for…in` walks an object's keys, often a small fixed set";
  return undefined;
}

export default nPlusOne;
