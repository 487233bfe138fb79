import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Checklist } from './checklist-status.js';
import { BUILT_IN_CHECKLISTS, type PlumblineConfig } from './config/schema.js';
import { knownKeysAt } from './config/schema-keys.js';
import { locate, problemsError, problemsFromZod, type PathProblem } from './config/problems.js';
import { parseYamlSource } from './config/yaml-source.js';
import { UserError } from './errors.js';

export type { Checklist, ChecklistItem } from './checklist-status.js';

/** The checklists shipped with Plumbline (`checklists/*.yml` in the package). */
export const CHECKLISTS_DIR = fileURLToPath(new URL('../../checklists/', import.meta.url));

const itemSchema = z.strictObject({
  id: z.string().min(1).describe('Stable id, `<section>.<item>`; findings and the JSON report name it.'),
  title: z.string().min(1).describe('The question as the team wrote it.'),
  rules: z.array(z.string().min(1)).min(1).optional().describe('Rule ids that decide the item; `prefix/*` matches every rule under it.'),
  manual: z.boolean().optional().describe('true: left to the human reviewer.'),
});

export const checklistSchema = z.strictObject({
  id: z.string().min(1).describe('Checklist id, e.g. default.'),
  title: z.string().min(1).describe('Title shown above the checklist.'),
  sections: z
    .array(
      z.strictObject({
        id: z.string().min(1).describe('Section id.'),
        title: z.string().min(1).describe('Section title.'),
        items: z.array(itemSchema).min(1).describe('The questions of this section.'),
      }),
    )
    .min(1)
    .describe('Sections in the order they are shown.'),
});

/** The checklist the config names: a built-in one by name, or a file relative to the repository root. */
export async function resolveChecklist(config: Pick<PlumblineConfig, 'checklist'>, root: string): Promise<Checklist> {
  const name = config.checklist;
  if ((BUILT_IN_CHECKLISTS as readonly string[]).includes(name)) {
    return loadChecklistFile(path.join(CHECKLISTS_DIR, `${name}.yml`), `checklists/${name}.yml`);
  }
  const file = path.resolve(root, name);
  return loadChecklistFile(file, name, `checklist "${name}" is neither ${BUILT_IN_CHECKLISTS.join(' nor ')} nor a readable file (${file})`);
}

/** Reads and validates a checklist YAML file; every problem is listed with file:line and key. */
export async function loadChecklistFile(file: string, source: string, notFound?: string): Promise<Checklist> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new UserError(notFound ?? `cannot read checklist ${source}`);
  }
  const yaml = parseYamlSource(text, source);
  const problems = checklistProblems(yaml.value);
  if (problems.length > 0) throw problemsError(locate(problems, yaml), 'checklist');
  const parsed = checklistSchema.parse(yaml.value);
  return {
    id: parsed.id,
    title: parsed.title,
    sections: parsed.sections.map((section) => ({
      id: section.id,
      title: section.title,
      items: section.items.map((item) => ({ id: item.id, title: item.title, rules: item.rules ?? [], manual: item.manual === true })),
    })),
  };
}

/** Schema problems, then what a schema cannot say: each item is decided by rules or manual (not both), ids are unique. */
export function checklistProblems(value: unknown): PathProblem[] {
  const parsed = checklistSchema.safeParse(value);
  if (!parsed.success) return problemsFromZod(parsed.error.issues, value, (p) => knownKeysAt(checklistSchema, p));
  const problems: PathProblem[] = [];
  const seen = new Set<string>();
  parsed.data.sections.forEach((section, s) => {
    if (seen.has(section.id)) problems.push({ path: ['sections', s, 'id'], message: `duplicate id "${section.id}"` });
    seen.add(section.id);
    section.items.forEach((item, i) => {
      const at = ['sections', s, 'items', i];
      if (seen.has(item.id)) problems.push({ path: [...at, 'id'], message: `duplicate id "${item.id}"` });
      seen.add(item.id);
      const automated = (item.rules?.length ?? 0) > 0;
      if (automated === (item.manual === true)) {
        problems.push({ path: at, message: automated ? 'has both rules and manual: true; choose one' : 'needs rules (the rule ids that decide it) or manual: true' });
      }
    });
  });
  return problems;
}
