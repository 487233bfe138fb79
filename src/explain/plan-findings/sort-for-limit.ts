import { descendants, type PlanNode } from '../plan-reader.js';
import { indexForSortKeys } from './index-suggestion.js';
import { formatCount, type PlanRule } from './plan-rule.js';

/** Nodes that pass rows through in order between a Sort and the LIMIT above it. */
const PASS_THROUGH = new Set(['Gather Merge', 'Result', 'Subquery Scan', 'Unique']);

/**
 * The seed-000 incident: ORDER BY on a non-indexed column + LIMIT. PostgreSQL must read and sort every
 * row the join produces to return the first few; an index matching the ORDER BY lets it read them in
 * order and stop after LIMIT rows.
 */
export const sortForLimit: PlanRule = {
  id: 'query-plan/sort-for-limit',
  title: 'Sort of many rows to return a few (ORDER BY … LIMIT without a matching index)',
  description: 'A top-N or full sort reads every row of its input to feed a LIMIT; an index matching the ORDER BY returns the first rows without reading the rest.',
  defaultSeverity: 'error',
  silentWhen: 'the sort reads fewer than `sortMinRows` rows, or no LIMIT consumes its output.',
  check({ plan, thresholds }) {
    return plan.nodes
      .filter((n) => (n.nodeType === 'Sort' || n.nodeType === 'Incremental Sort') && limitAbove(n))
      .flatMap((sort) => {
        const input = sortInputRows(sort);
        if (input === undefined || input < thresholds.sortMinRows) return [];
        const limit = limitAbove(sort) as PlanNode;
        const keys = sort.sortKey ?? [];
        const index = indexForSortKeys(plan, keys, onlyRelation(sort));
        const returned = limit.actualRowsTotal ?? limit.planRows;
        const grouped = aggregatesBelow(sort);
        const fix = !index
          ? 'Create an index matching the ORDER BY so PostgreSQL can read the first rows in order and stop.'
          : grouped
            ? `An index cannot help while ${grouped} runs over every row first: pick the first rows in a subquery (\`FROM (SELECT … FROM ${index.table} ORDER BY ${keys.map((k) => k.replace(/^\w+\./, '')).join(', ')} LIMIT n) AS …\`), join and aggregate only those, and create the index it reads: \`${index.sql}\``
            : `Create an index matching the ORDER BY so PostgreSQL reads the first rows in order and stops: \`${index.sql}\``;
        return [
          {
            ruleId: this.id,
            node: sort,
            message:
              `\`ORDER BY ${keys.join(', ')}\` ${sort.actualRows === undefined ? 'is estimated to sort' : 'sorts'} ${formatCount(input)} rows${sort.sortMethod ? ` (${sort.sortMethod})` : ''} to return ${formatCount(returned)} for the LIMIT: ` +
              'every call reads and sorts the whole input, so its cost grows with the tables, not with the page size. ' +
              fix,
            suggestion: index?.sql,
          },
        ];
      });
  },
};

/** GROUP BY, DISTINCT or window functions below the sort: the index alone does not let the LIMIT stop early. */
function aggregatesBelow(sort: PlanNode): string | undefined {
  const names: Record<string, string> = { Aggregate: 'the GROUP BY', WindowAgg: 'a window function', Unique: 'DISTINCT', SetOp: 'a set operation' };
  const found = descendants(sort).find((n) => names[n.nodeType]);
  return found ? names[found.nodeType] : undefined;
}

function limitAbove(node: PlanNode): PlanNode | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (p.nodeType === 'Limit') return p;
    if (!PASS_THROUGH.has(p.nodeType)) return undefined;
  }
  return undefined;
}

/** Rows fed into the sort, over all processes (a parallel sort under Gather Merge runs in each worker). */
function sortInputRows(sort: PlanNode): number | undefined {
  const input = sort.children[0];
  return input?.actualRowsTotal ?? input?.planRows;
}

/** The table when the sort's input scans a single one (sort keys are then often unqualified). */
function onlyRelation(sort: PlanNode): string | undefined {
  const relations = new Set<string>();
  const visit = (n: PlanNode) => {
    if (n.relation) relations.add(n.relation);
    n.children.forEach(visit);
  };
  visit(sort);
  return relations.size === 1 ? [...relations][0] : undefined;
}
