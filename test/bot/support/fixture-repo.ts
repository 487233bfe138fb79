import { TempGitRepo } from '../../support/temp-git-repo.js';

/** `src/orders.ts` on main: one risky() call that predates the PR (never commented on). */
export const BASE_ORDERS = [
  "import { risky, shaky, safe } from './lib';", // 1
  '', // 2
  'export function listOrders(id: string) {', // 3
  '  risky(id);', // 4: old, unchanged
  '  return safe(id);', // 5
  '}', // 6
  '',
].join('\n');

export const LIB = ['export function risky(_: string) {}', 'export function shaky(_: string) {}', 'export function safe(_: string) { return 1; }', 'export function explode() {}', ''].join('\n');

export const CONFIG = ['failOn: error', 'checklist: .github/team-checklist.yml', 'github:', '  maxInlineComments: 25', ''].join('\n');

/** A team checklist: one item decided by the stand-in check, one left to the human reviewer. */
export const CHECKLIST = [
  'id: team',
  'title: Team checklist',
  'sections:',
  '  - id: safe',
  '    title: Is it safe?',
  '    items:',
  '      - id: safe.risky',
  '        title: No risky calls?',
  '        rules: [risky-call]',
  '      - id: safe.input',
  '        title: User input validated at the boundary?',
  '        manual: true',
  '',
].join('\n');

/** The repository with main (base) committed; a PR branch is added by each test. */
export function baseRepository(config: string | undefined = CONFIG): { repo: TempGitRepo; base: string } {
  const repo = TempGitRepo.create();
  const files: Record<string, string> = {
    'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'NodeNext' } }),
    'src/lib.ts': LIB,
    'src/orders.ts': BASE_ORDERS,
    '.github/team-checklist.yml': CHECKLIST,
  };
  if (config !== undefined) files['.github/plumbline.yml'] = config;
  const base = repo.commit('main', files);
  repo.git('checkout', '-q', '-b', 'feature');
  return { repo, base };
}
