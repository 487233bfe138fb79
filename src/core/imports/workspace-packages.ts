import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { parse as parseYaml } from 'yaml';

/** A package of the repository's own workspace: its name in package.json and its folder. */
export interface WorkspacePackage {
  name: string;
  /** Repository-relative folder ('' for the root). */
  dir: string;
  manifest: Record<string, unknown>;
}

/**
 * The workspace packages declared by the root package.json `workspaces` (npm, yarn) or
 * pnpm-workspace.yaml `packages`. Without node_modules (an unpacked tarball) `@acme/db` does not
 * resolve through a symlink, so imports of these names are mapped to their folders instead.
 */
export function workspacePackages(root: string): Map<string, WorkspacePackage> {
  const patterns = [...npmWorkspaces(root), ...pnpmWorkspaces(root)];
  const packages = new Map<string, WorkspacePackage>();
  if (patterns.length === 0) return packages;
  const include = picomatch(patterns.filter((p) => !p.startsWith('!')).map(clean));
  const exclude = picomatch(patterns.filter((p) => p.startsWith('!')).map((p) => clean(p.slice(1))).concat('\0'));
  for (const dir of candidateDirs(root)) {
    if (!include(dir) || exclude(dir)) continue;
    const manifest = readJson(path.join(root, dir, 'package.json'));
    if (manifest && typeof manifest.name === 'string') packages.set(manifest.name, { name: manifest.name, dir, manifest });
  }
  return packages;
}

function clean(pattern: string): string {
  return pattern.replace(/^\.\//, '').replace(/\/+$/, '');
}

function npmWorkspaces(root: string): string[] {
  const workspaces = readJson(path.join(root, 'package.json'))?.workspaces;
  const list = Array.isArray(workspaces) ? workspaces : (workspaces as { packages?: unknown } | undefined)?.packages;
  return Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string') : [];
}

function pnpmWorkspaces(root: string): string[] {
  try {
    const parsed = parseYaml(readFileSync(path.join(root, 'pnpm-workspace.yaml'), 'utf8')) as { packages?: unknown } | null;
    return Array.isArray(parsed?.packages) ? parsed.packages.filter((p): p is string => typeof p === 'string') : [];
  } catch {
    return [];
  }
}

/** Folders holding a package.json, four levels deep at most (packages/*, apps/*, libs/group/*). */
function candidateDirs(root: string): string[] {
  const found: string[] = [];
  const walk = (rel: string, depth: number) => {
    let entries;
    try {
      entries = readdirSync(path.join(root, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (!entry.isDirectory() || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      found.push(child);
      if (depth < 4) walk(child, depth + 1);
    }
  };
  walk('', 1);
  return found;
}

function readJson(file: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
