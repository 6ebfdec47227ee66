import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser } from '../../../platform/auth/current-user.decorator';
import type { AuthenticatedUser } from '../../../platform/auth/authenticated-user';
import { ApiProblems } from '../../../platform/http/api-docs';
import { JobEventStreams } from '../realtime/job-event-streams';

@ApiTags('events')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('events')
export class EventsController {
  constructor(private readonly streams: JobEventStreams) {}

  @Get()
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'Server-Sent Events about all of your jobs, with a heartbeat.' })
  all(@CurrentUser() user: AuthenticatedUser, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    this.streams.open(request, reply, user);
  }
}
