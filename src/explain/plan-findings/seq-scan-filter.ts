import { filterColumns } from './index-suggestion.js';
import { formatCount, type PlanRule } from './plan-rule.js';

/** A sequential scan that reads a large table to keep a small part of it: an index on the filter would read only that part. */
export const seqScanFilter: PlanRule = {
  id: 'query-plan/seq-scan-filter',
  title: 'Sequential scan that discards most rows',
  description: 'A sequential scan reads a large table and keeps few of the rows it reads; an index on the filter columns reads only those rows.',
  defaultSeverity: 'warning',
  silentWhen: 'the scan reads fewer than `seqScanMinRows` rows (all loops), keeps more than `seqScanMaxKeptFraction` of them, or has no Filter (then it needs every row anyway).',
  check({ plan, thresholds }) {
    return plan.nodes
      .filter((n) => n.nodeType === 'Seq Scan' && n.filter && n.actualRowsTotal !== undefined && n.relation)
      .flatMap((n) => {
        const kept = n.actualRowsTotal ?? 0;
        const read = kept + (n.rowsRemovedByFilter ?? 0);
        if (read < thresholds.seqScanMinRows || kept / read > thresholds.seqScanMaxKeptFraction) return [];
        const columns = filterColumns(n.filter ?? '');
        // A pattern with a leading wildcard (LIKE '%x%') cannot use a b-tree: a trigram index can.
        const pattern = /\(?(\w+)\)?(?:::\w+)?\s+~~\*?\s+'%/.exec(n.filter ?? '');
        const index = pattern
          ? `CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE INDEX ON ${n.relation} USING gin (${pattern[1]} gin_trgm_ops);`
          : columns.length ? `CREATE INDEX ON ${n.relation} (${columns.join(', ')});` : undefined;
        return [
          {
            ruleId: this.id,
            node: n,
            message:
              `Sequential scan on \`${n.relation}\` reads ${formatCount(read)} rows to keep ${formatCount(kept)} (${((kept / read) * 100).toFixed(2)} %) ` +
              `with filter \`${n.filter}\`: the query reads the whole table on every call and slows down as the table grows. ` +
              (index ? `Index the filter columns: \`${index}\`` : 'Add an index that matches the filter.'),
            suggestion: index ?? undefined,
          },
        ];
      });
  },
};
