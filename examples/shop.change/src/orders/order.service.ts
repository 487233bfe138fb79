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

  /** Dashboard: the latest orders with the customer who placed each. */
  async recentWithCustomers() {
    const orders = await this.orders.recent(50);
    const rows = [];
    for (const order of orders) {
      const customer = await this.users.findById(order.userId);
      rows.push({ ...order, customer });
    }
    return rows;
  }

  async notifyShipped(orderId: string, email: string) {
    this.logger.log(`order ${orderId} shipped, notifying ${email}`);
    await this.sendShippedMail(orderId, email).catch(() => {});
  }

  private async sendShippedMail(orderId: string, email: string) {
    return fetch('https://mail.internal/send', { method: 'POST', body: JSON.stringify({ orderId, email }) });
  }
}
