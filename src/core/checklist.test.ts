import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checklistProblems, resolveChecklist } from './checklist.js';
import { parseYamlSource } from './config/yaml-source.js';
import { locate, formatProblem } from './config/problems.js';

describe('built-in checklists', () => {
  it.each(['default', 'senior-backend'])('%s loads, with unique ids and every item decided by rules or manual', async (name) => {
    const checklist = await resolveChecklist({ checklist: name }, '/nowhere');
    expect(checklist.id).toBe(name);
    const items = checklist.sections.flatMap((s) => s.items);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    for (const item of items) expect(item.manual).toBe(item.rules.length === 0);
  });

  it('default.yml has the six questions of the team checklist, silent failures decided by silent-failure', async () => {
    const checklist = await resolveChecklist({ checklist: 'default' }, '/nowhere');
    expect(checklist.sections.map((s) => s.id)).toEqual(['right-problem', 'correct', 'observable', 'performs', 'safe', 'maintainable']);
    expect(checklist.sections[1].items.find((i) => i.id === 'correct.silent-failures')).toEqual({
      id: 'correct.silent-failures',
      title: 'No silent failures (uncaught promise rejections)?',
      rules: ['silent-failure'],
      manual: false,
    });
  });
});

describe('a checklist file of the team', () => {
  it('is read relative to the repository root', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'plumbline-checklist-'));
    writeFileSync(path.join(root, 'team.yml'), 'id: team\ntitle: Team\nsections:\n  - id: s\n    title: S\n    items:\n      - { id: s.a, title: A, rules: [n-plus-one] }\n      - { id: s.b, title: B, manual: true }\n');
    expect(await resolveChecklist({ checklist: 'team.yml' }, root)).toEqual({
      id: 'team',
      title: 'Team',
      sections: [{ id: 's', title: 'S', items: [{ id: 's.a', title: 'A', rules: ['n-plus-one'], manual: false }, { id: 's.b', title: 'B', rules: [], manual: true }] }],
    });
  });

  it('a missing file says what was expected', async () => {
    await expect(resolveChecklist({ checklist: 'nope.yml' }, '/tmp')).rejects.toThrow('checklist "nope.yml" is neither default nor senior-backend nor a readable file (/tmp/nope.yml)');
  });

  const invalid: Array<{ name: string; yaml: string; errors: string[] }> = [
    {
      name: 'an item with neither rules nor manual, and one with both',
      yaml: 'id: t\ntitle: T\nsections:\n  - id: s\n    title: S\n    items:\n      - id: s.a\n        title: A\n      - { id: s.b, title: B, rules: [x], manual: true }\n',
      errors: ['team.yml:7: sections[0].items[0]: needs rules (the rule ids that decide it) or manual: true', 'team.yml:9: sections[0].items[1]: has both rules and manual: true; choose one'],
    },
    {
      name: 'duplicate ids',
      yaml: 'id: t\ntitle: T\nsections:\n  - id: s\n    title: S\n    items:\n      - { id: s.a, title: A, manual: true }\n      - { id: s.a, title: B, manual: true }\n',
      errors: ['team.yml:8: sections[0].items[1].id: duplicate id "s.a"'],
    },
    {
      name: 'unknown keys and missing titles',
      yaml: 'id: t\ntitle: T\nsections:\n  - id: s\n    items:\n      - { id: s.a, title: A, manaul: true }\n',
      errors: [
        'team.yml:4: sections[0].title: expected a string, got nothing',
        'team.yml:6: sections[0].items[0].manaul: unknown key (known keys: id, title, rules, manual)',
      ],
    },
  ];
  it.each(invalid)('$name', ({ yaml, errors }) => {
    const source = parseYamlSource(yaml, 'team.yml');
    expect(locate(checklistProblems(source.value), source).map(formatProblem)).toEqual(errors);
  });
});
