/**
 * unbounded-query: reads that can return every row of a table on a request path, and in-memory
 * accumulation with no bound. Decides checklist item `performs.unbounded-memory` — "No unbounded
 * in-memory accumulation?" (seed 000, "Will it perform?"). Docs: ./docs.md.
 */
import path from 'node:path';
import picomatch from 'picomatch';
import { Node, SyntaxKind, type CallExpression, type SourceFile } from 'ts-morph';
import { z } from 'zod';
import { defineCheck, type CheckContext } from '../../core/check.js';
import { catalogSection } from '../../core/catalog.js';
import { isChainTop } from '../../analysis/function-summary.js';
import { isFunctionLike, unwrap } from '../../analysis/loops.js';
import { matchQuery, queryCallSchema, type QueryCallPattern } from '../../analysis/query-call.js';
import { requestInputSource } from '../../analysis/request-input.js';
import { findSqlQueries, loadSqlParser } from '../../analysis/sql-text.js';
import { moduleCaches, outerPushes } from './accumulation.js';
import { scopedModel, unboundedRead, unboundedReadSchema, type UnboundedRead } from './orm-reads.js';
import { unboundedSelect } from './raw-select.js';
import { descendantsOfKind } from '../../analysis/descendants.js';

const optionsSchema = z
  .object({
    filteredSeverity: z
      .enum(['error', 'warning', 'info'])
      .default('info')
      .describe('Severity of an unbounded read that has a filter (`where: { authorId }`) when EXPLAIN is off: it returns every matching row, which may be few (a user\'s API keys) or millions.'),
    estimatedRowsInfoBelow: z
      .number()
      .int()
      .nonnegative()
      .default(1000)
      .describe('With EXPLAIN on: an unbounded read the planner estimates at fewer rows than this on staging is `info`.'),
    estimatedRowsErrorFrom: z
      .number()
      .int()
      .positive()
      .default(100000)
      .describe('With EXPLAIN on: an unbounded read the planner estimates at this many rows or more on staging is an `error`.'),
    accumulation: z.boolean().default(true).describe('Also report unbounded in-memory accumulation (streams pushed into arrays, `Promise.all` over request input, module-level caches).'),
  })
  .strict();

export type UnboundedQueryOptions = z.infer<typeof optionsSchema>;

export const unboundedQuery = defineCheck({
  id: 'unbounded-query',
  meta: {
    title: 'Unbounded query or accumulation',
    description:
      'Finds reads that return every matching row (no `take`/`LIMIT`) outside migrations, scripts and tests, and code that keeps an unbounded number of items in memory: streams and cursors pushed into one array, `Promise.all` over request input, module-level caches that never evict.',
    checklistItem: 'performs.unbounded-memory',
    defaultSeverity: 'warning',
    messages: {
      unboundedRead:
        '`{{call}}` ({{library}}) returns every {{what}} with no limit: as the table grows, each request loads them all into memory and into the response. Fix: {{fix}}.',
      unboundedReadUnsure:
        '`{{call}}` ({{library}}) may return every {{what}}: {{why}}, so a bound may be in them, but none is visible here. Fix: {{fix}}.',
      unboundedSelect:
        '`{{callee}}` ({{library}}) sends a SELECT on `{{tables}}` with no LIMIT and no aggregate: it returns every {{what}}. Fix: add `LIMIT` and page on an indexed column (`… WHERE id > $1 ORDER BY id LIMIT 50`).',
      streamAccumulation:
        '`{{array}}.{{method}}` keeps every item of `{{source}}` in memory, which is what streaming it was meant to avoid. Fix: handle each item as it arrives, or flush in batches (`if ({{array}}.length >= 500) await flush({{array}}.splice(0))`).',
      streamIntoOneBuffer:
        '`{{array}}` collects every chunk of `{{source}}` and joins them into one value: the whole stream is held in memory, and no size limit is visible here. Fix: stop reading past a maximum (`if ((size += chunk.length) > MAX_BODY_BYTES) throw new PayloadTooLargeError()`), or pass the stream on (`await pipeline(stream, destination)`).',
      unboundedParallel:
        '`Promise.{{method}}` over `{{collection}}` ({{origin}}) starts one promise per element at once, with no bound on how many. Fix: cap the concurrency (`p-limit`, or chunks of 50) and cap the list\'s size at the boundary.',
      unboundedCache:
        'Module-level `{{name}}` is used as a cache but nothing ever removes an entry: it grows for the life of the process. Fix: use a bounded cache (`new LRUCache({ max: 1000, ttl })` from lru-cache) or delete entries when they expire.',
    },
    options: optionsSchema,
  },
  withPlan(finding, plan, options) {
    if (finding.messageId !== 'unboundedRead' && finding.messageId !== 'unboundedSelect') return undefined;
    // The figure belongs to the problem, before the message's own "Fix:" (reporters split the two there).
    const at = finding.message.search(/\s+Fix:\s/);
    const message = at < 0 ? `${finding.message} ${rowsSentence(plan.estimatedRows)}` : `${finding.message.slice(0, at)} ${rowsSentence(plan.estimatedRows)}${finding.message.slice(at)}`;
    return { severity: severityForRows(plan.estimatedRows, options), message };
  },
  async run(context) {
    await loadSqlParser();
    const vocabulary = loadVocabulary(context);
    for (const file of context.files) {
      const relative = path.relative(context.root, file.getFilePath()).split(path.sep).join('/');
      if (vocabulary.ignored(relative)) continue;
      reportOrmReads(file, context, vocabulary);
      reportRawSelects(file, context, vocabulary);
      if (context.options.accumulation) reportAccumulation(file, context, vocabulary);
    }
  },
});

