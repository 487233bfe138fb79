import { Injectable } from '@nestjs/common';
import { PrismaService } from '../shared/prisma.service';

@Injectable()
export class OrderRepository {
  constructor(private readonly prisma: PrismaService) {}

  async listForUser(userId: string, take = 20) {
    return this.prisma.order.findMany({ where: { userId }, orderBy: { createdAt: 'desc' }, take });
  }

  async recent(take: number) {
    return this.prisma.order.findMany({ orderBy: { id: 'desc' }, take });
  }
}
