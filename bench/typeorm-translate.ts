// Cost of the TypeORM translator per review: reading the entities of a repository (every file importing
// typeorm, found by walking the checkout), once per review before any file is translated. Run: npx tsx bench/typeorm-translate.ts [repo]
import path from 'node:path';
import { repositoryContext } from '../src/explain/orm/index.js';
import { readTypeormSchema } from '../src/explain/orm/typeorm/translator.js';

const root = path.resolve(process.argv[2] ?? '.');
const runs: number[] = [];
let entities = 0;
for (let i = 0; i < 5; i++) {
  const start = performance.now();
  entities = readTypeormSchema(repositoryContext(root))?.entities.size ?? 0;
  runs.push(performance.now() - start);
}
runs.sort((a, b) => a - b);
console.log(`typeorm prepare over ${root}: median ${runs[2].toFixed(0)} ms (min ${runs[0].toFixed(0)}, max ${runs[4].toFixed(0)}), ${entities} entities`);