type Vocabulary = ReturnType<typeof loadVocabulary>;

/** With EXPLAIN on, how many rows staging's planner expects decides how much the missing bound costs. */
function severityForRows(rows: number, options: UnboundedQueryOptions): 'error' | 'warning' | 'info' {
  if (rows >= options.estimatedRowsErrorFrom) return 'error';
  return rows < options.estimatedRowsInfoBelow ? 'info' : 'warning';
}

function rowsSentence(rows: number): string {
  return `EXPLAIN on staging estimates ${Math.round(rows).toLocaleString('en-US')} row${rows === 1 ? '' : 's'} for this query.`;
}

function loadVocabulary(context: CheckContext<UnboundedQueryOptions>) {
  const names = (key: string) => catalogSection(context.catalog, key, (e) => z.object({ name: z.string() }).strict().parse(e).name);
  const globs = catalogSection(context.catalog, 'unbounded-ignored-paths', (e) => z.object({ glob: z.string() }).strict().parse(e).glob);
  const smallTables = new Set(names('small-tables').map(normalizeTable));
  // `settings`, `siteSettings`, `app_settings`: configuration tables whose name ends in the word.
  const settingWords = ['setting', 'config', 'configuration'];
  return {
    queries: catalogSection(context.catalog, 'query-calls', (e) => queryCallSchema.parse(e)) as QueryCallPattern[],
    reads: catalogSection(context.catalog, 'unbounded-reads', (e) => unboundedReadSchema.parse(e)) as UnboundedRead[],
    uniqueKeys: names('unique-keys'),
    isSmallTable: (name: string) => smallTables.has(normalizeTable(name)) || settingWords.some((w) => normalizeTable(name).endsWith(w)),
    aggregates: new Set(names('sql-aggregates')),
    cacheNames: names('cache-names'),
    ignored: picomatch(globs, { dot: true }),
  };
}

/** `feature_flags`, `FeatureFlag`, `featureFlags` → featureflag. */
function normalizeTable(name: string): string {
  return name.toLowerCase().replace(/_/g, '').replace(/(ies)$/, 'y').replace(/s$/, '');
}

function reportOrmReads(file: SourceFile, context: CheckContext<UnboundedQueryOptions>, vocabulary: Vocabulary) {
  for (const call of descendantsOfKind(file, SyntaxKind.CallExpression)) {
    if (!isChainTop(call)) continue;
    const hit = matchQuery(call, vocabulary.queries);
    if (!hit || hit.pattern.operation !== 'read') continue;
    const verdict = unboundedRead(hit, vocabulary.reads, vocabulary.uniqueKeys);
    if (!verdict || vocabulary.isSmallTable(verdict.target)) continue;
    const what = verdict.filter.length > 0 ? `row matching \`${verdict.filter.join(', ')}\`` : 'row of the table';
    const data = { call: hit.text, library: verdict.entry.library, what, fix: verdict.entry.fix };
    if (verdict.certainty === 'unsure') {
      context.report({ node: verdict.call, messageId: 'unboundedReadUnsure', severity: 'info', data: { ...data, why: scopedModel(verdict.call) ? 'the model method before it (a scope or a filter method) may add a `where`' : 'its options are built elsewhere' } });
    } else {
      const severity = verdict.filter.length > 0 ? context.options.filteredSeverity : 'warning';
      context.report({ node: verdict.call, messageId: 'unboundedRead', severity, data });
    }
  }
}

function reportRawSelects(file: SourceFile, context: CheckContext<UnboundedQueryOptions>, vocabulary: Vocabulary) {
  for (const query of findSqlQueries(file, context.catalog)) {
    if (query.fragment) continue;
    const shape = unboundedSelect(query.sql.text, vocabulary.aggregates);
    if (!shape || shape.equalities.some((c) => vocabulary.uniqueKeys.includes(c))) continue;
    if (shape.tables.every((t) => vocabulary.isSmallTable(t))) continue;
    const where = /\bwhere\b/i.test(query.sql.text) ? 'matching row' : 'row';
    const severity = !query.sql.complete ? 'info' : where === 'row' ? 'warning' : context.options.filteredSeverity;
    context.report({
      node: query.node,
      messageId: 'unboundedSelect',
      severity,
      data: { callee: query.callee, library: query.library, tables: shape.tables.join('`, `'), what: where },
    });
  }
}

