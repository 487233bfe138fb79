import { describe, expect, it } from 'vitest';
import type { PlanNode, ReadPlan } from '../plan-reader.js';
import { indexForSortKeys } from './index-suggestion.js';

// Sort keys as PostgreSQL prints them, with the aliases ORMs give tables (Sequelize and TypeORM quote them).
const scan = { id: 2, nodeType: 'Seq Scan', parallelAware: false, relation: 'orders', alias: 'Order', planRows: 1, totalCost: 1, parallelism: 1, children: [] } as unknown as PlanNode;
const plan = { root: scan, nodes: [scan], analyzed: true, timed: true } as ReadPlan;

describe('indexForSortKeys', () => {
  it.each([
    [['"Order".created_at DESC'], 'CREATE INDEX ON orders (created_at);'],
    [['"Order"."createdAt" DESC', '"Order".id DESC'], 'CREATE INDEX ON orders ("createdAt", id);'],
    [['orders.status', 'created_at DESC'], 'CREATE INDEX ON orders (status, created_at DESC);'],
    [['created_at'], 'CREATE INDEX ON orders (created_at);'],
  ])('%j → %s', (keys, sql) => {
    expect(indexForSortKeys(plan, keys, 'orders')?.sql).toBe(sql);
  });

  it('gives nothing for a key it cannot read', () => {
    expect(indexForSortKeys(plan, ['lower(("Order".email)::text)'])).toBeUndefined();
  });
});
