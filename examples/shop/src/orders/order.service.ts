import { Injectable, Logger } from '@nestjs/common';
import { OrderRepository } from './order.repository';
import { UserRepository } from '../users/user.repository';

@Injectable()
export class OrderService {
  private readonly logger = new Logger(OrderService.name);

  constructor(
    private readonly orders: OrderRepository,
    private readonly users: UserRepository,
  ) {}

  async ordersOf(userId: string) {
    const orders = await this.orders.listForUser(userId);
    this.logger.log({ msg: 'orders listed', userId, count: orders.length });
    return orders;
  }
}
