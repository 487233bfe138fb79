import { describe, expect, it } from 'vitest';
import { plumbline, tempRepo } from '../support/cli.js';

describe('catalog entries are validated when the config loads (built binary)', () => {
  it('a bad catalog: entry fails review before analysis with file:line and exit 2, though the check that reads it is off', () => {
    const config = [
      'rules:',
      '  magic-number: off',
      'catalog:',
      '  magic-number-arguments:',
      '    - id: acme.cache.put',
      '      methods: [put]',
      '      argument: third',
      '      quantity: cache TTL',
      '      suffix: CACHE_TTL_SECONDS',
      '',
    ].join('\n');
    // A file that does not parse would be reported by the review: nothing is, so nothing was analysed.
    const repo = tempRepo({ '.plumbline.yml': config, 'src/a.ts': 'export const broken = ;\n' });
    const run = plumbline(['review', '--all', '--format', 'json'], { cwd: repo });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('plumbline: invalid configuration: .plumbline.yml:7: catalog.magic-number-arguments[0].argument: expected a number, got "third"\n');
  });
});
