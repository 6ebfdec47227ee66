import { Body, Controller, Headers, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { JobPriority, JobType } from '@afs/contracts';
import { CurrentUser } from '../../../platform/auth/current-user.decorator';
import type { AuthenticatedUser } from '../../../platform/auth/authenticated-user';
import { ApiProblems } from '../../../platform/http/api-docs';
import { assertIdempotencyKey } from '../../../platform/http/idempotency-key';
import { SubmitJobCommand } from '../commands/submit-job/submit-job.command';
import { JobErrors } from '../errors';
import { SubmitJobDto } from './dto/submit-job.dto';
import { JobView } from './job.view';

const MAX_PARAMETERS_BYTES = 16 * 1024;

@ApiTags('jobs')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('projects/:id/jobs')
export class ProjectJobsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @ApiAcceptedResponse({ type: JobView, description: 'Queued; credits are reserved.' })
  @ApiOkResponse({ type: JobView, description: 'The job first submitted with this Idempotency-Key; nothing new is reserved.' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A resubmission with the same key returns the first job (200); the same key with another request is a 422.',
  })
  @ApiProblems(400, 402, 404, 409, 422)
  async submit(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe({ version: '4' })) projectId: string,
    @Body() dto: SubmitJobDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<JobView> {
    const parameters = dto.parameters ?? {};
    if (Buffer.byteLength(JSON.stringify(parameters)) > MAX_PARAMETERS_BYTES) throw JobErrors.parametersTooLarge(MAX_PARAMETERS_BYTES);
    assertIdempotencyKey(idempotencyKey);
    const result = await this.commands.execute(
      new SubmitJobCommand(user.id, projectId, dto.type as JobType, (dto.priority ?? 2) as JobPriority, parameters, idempotencyKey),
    );
    reply.status(result.created ? 202 : 200);
    reply.header('location', `/api/v1/jobs/${result.job.id}`);
    return result.job;
  }
}
