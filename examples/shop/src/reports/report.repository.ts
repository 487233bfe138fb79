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
}