function reportAccumulation(file: SourceFile, context: CheckContext<UnboundedQueryOptions>, vocabulary: Vocabulary) {
  for (const loop of descendantsOfKind(file, SyntaxKind.ForOfStatement)) {
    if (!loop.isAwaited() || iteratesArray(loop.getExpression())) continue;
    for (const { push, array } of outerPushes(loop.getStatement())) {
      const method = (push.getExpression() as import('ts-morph').PropertyAccessExpression).getName();
      if (joinedAfter(loop, array)) {
        context.report({ node: push, messageId: 'streamIntoOneBuffer', severity: 'info', data: { array, source: compact(loop.getExpression().getText()) } });
        continue;
      }
      context.report({ node: push, messageId: 'streamAccumulation', data: { array, method, source: compact(loop.getExpression().getText()) }, related: [{ node: loop.getExpression(), message: 'the stream iterated here' }] });
    }
  }
  for (const call of descendantsOfKind(file, SyntaxKind.CallExpression)) {
    const parallel = parallelOverList(call);
    if (!parallel) continue;
    const input = requestInputSource(parallel.collection, context.catalog);
    if (!input) continue;
    context.report({ node: call, messageId: 'unboundedParallel', data: { method: parallel.method, collection: compact(parallel.collection.getText()), origin: input.description.replace(/^`[^`]*` /, '').replace(/[()]/g, '') } });
  }
  for (const cache of moduleCaches(file, vocabulary.cacheNames)) {
    // How many keys it gets (a locale, a model class, or every user id) is not visible in the code: info.
    context.report({ node: cache.declaration, messageId: 'unboundedCache', severity: 'info', data: { name: cache.name }, related: [{ node: cache.write, message: `\`${cache.name}\` grows here` }] });
  }
}

/**
 * `for await (const email of emailIds)` over an array already in memory: `for await` only awaits each
 * element; nothing streams, so collecting the results adds no unbounded memory of its own.
 */
function iteratesArray(expression: Node): boolean {
  const type = expression.getType();
  if (type.isArray() || type.isTuple()) return true;
  const declaration = Node.isIdentifier(expression) ? expression.getSymbol()?.getDeclarations()[0] : undefined;
  if (Node.isParameterDeclaration(declaration) || Node.isBindingElement(declaration)) {
    const initializer = declaration.getInitializer();
    if (initializer && Node.isArrayLiteralExpression(unwrap(initializer))) return true;
  }
  if (!Node.isVariableDeclaration(declaration)) return false;
  const initializer = declaration.getInitializer();
  if (!initializer) return false;
  const value = unwrap(initializer);
  // `const users = await repo.find(…)`: an awaited result is a value, not an async iterable.
  return Node.isArrayLiteralExpression(value) || Node.isAwaitExpression(value) || (Node.isCallExpression(value) && /\.(map|filter|slice|flat|flatMap|concat)$/.test(value.getExpression().getText()));
}

/**
 * `Buffer.concat(chunks)` / `chunks.join('')` after the loop: the code reads the whole stream into one value
 * on purpose (a request body, a file), so the question is its size limit, not streaming.
 */
function joinedAfter(loop: Node, array: string): boolean {
  const body = loop.getParentWhile((n) => !isFunctionLike(n)) ?? loop.getSourceFile();
  return body.getDescendantsOfKind(SyntaxKind.CallExpression).some((call) => {
    if (call.getStart() < loop.getEnd()) return false;
    const callee = call.getExpression().getText();
    if (callee === 'Buffer.concat') return call.getArguments()[0]?.getText() === array;
    return callee === `${array}.join`;
  });
}

/** `Promise.all(ids.map(fn))` → ids. */
function parallelOverList(call: CallExpression): { method: string; collection: Node } | undefined {
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee) || callee.getExpression().getText() !== 'Promise') return undefined;
  const method = callee.getName();
  if (method !== 'all' && method !== 'allSettled') return undefined;
  const arg = call.getArguments()[0] && unwrap(call.getArguments()[0]);
  if (!arg || !Node.isCallExpression(arg)) return undefined;
  const inner = arg.getExpression();
  if (!Node.isPropertyAccessExpression(inner) || inner.getName() !== 'map') return undefined;
  return { method, collection: inner.getExpression() };
}

function compact(text: string): string {
  return text.replace(/\s+/g, ' ').slice(0, 60);
}

export default unboundedQuery;
