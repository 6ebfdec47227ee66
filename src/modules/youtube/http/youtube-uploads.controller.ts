import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser } from '../../../platform/auth/current-user.decorator';
import type { AuthenticatedUser } from '../../../platform/auth/authenticated-user';
import { ApiPage, ApiProblems } from '../../../platform/http/api-docs';
import { assertIdempotencyKey } from '../../../platform/http/idempotency-key';
import type { Page } from '../../../platform/http/pagination';
import { CancelUploadCommand } from '../commands/cancel-upload/cancel-upload.command';
import { RequestUploadCommand } from '../commands/request-upload/request-upload.command';
import { RetryUploadCommand } from '../commands/retry-upload/retry-upload.command';
import { GetUploadQuery } from '../queries/get-upload/get-upload.query';
import { ListUploadsQuery } from '../queries/list-uploads/list-uploads.query';
import { ListUploadsQueryDto } from './dto/list-uploads.query';
import { RequestUploadDto } from './dto/request-upload.dto';
import { UploadView } from './upload.view';

const UploadId = () => Param('id', new ParseUUIDPipe({ version: '4' }));

@ApiTags('youtube')
@ApiBearerAuth()
@ApiProblems(401)
@Controller()
export class YouTubeUploadsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('projects/:id/youtube-uploads')
  @ApiAcceptedResponse({ type: UploadView, description: 'Queued. Progress on GET /events as youtube.upload.* events.' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A resubmission with the same key returns the first upload (200); the key sent with another request answers 422.' })
  @ApiProblems(400, 404, 409, 422, 503)
  async request(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe({ version: '4' })) projectId: string,
    @Body() dto: RequestUploadDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UploadView> {
    assertIdempotencyKey(idempotencyKey);
    const result = await this.commands.execute(
      new RequestUploadCommand(
        user.id,
        projectId,
        {
          ...dto,
          privacyStatus: dto.privacyStatus ?? 'private',
          madeForKids: dto.madeForKids ?? false,
          containsSyntheticMedia: dto.containsSyntheticMedia ?? true,
        },
        idempotencyKey,
      ),
    );
    reply.status(result.created ? 202 : 200);
    reply.header('location', `/api/v1/youtube-uploads/${result.upload.id}`);
    return result.upload;
  }

  @Get('youtube-uploads')
  @ApiPage(UploadView)
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: ListUploadsQueryDto): Promise<Page<UploadView>> {
    return this.queries.execute(new ListUploadsQuery(user.id, { projectId: query.projectId, status: query.status }, query.limit, query.cursor));
  }

  @Get('youtube-uploads/:id')
  @ApiOkResponse({ type: UploadView })
  @ApiProblems(404)
  get(@CurrentUser() user: AuthenticatedUser, @UploadId() id: string): Promise<UploadView> {
    return this.queries.execute(new GetUploadQuery(user.id, id));
  }

  @Post('youtube-uploads/:id/cancel')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: UploadView, description: 'Cancelled, or (while a chunk is in flight) cancel requested.' })
  @ApiProblems(404, 409)
  cancel(@CurrentUser() user: AuthenticatedUser, @UploadId() id: string): Promise<UploadView> {
    return this.commands.execute(new CancelUploadCommand(user.id, id));
  }

  @Post('youtube-uploads/:id/retry')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: UploadView, description: 'Queued again; continues from what YouTube already has.' })
  @ApiProblems(404, 409, 503)
  retry(@CurrentUser() user: AuthenticatedUser, @UploadId() id: string): Promise<UploadView> {
    return this.commands.execute(new RetryUploadCommand(user.id, id));
  }
}
