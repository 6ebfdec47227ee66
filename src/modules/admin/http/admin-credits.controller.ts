import { Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse } from '@nestjs/swagger';
import { ApiProblems } from '../../../platform/http/api-docs';
import { Page, PageQuery } from '../../../platform/http/pagination';
import { ListResetRunsQuery } from '../../credits/queries/list-reset-runs/list-reset-runs.query';
import type { ResetRunView } from '../../credits/http/views';
import { AdminController } from './admin-route';

@AdminController()
export class AdminCreditsController {
  constructor(private readonly queries: QueryBus) {}

  /** When the monthly reset last ran and what it did (accounts, credits expired and granted). */
  @Get('credits/reset-runs')
  @ApiOkResponse({ description: 'Monthly reset runs, newest first.' })
  @ApiProblems(400)
  resetRuns(@Query() page: PageQuery): Promise<Page<ResetRunView>> {
    return this.queries.execute(new ListResetRunsQuery(page.limit, page.cursor));
  }
}
