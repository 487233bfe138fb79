#!/usr/bin/env node
// `npm run new-check <id> [-- --root <dir>]`: scaffolds src/checks/<id>/{index.ts,docs.md,<id>.test.ts}
// from the shape of the built-in checks and adds the check to src/checks/registry.ts.
// --root writes into another copy of the repository (the scaffold's own test uses it).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const usage = 'usage: npm run new-check <id> [-- --root <dir>]   (id in kebab-case, e.g. missing-timeout)';

function fail(message) {
  process.stderr.write(`new-check: ${message}\n`);
  process.exit(2);
}

function parseArgs(argv) {
  let id;
  let root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--root') {
      if (!argv[i + 1]) fail(`--root needs a directory. ${usage}`);
      root = path.resolve(argv[++i]);
    } else if (argv[i].startsWith('-')) fail(`unknown option ${argv[i]}. ${usage}`);
    else if (id) fail(`one id only, got ${id} and ${argv[i]}. ${usage}`);
    else id = argv[i];
  }
  if (!id) fail(`no id given. ${usage}`);
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(id)) fail(`"${id}" is not kebab-case (lowercase words joined by "-", e.g. missing-timeout)`);
  return { id, root };
}

const camel = (id) => id.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
const title = (id) => id.charAt(0).toUpperCase() + id.slice(1).replaceAll('-', ' ');

const indexTemplate = (id) => `// Checklist item \`TODO.checklist-item\` — "TODO: the checklist question" (checklists/default.yml).
import { SyntaxKind } from 'ts-morph';
import { z } from 'zod';
import { defineCheck } from '../../core/check.js';

const optionsSchema = z
  .strictObject({
    functions: z.array(z.string()).default(['legacyCall']).describe('Functions whose calls are reported (TODO: the real options).'),
  })
  .describe('Options of ${id}.');

export default defineCheck({
  id: '${id}',
  meta: {
    title: '${title(id)}',
    description: 'TODO: one sentence: what the check finds and why it matters.',
    checklistItem: 'TODO.checklist-item',
    defaultSeverity: 'warning',
    messages: {
      call: '\`{{callee}}\` is called here: TODO say what is wrong, why it matters and the concrete fix.',
    },
    options: optionsSchema,
  },
  run(context) {
    const names = new Set(context.options.functions);
    for (const file of context.files) {
      for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
        const callee = call.getExpression().getText();
        if (names.has(callee)) context.report({ node: call, messageId: 'call', data: { callee } });
      }
    }
  },
});
`;

const testTemplate = (id) => `import { checkTester, type InvalidCase, type ValidCase } from '../../../test/support/check-tester.js';
import ${camel(id)} from './index.js';

// Each case runs with and without the libraries' type declarations (\`only: 'types' | 'no-types'\` for one).
const valid: Array<ValidCase<typeof ${camel(id)}>> = [
  { name: 'a call to another function', code: 'declare function modernCall(): void;\\nexport function f() { modernCall(); }\\n' },
  // Only the functions named in the options are reported (default: legacyCall).
  { name: 'a function the options do not name', code: 'declare function oldApi(): void;\\nexport function f() { oldApi(); }\\n' },
];

const invalid: Array<InvalidCase<typeof ${camel(id)}>> = [
  {
    name: 'a call to legacyCall',
    code: 'declare function legacyCall(): void;\\nexport function f() {\\n  legacyCall();\\n}\\n',
    errors: [{ line: 3, column: 3, messageId: 'call', message: '\`legacyCall\`' }],
  },
  {
    name: 'functions: a call named in the option',
    options: { functions: ['oldApi'] },
    code: 'declare function oldApi(): void;\\nexport function f() { oldApi(); }\\n',
    errors: [{ line: 2, column: 23, messageId: 'call', message: '\`oldApi\`' }],
  },
];

checkTester(${camel(id)}).run({ valid, invalid });
`;

const docsTemplate = (id) => `# ${id}

TODO: what the check finds and why it matters, in two or three sentences. It decides checklist item
\`TODO.checklist-item\` ("TODO: the checklist question", checklists/default.yml).

## What is reported

| message | when | severity |
|---|---|---|
| \`call\` | TODO: a call to one of the \`functions\` of the options | warning |

## What is not reported, and why

- TODO: each near miss the check leaves alone, and why.

## Options

\`\`\`yaml
rules:
  ${id}:
    severity: warning        # or error, info, off
    options:
      functions: [legacyCall]  # TODO: the real options
\`\`\`

To suppress one finding: \`// plumbline-ignore-next-line ${id} -- <why>\`.
`;

/** The registry's text with the check's import and entry added (nothing is written if its shape is unexpected). */
function withCheck(registryPath, id) {
  const text = readFileSync(registryPath, 'utf8');
  const lines = text.split('\n');
  const lastImport = lines.findLastIndex((l) => /^import \w+ from '\.\/[a-z0-9-]+\/index\.js';$/.test(l));
  const end = lines.findLastIndex((l) => l === '];');
  if (lastImport < 0 || end < 0) fail(`${registryPath} does not have the expected shape (check imports, then \`export const checks = [...];\`)`);
  lines.splice(end, 0, `  ${camel(id)},`);
  lines.splice(lastImport + 1, 0, `import ${camel(id)} from './${id}/index.js';`);
  return lines.join('\n');
}

const { id, root } = parseArgs(process.argv.slice(2));
const checksDir = path.join(root, 'src', 'checks');
const registryPath = path.join(checksDir, 'registry.ts');
if (!existsSync(registryPath)) fail(`no ${path.relative(process.cwd(), registryPath) || registryPath}: --root must be a Plumbline repository`);
const folder = path.join(checksDir, id);
if (existsSync(folder) || readFileSync(registryPath, 'utf8').includes(`'./${id}/index.js'`)) fail(`check "${id}" already exists (src/checks/${id})`);
const registry = withCheck(registryPath, id);
mkdirSync(folder);
writeFileSync(path.join(folder, 'index.ts'), indexTemplate(id));
writeFileSync(path.join(folder, `${id}.test.ts`), testTemplate(id));
writeFileSync(path.join(folder, 'docs.md'), docsTemplate(id));
writeFileSync(registryPath, registry);
process.stdout.write(
  `created src/checks/${id}/{index.ts,${id}.test.ts,docs.md} and added it to src/checks/registry.ts.\n` +
    `Next: replace the TODOs, add the checklist item's rule in checklists/default.yml and a row in the README's check table, ` +
    `then npx vitest run src/checks/${id} test/checks/docs.test.ts\n`,
);
