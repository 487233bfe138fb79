import { describe, expect, it } from 'vitest';
import { useApp } from './support/app-fixture.js';

const app = useApp();

describe('the GitHub App at the limits', () => {
  it('a PR with 3,000 files and 600 findings: every page of files read, annotations in batches of 50, inline comments capped, summary cut to the size limit', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 3000; i++) files[`src/gen/file-${String(i).padStart(4, '0')}.ts`] = i < 600 ? `import { risky } from '../lib';\nrisky('${i}');\n` : `export const value${i} = ${i};\n`;
    const head = app.repo.commit('3,000 files', files);
    const started = performance.now();
    await app.push(7, head, { action: 'opened' });
    const seconds = (performance.now() - started) / 1000;

    expect(app.github.requestsTo('GET', /\/pulls\/7\/files$/)).toHaveLength(30);
    const run = app.github.checkRuns[0];
    expect(run).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(run.annotations).toHaveLength(600);
    expect(app.github.requestsTo('PATCH', /\/check-runs\/\d+$/).map((r) => ((r.body as { output: { annotations?: unknown[] } }).output.annotations ?? []).length)).toEqual(Array(12).fill(50));
    expect(app.github.reviewComments).toHaveLength(25);
    const summary = app.github.issueComments[0].body;
    expect(summary).toContain('575 more new findings not posted inline: at most 25 inline comments per push');
    // 600 findings do not fit the size limits: both bodies are cut with a notice, never refused.
    expect(Array.from(summary).length).toBeLessThanOrEqual(65_536);
    expect(summary).toContain("This comment is shortened to fit GitHub's size limit: ");
    expect(summary).toMatch(/\d+ findings of 600 left out/);
    expect(Array.from(run.output.summary ?? '').length).toBeLessThanOrEqual(65_535);
    console.log(`3,000-file PR reviewed in ${seconds.toFixed(1)} s`);
  }, 120_000);

  it('a broken config is reported in the check run, not crashed on', async () => {
    app.repo.git('checkout', '-q', 'main');
    const base = app.repo.commit('break the config', { '.github/plumbline.yml': 'failOn: sometimes\nrules:\n  no-such-rule: error\n' });
    app.repo.git('checkout', '-q', '-B', 'feature');
    const head = app.repo.commit('push', { 'src/orders.ts': "import { risky } from './lib';\nrisky('x');\n" });
    await app.push(7, head, { action: 'opened', pull: { baseSha: base } });
    const run = app.github.checkRuns[0];
    expect(run).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: 'Configuration error in .github/plumbline.yml' } });
    expect(run.output.summary).toContain('failOn');
    expect(run.output.summary).toContain('no-such-rule');
    expect(app.github.issueComments).toHaveLength(0);

    // YAML that does not parse is reported the same way.
    app.repo.git('checkout', '-q', 'main');
    const broken = app.repo.commit('unparseable', { '.github/plumbline.yml': 'rules: [unclosed\n' });
    app.github.pulls.get(7)!.baseSha = broken;
    await app.push(7, head);
    expect(app.github.checkRuns[1]).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(app.github.checkRuns[1].output.summary).toContain('invalid YAML');
  });

  it('a finding GitHub will not take on its line goes to a file-level comment; a large file without a patch is compared by contents', async () => {
    const lines = Array.from({ length: 40 }, (_, i) => `export const v${i} = ${i};`);
    app.repo.git('checkout', '-q', 'main');
    const base = app.repo.commit('big file', { 'src/big.ts': `${lines.join('\n')}\n` });
    app.repo.git('checkout', '-q', '-B', 'feature');
    const changed = [...lines];
    changed.splice(20, 0, "import { risky } from './lib';", "risky('in a big file');");
    const head = app.repo.commit('change the big file', { 'src/big.ts': `${changed.join('\n')}\n` });
    // GitHub leaves the patch of large files out of the files list, and refuses line comments on them.
    await app.push(7, head, { action: 'opened', pull: { baseSha: base, omitPatchFor: ['src/big.ts'] } });

    expect(app.github.checkRuns[0].annotations.map((a) => [a.path, a.start_line])).toEqual([['src/big.ts', 22]]);
    expect(app.github.requestsTo('POST', /\/pulls\/7\/reviews$/)).toHaveLength(1);
    expect(app.github.reviewComments.map((c) => [c.path, c.subject_type, c.body.split('\n')[0].slice(0, 12)])).toEqual([['src/big.ts', 'file', '`Line 22` — ']]);
    expect(app.github.requestsTo('GET', /\/contents\/src(%2F|\/)big\.ts$/).map((r) => r.query.get('ref'))).toEqual([base]);
  });
});
