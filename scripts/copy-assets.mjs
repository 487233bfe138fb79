#!/usr/bin/env node
// Copies the non-TypeScript files the built CLI reads at run time from src/ into dist/ (tsc copies
// only .ts output): `plumbline init` templates and each check's docs.md. Run by `npm run build`.
import { cpSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'src');
const dist = path.join(root, 'dist');

/** Each entry: a directory under src/ copied whole, or a function listing files under src/. */
const assets = [
  { dir: 'cli/templates' },
  {
    files: () =>
      readdirSync(path.join(src, 'checks'))
        .map((check) => path.join('checks', check, 'docs.md'))
        .filter((file) => existsSync(path.join(src, file))),
  },
];

let copied = 0;
for (const asset of assets) {
  const files = asset.dir ? listFiles(asset.dir) : asset.files();
  for (const file of files) {
    mkdirSync(path.dirname(path.join(dist, file)), { recursive: true });
    cpSync(path.join(src, file), path.join(dist, file));
    copied++;
  }
}
console.log(`copy-assets: ${copied} file(s) copied to dist/`);

function listFiles(dir) {
  if (!existsSync(path.join(src, dir))) throw new Error(`copy-assets: src/${dir} does not exist`);
  return readdirSync(path.join(src, dir)).flatMap((name) => {
    const relative = path.join(dir, name);
    return statSync(path.join(src, relative)).isDirectory() ? listFiles(relative) : [relative];
  });
}
