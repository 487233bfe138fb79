import { SyntaxKind } from 'ts-morph';
import { defineCheck } from '../../../src/core/check.js';

/**
 * A stand-in check for the bot tests: `risky(…)` is blocking, `shaky(…)` optional, `explode(…)` makes
 * the check throw (an analysis error). The bot's behaviour does not depend on which check found what.
 */
export const riskyCall = defineCheck({
  id: 'risky-call',
  meta: {
    title: 'Risky call',
    description: 'Reports calls to risky() and shaky() in the bot tests.',
    checklistItem: 'safe.sql-concatenation',
    defaultSeverity: 'error',
    messages: {
      risky: '`{{text}}` runs a risky operation on every request, so a bad input reaches the database',
      shaky: '`{{text}}` may fail silently',
    },
  },
  run(context) {
    for (const file of context.files) {
      for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
        const name = call.getExpression().getText();
        if (name === 'explode') throw new Error('check exploded on purpose');
        if (name === 'risky') context.report({ node: call, messageId: 'risky', data: { text: call.getText() }, suggestion: 'call `safe()` with a parameter instead' });
        if (name === 'shaky') context.report({ node: call, messageId: 'shaky', data: { text: call.getText() }, severity: 'warning' });
      }
    }
  },
});
