/**
 * One pull request reviewed by every front end. The change turns a cached lookup in a repository into a
 * database query; the loop that calls it sits in a service this PR does not touch, reached through
 * tsconfig `paths` and an index file (an N+1 from an unchanged file into a changed one). A changed
 * report builds SQL from a string, and a changed handler logs an email address.
 */
export const TSCONFIG = JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'commonjs', experimentalDecorators: true, baseUrl: '.', paths: { '@app/*': ['src/*'] } } });

export const REPOSITORY_CACHED = [
  "import { PrismaClient } from '@prisma/client';",
  'export class UserRepository {',
  '  private readonly byId = new Map<string, { id: string }>();',
  '  constructor(private readonly prisma: PrismaClient) {}',
  '  async findById(id: string) {',
  '    return this.byId.get(id);',
  '  }',
  '}',
  '',
].join('\n');

export const REPOSITORY_QUERY = REPOSITORY_CACHED.replace('    return this.byId.get(id);', '    return this.prisma.user.findUnique({ where: { id } });');

export const SERVICE = [
  "import { UserRepository } from '@app/users';",
  'export class OrderService {',
  '  constructor(private readonly users: UserRepository) {}',
  '  async withCustomers(orders: Array<{ userId: string }>) {',
  '    const rows = [];',
  '    for (const order of orders) {',
  '      rows.push({ ...order, customer: await this.users.findById(order.userId) });',
  '    }',
  '    return rows;',
  '  }',
  '}',
  '',
].join('\n');

const REPORT_BASE = ["import { Pool } from 'pg';", 'const pool = new Pool();', 'export function totals() {', "  return pool.query('SELECT sum(total) FROM orders');", '}', ''].join('\n');
const REPORT_HEAD = REPORT_BASE.replace('}\n', "}\nexport function byCustomer(name: string) {\n  return pool.query(\"SELECT * FROM orders WHERE customer = '\" + name + \"'\");\n}\n");

const SIGNUP_HEAD = ["import { Logger } from '@nestjs/common';", 'const logger = new Logger();', 'export function signUp(user: { email: string; name: string }) {', '  logger.log(`signed up ${user.email}`);', '}', ''].join('\n');

export const BASE_FILES: Record<string, string> = {
  'tsconfig.json': TSCONFIG,
  '.plumbline.yml': 'failOn: error\n',
  'src/users/user.repository.ts': REPOSITORY_CACHED,
  'src/users/index.ts': "export * from './user.repository';\n",
  'src/orders/order.service.ts': SERVICE,
  'src/reports/report.ts': REPORT_BASE,
  // A frontend file with the same generic names that imports nothing changed.
  'web/src/users/index.tsx': "export const Users = () => 'users';\n",
};

export const HEAD_FILES: Record<string, string> = {
  'src/users/user.repository.ts': REPOSITORY_QUERY,
  'src/reports/report.ts': REPORT_HEAD,
  'src/signup.ts': SIGNUP_HEAD,
};
