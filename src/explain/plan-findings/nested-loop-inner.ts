import { formatCount, formatMs, type PlanRule } from './plan-rule.js';

/** A nested loop whose inner side runs once per outer row, many times over. */
export const nestedLoopInner: PlanRule = {
  id: 'query-plan/nested-loop-inner',
  title: 'Nested loop running its inner side many times',
  description: 'The inner side of a nested loop runs once per outer row; thousands of runs of even a fast scan add up, and the count grows with the outer table.',
  defaultSeverity: 'warning',
  silentWhen: 'the inner side runs fewer than `nestedLoopMinLoops` times, or takes under 10 % of the query time.',
  check({ plan, thresholds }) {
    const total = plan.root.inclusiveMs ?? plan.executionMs ?? 0;
    return plan.nodes
      .filter((n) => n.nodeType === 'Nested Loop' && n.children.length === 2)
      .flatMap((loop) => {
        const inner = loop.children[1];
        const loops = inner.loops ?? 0;
        if (loops < thresholds.nestedLoopMinLoops) return [];
        if (inner.inclusiveMs !== undefined && total > 0 && inner.inclusiveMs < total * 0.1) return [];
        const what = `${inner.nodeType}${inner.relation ? ` on \`${inner.relation}\`` : ''}`;
        const cond = inner.indexCond ?? inner.filter ?? loop.joinFilter;
        return [
          {
            ruleId: this.id,
            node: inner,
            message:
              `The inner side of a nested loop (${what}) runs ${formatCount(loops)} times${inner.inclusiveMs !== undefined ? `, ${formatMs(inner.inclusiveMs)} in all` : ''}: ` +
              'the work grows with every outer row. ' +
              (inner.nodeType === 'Seq Scan'
                ? `Index the join column${cond ? ` (\`${cond}\`)` : ''} of \`${inner.relation}\`, or let PostgreSQL hash-join by fixing the outer row estimate (ANALYZE).`
                : 'Check the outer row estimate (ANALYZE); with many outer rows a hash join reads the inner table once.'),
          },
        ];
      });
  },
};
