/**
 * Benchmark (not a test): webhook → check run completed for a pull request of `changed` files,
 * through the App's real HTTP path and its real GitHub client (write pacing and rate-limit handling
 * as in production), against the local fake GitHub. Prints the total, the analysis alone (the review
 * pipeline's own duration in that run, reported by the App) and the difference: Plumbline's own time
 * (webhook, queue, tarball, contents, GitHub writes). Target: own time ≤ 5 s for a 20-file PR.
 *
 *   npx tsx bench/app-latency.ts [changed=20] [files=200] [runs=3]
 */
import { checks } from '../src/checks/registry.js';
import { TempGitRepo } from '../test/support/temp-git-repo.js';
import type { JobOutcome } from '../src/bot/review-pull-request.js';
import { PlumblineOctokit } from '../src/github/octokit.js';
import { INSTALLATION, startTestBot, WEBHOOK_SECRET } from '../test/bot/support/bot-harness.js';
import { FakeGitHub } from '../test/bot/support/fake-github.js';
import { deliver } from '../test/bot/support/webhooks.js';
import { generateRepo } from './generate-repo.js';

const changed = Number(process.argv[2] ?? 20);
const files = Number(process.argv[3] ?? 200);
const runs = Number(process.argv[4] ?? 3);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const repo = TempGitRepo.create({ init: false });
await generateRepo({ dir: repo.root, files, changedFiles: changed });
const head = repo.git('rev-parse', 'HEAD').trim();
const base = repo.git('rev-parse', 'HEAD~1').trim();
const github = await new FakeGitHub('acme', 'bench', repo).start();
const outcomes = new Map<number, JobOutcome>();
const bot = await startTestBot(github, checks, {}, PlumblineOctokit, { onOutcome: (pr, outcome) => outcomes.set(pr.number, outcome) });

console.log(`App: webhook → check run completed, ${changed}-file PR in a ${files}-file repository, median of ${runs} runs, ${process.version}`);
console.log('run | total (ms) | analysis (ms) | own time (ms) | GitHub requests | writes | findings');
const totals: number[] = [];
const own: number[] = [];
try {
  for (let run = 1; run <= runs; run++) {
    const number = run;
    github.addPull({ number, headSha: head, baseSha: base });
    const before = github.requests.length;
    const started = performance.now();
    const payload = { action: 'opened', number, pull_request: github.pullPayload(number), repository: github.repoPayload(), installation: INSTALLATION, sender: { login: 'author', type: 'User' } };
    await deliver(bot.webhookUrl, 'pull_request', payload, WEBHOOK_SECRET);
    while (!github.checkRuns.some((r) => r.status === 'completed' && r.external_id.startsWith(`pr:${number};`))) await new Promise((resolve) => setTimeout(resolve, 5));
    const total = performance.now() - started;
    await bot.queue.idle();
    const outcome = outcomes.get(number);
    if (outcome?.kind !== 'published') throw new Error(`review of #${number} did not publish: ${JSON.stringify(outcome)}`);
    const analysis = outcome.analysisMs;
    const findings = github.checkRuns.find((r) => r.external_id.startsWith(`pr:${number};`))!.annotations.length;
    const requests = github.requests.slice(before);
    const writes = requests.filter((r) => r.method !== 'GET' && !r.path.endsWith('/graphql')).length;
    totals.push(total);
    own.push(total - analysis);
    console.log(`${run} | ${Math.round(total)} | ${Math.round(analysis)} | ${Math.round(total - analysis)} | ${requests.length} | ${writes} | ${findings}`);
  }
  console.log(`median: total ${Math.round(median(totals))} ms, Plumbline's own time ${Math.round(median(own))} ms (target ≤ 5000 ms)`);
} finally {
  await bot.stop();
  await github.stop();
  TempGitRepo.removeAll();
}
