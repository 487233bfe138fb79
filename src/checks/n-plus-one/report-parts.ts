import { Node } from 'ts-morph';
import type { RelatedNode } from '../../core/check.js';
import type { CallSite, Reach } from '../../analysis/function-summary.js';
import type { Iteration } from '../../analysis/loops.js';
import type { QueryHit } from '../../analysis/query-call.js';

/** What a finding says about the iteration: the collection, whether it runs in parallel, the related line. */
export function loopParts(iteration: Iteration) {
  const collection = short(iteration.collection?.getText() ?? 'the loop');
  const parallel = iteration.parallel
    ? ', concurrently through `Promise.all` (still one round trip each, and up to N pooled connections at once)'
    : '';
  const related =
    iteration.kind === 'callback'
      ? `\`${collection}.${iteration.method}\` calls its callback once per element`
      : `${LOOP_WORDS[iteration.kind]} over \`${collection}\``;
  return { collection, parallel, related };
}

const LOOP_WORDS: Record<Iteration['kind'], string> = {
  for: '`for` loop',
  'for-of': '`for…of` loop',
  'for-in': '`for…in` loop',
  'for-await': '`for await` loop',
  while: '`while` loop',
  'do-while': '`do…while` loop',
  callback: 'callback',
};

const COST: Record<QueryHit['pattern']['operation'], string> = {
  read: 'N queries where one would do — the time grows with the list, and each holds a pooled connection.',
  write: 'N statements where one would do — N round trips, and N index updates and WAL flushes outside a batch.',
  cache: 'N cache round trips where one would do — network latency times N.',
  http: 'N HTTP requests where one would do — latency times N, and N times the load on the service.',
};

/** The subject, the chain and the fix of a finding whose call in the loop is `site`, over `collection`. */
export function queryParts(site: CallSite, reach: Reach<QueryHit>, collection = 'items') {
  const { hit, links } = reach;
  const callee = short(calleeText(site));
  const subject =
    links.length === 0 ? `\`${hit.text}\` (${hit.pattern.library}) runs` : `\`${callee}\` runs \`${hit.text}\` (${hit.pattern.library})`;
  const via = links.length === 0 ? '' : ` (via ${links.map((l) => `\`${l.name}\``).join(' → ')})`;
  const batchMethod = links.length > 0 ? ` Give \`${links[links.length - 1].name}\` a batch variant that takes all the keys.` : '';
  const suggestion =
    hit.pattern.operation === 'write'
      ? `Build the rows inside the loop over \`${collection}\` and write them after it in one statement.${batchMethod}`
      : `Before the loop, collect the keys (\`const keys = ${collection}.map((item) => item.<key>)\`), make one call for all of them, ` +
        `index the result (\`new Map(rows.map((row) => [row.<key>, row]))\`) and read from that map inside the loop.${batchMethod}`;
  return { callee, data: { subject, via, cost: COST[hit.pattern.operation], fix: hit.pattern.fix }, suggestion };
}

/** Each link of the chain (where the function is declared, where it goes on), then the query itself. */
export function chainRelated(reach: Reach<QueryHit>): RelatedNode[] {
  const related: RelatedNode[] = [];
  reach.links.forEach((link, i) => {
    const next = reach.links[i + 1]?.call ?? reach.hit.site;
    const nameNode = (link.declaration as Node & { getNameNode?: () => Node | undefined }).getNameNode?.() ?? link.declaration;
    related.push({ node: nameNode, message: `\`${link.name}\` is declared here` });
    related.push({ node: next, message: `\`${link.name}\` calls \`${short(calleeText(next))}\` here` });
  });
  related.push({ node: reach.hit.site, message: `\`${reach.hit.text}\` queries ${reach.hit.pattern.library} here` });
  // A direct call is the finding itself; its own line needs no second mention.
  return reach.links.length === 0 ? [] : related.filter((r, i, all) => all.findIndex((o) => o.node === r.node) === i);
}

function calleeText(site: CallSite): string {
  const callee = Node.isCallExpression(site) ? site.getExpression() : site.getTag();
  return callee.getText().replace(/\s+/g, '');
}

function short(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 57)}…` : flat;
}
