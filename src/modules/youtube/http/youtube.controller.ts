import { Body, Controller, Delete, Get, HttpCode, Inject, Logger, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiFoundResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser } from '../../../platform/auth/current-user.decorator';
import type { AuthenticatedUser } from '../../../platform/auth/authenticated-user';
import { Public } from '../../../platform/auth/public.decorator';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/config';
import { ApiProblems } from '../../../platform/http/api-docs';
import { DomainError } from '../../../platform/http/domain-error';
import { problemRedirectParams, singleQueryValue } from '../../../platform/http/redirect-params';
import type {} from '@fastify/cookie';
import { ConnectStateStore } from '../connect/connect-state.store';
import { CompleteConnectCommand } from '../commands/connect-channel/complete-connect.command';
import { StartConnectCommand } from '../commands/connect-channel/start-connect.command';
import { CreatePlaylistCommand } from '../commands/create-playlist/create-playlist.command';
import { DisconnectChannelCommand } from '../commands/disconnect-channel/disconnect-channel.command';
import { ListChannelsQuery } from '../queries/list-channels/list-channels.query';
import { ChannelView } from './channel.view';
import { CreatePlaylistDto } from './dto/create-playlist.dto';
import { PlaylistView } from './playlist.view';

/** Binds a connection attempt to the browser that started it (see ConnectStateStore). */
export const CONNECT_COOKIE = 'afs_youtube_connect';

class ConsentUrlView {
  @ApiProperty({ description: "Google's consent screen; good for 10 minutes, once." })
  url!: string;
}

@ApiTags('youtube')
@Controller('youtube')
export class YouTubeController {
  private readonly logger = new Logger(YouTubeController.name);

  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('connect')
  @ApiBearerAuth()
  @ApiOperation({ summary: "Google's consent URL for connecting a YouTube channel; open it in the browser." })
  @ApiOkResponse({ type: ConsentUrlView })
  @ApiProblems(401, 503)
  async connect(@CurrentUser() user: AuthenticatedUser, @Res({ passthrough: true }) reply: FastifyReply): Promise<ConsentUrlView> {
    const { url, browserKey } = await this.commands.execute(new StartConnectCommand(user.id));
    reply.setCookie(CONNECT_COOKIE, browserKey, { ...this.cookieOptions(), maxAge: ConnectStateStore.ttlSeconds });
    reply.header('cache-control', 'no-store');
    return { url };
  }

  @Public()
  @Get('callback')
  @ApiOperation({ summary: 'Where Google sends the browser back (YOUTUBE_REDIRECT_URL); redirects to the web app.' })
  @ApiQuery({ name: 'code', required: false })
  @ApiQuery({ name: 'state', required: false })
  @ApiQuery({ name: 'error', required: false, description: "Google's error, e.g. access_denied." })
  @ApiFoundResponse({
    description:
      'To `APP_URL/youtube/connected?channel=<id>` on success, or `?error=<problem code>` (YOUTUBE.STATE_INVALID, ' +
      'YOUTUBE.CONSENT_DENIED, YOUTUBE.SCOPES_MISSING, YOUTUBE.NO_CHANNEL, YOUTUBE.GOOGLE_FAILED with `reason`).',
  })
  async callback(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const query = (request.query ?? {}) as Record<string, unknown>;
    let params: Record<string, string>;
    try {
      const channels = await this.commands.execute(
        new CompleteConnectCommand(
          singleQueryValue(query.code),
          singleQueryValue(query.state),
          singleQueryValue(query.error),
          request.cookies?.[CONNECT_COOKIE],
        ),
      );
      params = { channel: channels[0].id };
    } catch (error) {
      if (error instanceof DomainError && error.status === 503) throw error;
      if (!(error instanceof DomainError)) this.logger.error({ err: error, requestId: String(request.id) }, 'YouTube connect callback failed');
      params = problemRedirectParams(error);
    }
    reply.clearCookie(CONNECT_COOKIE, this.cookieOptions());
    reply.header('cache-control', 'no-store');
    await reply.redirect(`${this.config.APP_URL.replace(/\/+$/, '')}/youtube/connected?${new URLSearchParams(params)}`, 302);
  }

  private cookieOptions() {
    // Sent back only to the callback; Lax still rides along on Google's top-level redirect.
    const secure = (this.config.YOUTUBE_REDIRECT_URL ?? '').startsWith('https:');
    return { path: '/api/v1/youtube/callback', httpOnly: true, sameSite: 'lax' as const, secure };
  }

  @Get('channels')
  @ApiBearerAuth()
  @ApiOkResponse({ type: [ChannelView] })
  @ApiProblems(401)
  channels(@CurrentUser() user: AuthenticatedUser): Promise<ChannelView[]> {
    return this.queries.execute(new ListChannelsQuery(user.id));
  }

  @Delete('channels/:id')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Revokes the grant at Google and forgets the channel; its unfinished uploads stop.' })
  @ApiNoContentResponse()
  @ApiProblems(401, 404, 502, 503)
  async disconnect(@CurrentUser() user: AuthenticatedUser, @Param('id', new ParseUUIDPipe({ version: '4' })) id: string): Promise<void> {
    await this.commands.execute(new DisconnectChannelCommand(user.id, id));
  }

  @Post('playlists')
  @ApiBearerAuth()
  @ApiCreatedResponse({ type: PlaylistView })
  @ApiProblems(400, 401, 404, 409, 502, 503)
  playlist(@CurrentUser() user: AuthenticatedUser, @Body() dto: CreatePlaylistDto): Promise<PlaylistView> {
    return this.commands.execute(new CreatePlaylistCommand(user.id, dto.channelId, dto.title, dto.description ?? '', dto.privacyStatus ?? 'private'));
  }
}
