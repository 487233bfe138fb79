// Cost of the Sequelize translator per review: `prepare` (walk the checkout, read every model, rebuild them on
// the offline Sequelize instance) once, then each finder call run through Sequelize's own code. A generated
// repository of MODELS models (Model.init, each belonging to the previous one) and CALLS findAll calls with
// include + order + limit. Run: npx tsx bench/sequelize-translate.ts [models=60] [calls=300]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Project } from 'ts-morph';
import { repositoryContext } from '../src/explain/orm/index.js';
import { isTranslated } from '../src/explain/orm/orm-query.js';
import { sequelizeTranslator } from '../src/explain/orm/sequelize/index.js';

const models = Number(process.argv[2] ?? 60);
const calls = Number(process.argv[3] ?? 300);
const root = mkdtempSync(path.join(tmpdir(), 'plumbline-bench-sequelize-'));
mkdirSync(path.join(root, 'src', 'models'), { recursive: true });
writeFileSync(path.join(root, 'package.json'), JSON.stringify({ dependencies: { sequelize: '^6.37.0' } }));
for (let i = 0; i < models; i++) {
  writeFileSync(path.join(root, 'src', 'models', `m${i}.ts`), [
    "import { DataTypes, Model } from 'sequelize';",
    "import { sequelize } from '../db';",
    i > 0 ? `import { M${i - 1} } from './m${i - 1}';` : '',
    `export class M${i} extends Model {}`,
    `M${i}.init({ id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true }, status: DataTypes.STRING, total: DataTypes.DECIMAL(10, 2), parentId: { type: DataTypes.INTEGER, field: 'parent_id' } }, { sequelize, tableName: 'm${i}', underscored: true });`,
    i > 0 ? `M${i}.belongsTo(M${i - 1}, { as: 'parent', foreignKey: 'parentId' });\nM${i - 1}.hasMany(M${i}, { as: 'children', foreignKey: 'parentId' });` : '',
  ].join('\n'));
}
writeFileSync(path.join(root, 'src', 'db.ts'), "import { Sequelize } from 'sequelize';\nexport const sequelize = new Sequelize(process.env.URL ?? '');\n");
const code = Array.from({ length: calls }, (_, k) => {
  const i = 1 + (k % (models - 1));
  return `export const q${k} = (status: string) => M${i}.findAll({ where: { status }, include: [{ model: M${i - 1}, as: 'parent', required: true }, { model: M${i - 1}, as: 'parent' }].slice(0, 1), order: [['createdAt', 'DESC']], limit: 50 });`;
}).join('\n');

const start = performance.now();
const prepared = await sequelizeTranslator.prepare(repositoryContext(root));
const prepareMs = performance.now() - start;
const project = new Project({ useInMemoryFileSystem: true });
const imports = Array.from({ length: models }, (_, i) => `import { M${i} } from './models/m${i}';`).join('\n');
const sf = project.createSourceFile('/repo/src/queries.ts', `${imports}\n${code.replace(/\]\.slice\(0, 1\)/g, ']').replace(/, \{ model: M\d+, as: 'parent' \}\]/g, ']')}\n`);
const t = performance.now();
const queries = await sequelizeTranslator.translate(sf, prepared);
const translateMs = performance.now() - t;
const translated = queries.filter(isTranslated).length;
console.log(`sequelize prepare: ${prepareMs.toFixed(0)} ms for ${models} models (read + rebuilt offline)`);
console.log(`sequelize translate: ${translateMs.toFixed(0)} ms for ${queries.length} findAll calls (${(translateMs / Math.max(1, queries.length)).toFixed(2)} ms per call), ${translated} translated`);
rmSync(root, { recursive: true, force: true });
