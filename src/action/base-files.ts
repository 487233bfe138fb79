import { spawnSync } from 'node:child_process';
import { readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * Puts the base commit's version of gate files (config, baseline, checklist) in the checkout for the
 * review, so a pull request cannot weaken its own gate, and puts the PR's versions back afterwards.
 */
export async function withBaseFiles<T>(root: string, baseSha: string, files: string[], work: () => Promise<T>): Promise<{ value: T; changed: string[] }> {
  const saved = new Map<string, string | undefined>();
  const changed: string[] = [];
  for (const file of files) {
    const full = path.resolve(root, file);
    if (!full.startsWith(root + path.sep) || saved.has(full)) continue;
    const current = await readFile(full, 'utf8').catch(() => undefined);
    const base = gitShow(root, baseSha, file);
    saved.set(full, current);
    if (base === current) continue;
    changed.push(file);
    if (base === undefined) await rm(full, { force: true });
    else {
      await mkdir(path.dirname(full), { recursive: true });
      await writeFile(full, base);
    }
  }
  try {
    return { value: await work(), changed };
  } finally {
    for (const [full, text] of saved) {
      if (text === undefined) await rm(full, { force: true });
      else await writeFile(full, text);
    }
  }
}

function gitShow(root: string, sha: string, file: string): string | undefined {
  const shown = spawnSync('git', ['show', `${sha}:${file}`], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return shown.status === 0 ? shown.stdout : undefined;
}
