import { Controller, Get, Query } from '@nestjs/common';
import { ReportRepository } from './report.repository';

@Controller('reports')
export class ReportController {
  constructor(private readonly reports: ReportRepository) {}

  @Get('activity')
  activity(@Query('userId') userId: string) {
    return this.reports.activity(userId);
  }

  @Get('dashboard')
  dashboard() {
    return this.reports.recentOrders();
  }

  @Get('latest')
  latest() {
    return this.reports.latestOrders();
  }

  @Get('search')
  search(@Query('q') q: string) {
    return this.reports.searchCustomers(q);
  }
}
