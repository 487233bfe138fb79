/**
 * Annotated cases for bench/floating-promises.ts: every line ending in `// BUG` is a promise whose
 * rejection nobody handles (the answer a careful reviewer gives); every other line is not. Each case
 * is one file of a project with the real libraries' type declarations (test/fixtures/typed).
 */
export interface BenchCase {
  name: string;
  code: string;
}

const lines = (...l: string[]) => `${l.join('\n')}\n`;

export const CASES: BenchCase[] = [
  { name: 'floating call of a local async function', code: lines('async function notifyWarehouse(id: string) { return id; }', 'export async function ship(id: string) {', '  notifyWarehouse(id); // BUG', '  return id;', '}') },
  { name: 'this.mailer.send without await', code: lines('class Mailer { async send(to: string) { return to; } }', 'export class Orders {', '  constructor(private readonly mailer: Mailer) {}', '  confirm(to: string) {', '    this.mailer.send(to); // BUG', '  }', '}') },
  { name: 'EventEmitter wrapper (seed 000)', code: lines('import { EventEmitter } from "node:events";', 'export class EventBus {', '  private readonly emitter = new EventEmitter();', '  emit(name: string, payload: object) { return this.emitter.emit(name, payload); }', '}', 'export async function create(events: EventBus, save: () => Promise<object>) {', '  const order = await save();', '  events.emit("order.created", order);', '  return order;', '}') },
  { name: 'forEach(async)', code: lines('async function save(x: number) { return x; }', 'export function all(xs: number[]) {', '  xs.forEach(async (x) => { // BUG', '    await save(x);', '  });', '}') },
  { name: 'setTimeout(async)', code: lines('async function retry() {}', 'export function later() {', '  setTimeout(async () => { // BUG', '    await retry();', '  }, 1000);', '}') },
  { name: 'listener without a catch', code: lines('import { EventEmitter } from "node:events";', 'async function save(o: unknown) { return o; }', 'export function wire(bus: EventEmitter) {', '  bus.on("order", async (o) => { // BUG', '    await save(o);', '  });', '}') },
  { name: 'listener that catches and logs', code: lines('import { EventEmitter } from "node:events";', 'async function save(o: unknown) { return o; }', 'export function wire(bus: EventEmitter) {', '  bus.on("order", async (o) => {', '    try { await save(o); } catch (error) { console.error("save failed", error); }', '  });', '}') },
  { name: 'fire-and-forget of a function that catches its own errors', code: lines('async function notify(id: string) {', '  try { await fetch(`https://warehouse/${id}`); } catch (error) { console.error("notify failed", error); }', '}', 'export function ship(id: string) {', '  notify(id);', '  return id;', '}') },
  { name: 'Express 5 async handler', code: lines('import express from "express";', 'const app = express();', 'app.get("/orders", async (req, res) => {', '  res.json(await Promise.resolve([req.query]));', '});') },
  { name: 'Express handler forwarding to next', code: lines('import express from "express";', 'const router = express.Router();', 'router.post("/orders", async (req, res, next) => {', '  try { res.json(await Promise.resolve(req.body)); } catch (error) { next(error); }', '});') },
  { name: 'void, await, return, stored, collected', code: lines('async function save(x: number) { return x; }', 'export async function f(xs: number[]) {', '  void save(0);', '  await save(1);', '  const p = save(2);', '  await Promise.all([p, ...xs.map((x) => save(x))]);', '  return save(3);', '}') },
  { name: 'handled chains', code: lines('async function save() {}', 'export function f() {', '  save().catch((error) => console.error("save failed", error));', '  save().then(() => console.log("ok"), (error) => console.error(error));', '}') },
  { name: '.then without a rejection handler, .finally, conditional', code: lines('async function save() {}', 'export function f(ok: boolean) {', '  save().then(() => console.log("saved")); // BUG', '  save().finally(() => console.log("done")); // BUG', '  ok && save(); // BUG', '}') },
  { name: 'in a loop and in a callback', code: lines('declare const db: { save(x: number): Promise<void> };', 'function store(x: number): Promise<void> { return db.save(x); }', 'export function f(xs: number[]) {', '  for (const x of xs) store(x); // BUG', '  xs.map((x) => {', '    store(x); // BUG', '  });', '}') },
  { name: 'pg query nobody awaits', code: lines('import { Pool } from "pg";', 'const pool = new Pool();', 'export function touch(id: string) {', '  pool.query("update sessions set seen_at = now() where id = $1", [id]); // BUG', '}') },
  { name: 'a promise as a condition (always truthy)', code: lines('async function exists(id: string) { return id.length > 0; }', 'export function f(id: string) {', '  if (exists(id)) { // BUG', '    return 1;', '  }', '  return 0;', '}') },
  { name: 'async function passed to an API that awaits it', code: lines('async function runLater(job: () => Promise<void>) { await job(); }', 'async function save() {}', 'export async function f() {', '  await runLater(async () => { await save(); });', '}') },
  { name: 'sync callbacks and non-promise calls', code: lines('export function f(xs: number[], log: { info(m: string): void }) {', '  xs.forEach((x) => log.info(String(x)));', '  xs.push(1);', '  setTimeout(() => log.info("tick"), 10);', '}') },
];
