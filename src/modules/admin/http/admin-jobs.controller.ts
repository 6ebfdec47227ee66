import { Body, Get, HttpCode, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse } from '@nestjs/swagger';
import { CurrentUser } from '../../../platform/auth/current-user.decorator';
import type { AuthenticatedUser } from '../../../platform/auth/authenticated-user';
import { ApiPage, ApiProblems } from '../../../platform/http/api-docs';
import type { Page } from '../../../platform/http/pagination';
import { JobView } from '../../jobs/http/job.view';
import { AdminJobView } from '../../jobs/queries/list-failed-jobs/admin-job.view';
import { ListFailedJobsQuery } from '../../jobs/queries/list-failed-jobs/list-failed-jobs.query';
import { ReqMeta, RequestMeta } from '../../users/auth/request-meta';
import { AdminJobActionCommand } from '../commands/job-action/admin-job-action.command';
import { AdminController, auditContext, IdParam } from './admin-route';
import { FailedJobsQueryDto, OptionalReasonDto, RetryJobDto } from './dto/admin.dto';

@AdminController()
export class AdminJobsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('jobs/failed')
  @ApiPage(AdminJobView)
  @ApiProblems(400)
  failed(@Query() query: FailedJobsQueryDto): Promise<Page<AdminJobView>> {
    return this.queries.execute(new ListFailedJobsQuery(query.limit, query.cursor, { userId: query.userId }));
  }

  @Post('jobs/:id/retry')
  @HttpCode(202)
  @ApiOkResponse({ type: JobView, description: 'Queued again as a new attempt.' })
  @ApiProblems(400, 402, 404, 409)
  retry(
    @CurrentUser() admin: AuthenticatedUser,
    @IdParam() id: string,
    @Body() dto: RetryJobDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<JobView> {
    const free = dto?.free ?? false;
    return this.commands.execute(new AdminJobActionCommand(admin.id, id, { type: 'retry', free }, dto?.reason ?? null, auditContext(meta)));
  }

  @Post('jobs/:id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: JobView })
  @ApiProblems(400, 404, 409)
  cancel(
    @CurrentUser() admin: AuthenticatedUser,
    @IdParam() id: string,
    @Body() dto: OptionalReasonDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<JobView> {
    return this.commands.execute(new AdminJobActionCommand(admin.id, id, { type: 'cancel' }, dto?.reason ?? null, auditContext(meta)));
  }
}
