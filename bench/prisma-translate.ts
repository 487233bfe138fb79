/**
 * Prisma translation benchmark (not a test): `npx tsx bench/prisma-translate.ts [files=200]`
 * The time explain spends turning Prisma calls into SQL: parsing examples/shop/prisma/schema.prisma, then
 * translating `files` source files of 10 Prisma calls each (includes, relation filters, aggregates) —
 * the ts-morph parse of the files is measured apart from the translation.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Project } from 'ts-morph';
import { prismaTranslator } from '../src/explain/orm/prisma/index.js';
import { parsePrismaSchema } from '../src/explain/orm/prisma/prisma-schema.js';

const files = Number(process.argv[2] ?? 200);
const text = readFileSync(new URL('../examples/shop/prisma/schema.prisma', import.meta.url), 'utf8');
let start = performance.now();
for (let i = 0; i < 100; i++) parsePrismaSchema(text);
const parseMs = (performance.now() - start) / 100;
const schema = parsePrismaSchema(text);

const calls = [
  `prisma.order.findMany({ orderBy: { createdAt: 'desc' }, take: 50, include: { user: true, items: true } })`,
  `this.prisma.order.findMany({ where: { userId, status: { in: ['new', 'paid'] } }, orderBy: { createdAt: 'desc' }, take })`,
  `prisma.user.findMany({ where: { orders: { some: { status: 'new' } } }, select: { id: true, _count: { select: { orders: true } } } })`,
  `prisma.order.findFirst({ where: { user: { email: { contains: term, mode: 'insensitive' } } } })`,
  `prisma.user.findUnique({ where: { id }, include: { orders: { include: { items: true } } } })`,
  `prisma.order.count({ where: { userId } })`,
  `prisma.order.aggregate({ where: { userId }, _sum: { totalCents: true } })`,
  `prisma.order.groupBy({ by: ['status'], _count: { _all: true } })`,
  `prisma.order.updateMany({ where: { status: 'new' }, data: { status } })`,
  `prisma.order.findMany(opts)`,
];
const project = new Project({ useInMemoryFileSystem: true });
start = performance.now();
const sources = Array.from({ length: files }, (_, i) => project.createSourceFile(`/repo/f${i}.ts`, calls.map((c, j) => `export const q${j} = () => ${c};`).join('\n')));
for (const sf of sources) sf.getDescendants();
const tsParseMs = performance.now() - start;
start = performance.now();
let statements = 0;
for (const sf of sources) for (const q of prismaTranslator.translate(sf, schema)) statements += 'sql' in q ? 1 + (q.followUps?.length ?? 0) : 0;
const translateMs = performance.now() - start;
console.log(`schema.prisma parse: ${parseMs.toFixed(3)} ms`);
console.log(`${files} files × ${calls.length} calls: ts-morph parse ${tsParseMs.toFixed(0)} ms, translation ${translateMs.toFixed(0)} ms (${(translateMs / (files * calls.length)).toFixed(3)} ms per call, ${statements} statements)`);
