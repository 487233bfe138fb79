import { Injectable } from '@nestjs/common';
import { PrismaService } from '../shared/prisma.service';

@Injectable()
export class ReportRepository {
  constructor(private readonly prisma: PrismaService) {}

  async activity(userId: string) {
    return this.prisma.$queryRaw`
      SELECT date_trunc('day', o.created_at) AS day, count(*) AS orders
      FROM orders o
      WHERE o.user_id = ${userId}
      GROUP BY 1
      ORDER BY 1 DESC`;
  }

  /**
   * The dashboard's auto-refreshing "latest orders" panel. The 50 newest orders are picked first (from
   * orders_created_at_idx, db/migrations/002) and only they are joined and counted: grouping every order
   * before sorting made PostgreSQL sort the whole join on each refresh.
   */
  async recentOrders() {
    return this.prisma.$queryRaw`
      SELECT o.id, o.created_at, o.total_cents, u.email, count(i.id) AS items
      FROM (SELECT id, user_id, total_cents, created_at FROM orders ORDER BY created_at DESC LIMIT 50) o
      LEFT JOIN users u ON u.id = o.user_id
      LEFT JOIN order_items i ON i.order_id = o.id
      GROUP BY o.id, o.created_at, o.total_cents, u.email
      ORDER BY o.created_at DESC`;
  }

  /** The same panel in its Prisma form (seed 000's incident as most of the team writes it). */
  async latestOrders() {
    return this.prisma.order.findMany({ orderBy: { createdAt: 'desc' }, take: 50, include: { user: true, items: true } });
  }

  async searchCustomers(term: string) {
    return this.prisma.$queryRawUnsafe(
      `SELECT id, name FROM users WHERE name ILIKE '%${term}%' ORDER BY name LIMIT 20`,
    );
  }
}
