import { Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse } from '@nestjs/swagger';
import { ApiProblems } from '../../../platform/http/api-docs';
import { dateRange } from '../errors';
import { AdminStats, GetStatsQuery } from '../queries/get-stats/get-stats.query';
import { AdminController } from './admin-route';
import { StatsQueryDto } from './dto/admin.dto';

@AdminController()
export class AdminStatsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('stats')
  @ApiOkResponse({ description: 'Users, projects and jobs figures; counts in the range where stated.' })
  @ApiProblems(400)
  stats(@Query() query: StatsQueryDto): Promise<AdminStats> {
    const { from, to } = dateRange(query.from, query.to, 30);
    return this.queries.execute(new GetStatsQuery({ from: from!, to: to! }));
  }
}
