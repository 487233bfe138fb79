import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PlumblineConfig } from '../core/config/schema.js';
import { BUILT_IN_CHECKLISTS } from '../core/config/schema.js';
import type { GitHubClient } from '../github/client.js';
import { readAtRef } from './pull-request-changes.js';

/**
 * Files that decide the gate (the baseline of accepted findings, a custom checklist) are taken from the
 * base branch and written over the PR's copies in the unpacked tree: a PR that adds its own findings to
 * the baseline must not hide them. Returns the paths the PR changed, for the summary.
 */
export async function pinTrustedFiles(client: GitHubClient, repo: { owner: string; repo: string }, baseSha: string, root: string, config: PlumblineConfig, changedPaths: ReadonlySet<string>): Promise<string[]> {
  const trusted = [config.baseline];
  if (!(BUILT_IN_CHECKLISTS as readonly string[]).includes(config.checklist)) trusted.push(config.checklist);
  const pinned: string[] = [];
  for (const file of trusted) {
    const target = path.resolve(root, file);
    if (!target.startsWith(root + path.sep)) continue;
    const base = await readAtRef(client, repo, file, baseSha);
    if (base === undefined) await rm(target, { force: true });
    else {
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, base);
    }
    if (changedPaths.has(file)) pinned.push(file);
  }
  return pinned;
}
