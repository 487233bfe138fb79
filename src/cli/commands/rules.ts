import { Command } from 'commander';
import { registry } from '../../registry.js';

export function rulesCommand(): Command {
  return new Command('rules')
    .description('list the rules with their checklist item, default severity and docs')
    .option('--json', 'print as JSON')
    .addHelpText('after', `
query-plan/* rules run with --explain or when a staging database is configured.

Examples:
  $ plumbline rules
  $ plumbline rules --json`)
    .action((flags: { json?: boolean }) => {
      const rules = registry.rules;
      if (flags.json) {
        console.log(JSON.stringify(rules, null, 2));
        return;
      }
      const width = Math.max(...rules.map((r) => r.id.length)) + 2;
      for (const rule of rules) {
        console.log(`${rule.id.padEnd(width)}${rule.defaultSeverity.padEnd(9)}${rule.checklistItem.padEnd(26)}${rule.title}`);
        console.log(`${''.padEnd(width)}${rule.helpUri}`);
      }
    });
}
