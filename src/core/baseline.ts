import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from './errors.js';
import type { Finding } from './finding.js';
import { writeFileAtomic } from './write-file-atomic.js';

/** `.plumbline-baseline.json`: fingerprints of findings accepted when Plumbline was adopted. */
export interface BaselineFile {
  version: 1;
  createdAt: string;
  findings: Array<{ fingerprint: string; ruleId: string; path: string }>;
}

export async function readBaseline(root: string, relativePath: string): Promise<Set<string>> {
  const file = path.join(root, relativePath);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return new Set();
  }
  try {
    const parsed = JSON.parse(text) as BaselineFile;
    if (parsed.version !== 1 || !Array.isArray(parsed.findings)) throw new Error('unexpected shape');
    return new Set(parsed.findings.map((f) => f.fingerprint));
  } catch (error) {
    throw new UserError(`${relativePath}: not a Plumbline baseline (${(error as Error).message}); run \`plumbline baseline\` to write it again`);
  }
}

export async function writeBaseline(root: string, relativePath: string, findings: Finding[]): Promise<void> {
  const content: BaselineFile = {
    version: 1,
    createdAt: new Date().toISOString(),
    findings: findings.map((f) => ({ fingerprint: f.fingerprint, ruleId: f.ruleId, path: f.path })),
  };
  await writeFileAtomic(path.join(root, relativePath), `${JSON.stringify(content, null, 2)}\n`);
}
