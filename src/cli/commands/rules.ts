import { Command } from 'commander';
import { checks } from '../../checks/registry.js';
import { ruleInfoOf } from '../../core/rule-info.js';

export function rulesCommand(): Command {
  return new Command('rules')
    .description('list the rules with their checklist item, default severity and docs')
    .option('--json', 'print as JSON')
    .addHelpText('after', `
Examples:
  $ plumbline rules
  $ plumbline rules --json`)
    .action((flags: { json?: boolean }) => {
      const rules = checks.map(ruleInfoOf);
      if (flags.json) {
        console.log(JSON.stringify(rules, null, 2));
        return;
      }
      for (const rule of rules) {
        console.log(`${rule.id.padEnd(20)} ${rule.defaultSeverity.padEnd(8)} ${rule.checklistItem.padEnd(28)} ${rule.title}`);
        console.log(`${''.padEnd(20)} ${rule.helpUri}`);
      }
      console.log(`${'query-plan/*'.padEnd(20)} ${'warning'.padEnd(8)} ${'performs.indexes'.padEnd(28)} EXPLAIN ANALYZE findings (with --explain or a database configured)`);
    });
}
