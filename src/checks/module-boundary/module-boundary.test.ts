import { describe, expect, it } from 'vitest';
import { runCheckOn } from '../../../test/support/check-harness.js';
import { checkTester, type InvalidCase, type ValidCase } from '../../../test/support/check-tester.js';
import moduleBoundary from './index.js';

const prisma = 'export const prisma: any = {};\n';
const ordersRepository = 'import { prisma } from "../../db";\nexport class OrdersRepository {\n  find(id: string) { return prisma.order.findUnique({ where: { id } }); }\n}\n';
const paymentsService = 'export class PaymentsService { charge(id: string) { return id; } }\n';

const valid: Array<ValidCase<typeof moduleBoundary>> = [
  { name: 'the repository queries, the service calls the repository', review: ['src/modules/orders/orders.service.ts', 'src/modules/orders/orders.repository.ts'], code: { 'src/db.ts': prisma, 'src/modules/orders/orders.repository.ts': ordersRepository, 'src/modules/orders/orders.service.ts': 'import { OrdersRepository } from "./orders.repository";\nexport class OrdersService {\n  constructor(private readonly ordersRepository: OrdersRepository) {}\n  get(id: string) { return this.ordersRepository.find(id); }\n}\n' } },
  // ORM entity subscribers are persistence code (found on ever-gauzy).
  { name: 'an entity subscriber queries', review: ['src/modules/orders/orders.subscriber.ts'], code: { 'src/db.ts': prisma, 'src/modules/orders/orders.repository.ts': ordersRepository, 'src/modules/orders/orders.subscriber.ts': 'import { prisma } from "../../db";\nexport function afterInsert(id: string) { return prisma.order.count({ where: { id } }); }\n' } },
  // No repository file in the module: the project does not follow the convention there.
  { name: 'a module without a repository file', review: ['src/modules/orders/orders.service.ts'], code: { 'src/db.ts': prisma, 'src/modules/orders/orders.service.ts': 'import { prisma } from "../../db";\nexport class OrdersService {\n  get(id: string) { return prisma.order.findUnique({ where: { id } }); }\n}\n' } },
  { name: 'a service of the same module and a declared facade', review: ['src/modules/orders/orders.service.ts'], code: { 'src/modules/orders/pricing.service.ts': 'export class PricingService {}\n', 'src/modules/payments/payments.facade.ts': 'export class PaymentsService {}\n', 'src/modules/orders/orders.service.ts': 'import { PricingService } from "./pricing.service";\nimport { PaymentsService } from "../payments/payments.facade";\nexport class OrdersService {\n  constructor(private pricing: PricingService, private payments: PaymentsService) {}\n}\n' } },
  { name: 'files outside any module', code: { 'src/main.ts': 'declare function forwardRef(f: () => unknown): unknown;\nexport const x = forwardRef(() => 1);\n' } },
];

const invalid: Array<InvalidCase<typeof moduleBoundary>> = [
  { name: 'a Prisma query in the service of a module that has a repository', review: ['src/modules/orders/orders.service.ts'], code: { 'src/db.ts': prisma, 'src/modules/orders/orders.repository.ts': ordersRepository, 'src/modules/orders/orders.service.ts': 'import { prisma } from "../../db";\nexport class OrdersService {\n  list() { return prisma.order.findMany({ where: { paid: true } }); }\n}\n' }, errors: [{ line: 3, column: 19, messageId: 'databaseOutsideRepository' }] },
  { name: "another module's service injected", review: ['src/modules/orders/orders.service.ts'], code: { 'src/modules/payments/payments.service.ts': paymentsService, 'src/modules/orders/orders.service.ts': 'import { PaymentsService } from "../payments/payments.service";\nexport class OrdersService {\n  constructor(private readonly payments: PaymentsService) {}\n}\n' }, errors: [{ line: 3, column: 15, messageId: 'crossModuleInjection' }] },
  { name: 'forwardRef between modules', review: ['src/modules/orders/orders.module.ts'], code: { 'src/modules/orders/orders.module.ts': 'declare function forwardRef(f: () => unknown): unknown;\ndeclare const UsersModule: unknown;\nexport const imports = [forwardRef(() => UsersModule)];\n' }, errors: [{ line: 3, column: 25, messageId: 'forwardRefCycle' }] },
  { name: 'a configured layout', options: { modules: ['lib/features/*'], repository: ['*.store.ts'] }, review: ['lib/features/cart/cart.service.ts'], code: { 'src/db.ts': prisma, 'lib/features/cart/cart.store.ts': 'export class CartStore {}\n', 'lib/features/cart/cart.service.ts': 'import { prisma } from "../../../src/db";\nexport function load(id: string) { return prisma.cart.findUnique({ where: { id } }); }\n' }, errors: [{ line: 2, column: 43, messageId: 'databaseOutsideRepository' }] },
  // Found on the corpus (ever-gauzy): knex.raw fragments inside one query are that query, reported once.
  { name: 'one Knex query with raw fragments', review: ['src/modules/tasks/tasks.service.ts'], code: { 'src/modules/tasks/tasks.repository.ts': 'export class TasksRepository {}\n', 'src/modules/tasks/tasks.service.ts': 'import Knex from "knex";\nconst knex = Knex({});\nexport function sums() {\n  return knex("time_slot")\n    .select(knex.raw("SUM(duration) as duration"))\n    .select(knex.raw("AVG(mouse) as mouse"));\n}\n' }, errors: [{ line: 4, column: 10, messageId: 'databaseOutsideRepository' }] },
];

checkTester(moduleBoundary).run({ valid, invalid });

describe('module-boundary messages and options', () => {
  it('name the module, the injected class and the fix', async () => {
    const [finding] = await runCheckOn(moduleBoundary, { code: invalid[1].code, review: invalid[1].review });
    expect(finding.message).toBe("`OrdersService` injects `PaymentsService` from the `payments` module: `orders` now depends on the other module's internals, and changes there break it. Emit an event the other module handles, or depend on a declared facade of `payments`.");
  });
  it('reject an options value of the wrong type', () => {
    expect(() => moduleBoundary.meta.options!.parse({ modules: 'src/modules/*' })).toThrow();
  });
});
