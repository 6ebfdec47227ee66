import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser } from '../../../platform/auth/current-user.decorator';
import type { AuthenticatedUser } from '../../../platform/auth/authenticated-user';
import { ApiPage, ApiProblems } from '../../../platform/http/api-docs';
import { Page } from '../../../platform/http/pagination';
import { CancelJobCommand } from '../commands/cancel-job/cancel-job.command';
import { RetryJobCommand } from '../commands/retry-job/retry-job.command';
import { GetJobQuery } from '../queries/get-job/get-job.query';
import { ListJobsQuery } from '../queries/list-jobs/list-jobs.query';
import { JobEventStreams } from '../realtime/job-event-streams';
import { ListJobsQueryDto } from './dto/list-jobs.query';
import { JobView } from './job.view';

const JobId = () => Param('id', new ParseUUIDPipe({ version: '4' }));

@ApiTags('jobs')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('jobs')
export class JobsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly streams: JobEventStreams,
  ) {}

  @Get()
  @ApiPage(JobView)
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: ListJobsQueryDto): Promise<Page<JobView>> {
    return this.queries.execute(
      new ListJobsQuery(user.id, query.limit, query.cursor, { status: query.status, type: query.type, projectId: query.projectId }),
    );
  }

  @Get(':id')
  @ApiOkResponse({ type: JobView })
  @ApiProblems(404)
  get(@CurrentUser() user: AuthenticatedUser, @JobId() id: string): Promise<JobView> {
    return this.queries.execute(new GetJobQuery(id, user.id));
  }

  @Post(':id/cancel')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: JobView, description: 'Cancelled, or (while a runner works on it) cancel requested.' })
  @ApiProblems(404, 409)
  cancel(@CurrentUser() user: AuthenticatedUser, @JobId() id: string): Promise<JobView> {
    return this.commands.execute(new CancelJobCommand(id, user.id));
  }

  @Post(':id/retry')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: JobView, description: 'Queued again as a new attempt; credits reserved again.' })
  @ApiProblems(402, 404, 409)
  retry(@CurrentUser() user: AuthenticatedUser, @JobId() id: string): Promise<JobView> {
    return this.commands.execute(new RetryJobCommand(id, user.id));
  }

  @Get(':id/events')
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'Server-Sent Events: job.progress, job.completed, job.failed, job.cancelled.' })
  @ApiProblems(404)
  async events(
    @CurrentUser() user: AuthenticatedUser,
    @JobId() id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.streams.openJob(request, reply, user, id, () => this.queries.execute(new GetJobQuery(id, user.id)));
  }
}
