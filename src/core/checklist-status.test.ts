import { describe, expect, it } from 'vitest';
import { evaluateChecklist, checklistItemFor, type Checklist } from './checklist-status.js';
import type { Finding } from './finding.js';

const checklist: Checklist = {
  id: 't',
  title: 'T',
  sections: [
    {
      id: 'performs',
      title: 'Will it perform?',
      items: [
        { id: 'performs.indexes', title: 'Indexes', rules: ['query-plan/*'], manual: false },
        { id: 'performs.n-plus-one', title: 'N+1', rules: ['n-plus-one'], manual: false },
        { id: 'performs.memory', title: 'Memory', rules: [], manual: true },
      ],
    },
  ],
};
const finding = (ruleId: string): Finding => ({ ruleId, severity: 'warning', path: 'a.ts', line: 1, column: 1, endLine: 1, endColumn: 2, message: 'm', checklistItem: '', fingerprint: 'f' });

describe('evaluateChecklist', () => {
  it('fails items with findings, passes items whose rules ran clean, leaves the rest manual', () => {
    const result = evaluateChecklist(checklist, [finding('n-plus-one'), finding('n-plus-one')], ['n-plus-one']);
    expect(result.map((r) => [r.id, r.status, r.findings])).toEqual([
      ['performs.indexes', 'manual', 0], // no database: query plans did not run, so nobody checked
      ['performs.n-plus-one', 'failed', 2],
      ['performs.memory', 'manual', 0],
    ]);
    expect(evaluateChecklist(checklist, [], ['n-plus-one', 'query-plan/seq-scan'])[0].status).toBe('passed');
  });

  it('maps query-plan rules through the prefix pattern', () => {
    expect(checklistItemFor(checklist, 'query-plan/sort-without-index')).toBe('performs.indexes');
    expect(checklistItemFor(checklist, 'pii-in-logs')).toBeUndefined();
  });

  it('an item whose rules could not read a changed file is unchecked, never passed; findings still fail it', () => {
    const broken = [{ path: 'src/a.ts', reason: 'syntax error at line 3' }];
    const result = evaluateChecklist(checklist, [], ['n-plus-one'], broken);
    expect(result.map((r) => [r.id, r.status, r.reasons])).toEqual([
      ['performs.indexes', 'manual', undefined], // query plans did not run at all: a file-wide part does not make it unchecked
      ['performs.n-plus-one', 'unchecked', ['src/a.ts: syntax error at line 3']],
      ['performs.memory', 'manual', undefined],
    ]);
    expect(evaluateChecklist(checklist, [finding('n-plus-one')], ['n-plus-one'], broken)[1].status).toBe('failed');
  });

  it('a part that names its rules (a query EXPLAIN could not run) leaves only their items unchecked', () => {
    const query = [{ path: 'src/r.ts', reason: 'query r.ts:4 timed out', rules: ['query-plan/*'] }];
    const result = evaluateChecklist(checklist, [], ['n-plus-one', 'query-plan/seq-scan'], query);
    expect(result.map((r) => r.status)).toEqual(['unchecked', 'passed', 'manual']);
  });
});
