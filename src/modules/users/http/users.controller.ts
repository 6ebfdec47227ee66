import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../../../platform/auth/current-user.decorator';
import type { AuthenticatedUser } from '../../../platform/auth/authenticated-user';
import { ApiPage, ApiProblems } from '../../../platform/http/api-docs';
import { Page, PageQuery } from '../../../platform/http/pagination';
import { ReqMeta, RequestMeta } from '../auth/request-meta';
import { DeleteAccountCommand } from '../commands/delete-account/delete-account.command';
import { RevokeSessionCommand } from '../commands/revoke-session/revoke-session.command';
import { UpdateProfileCommand } from '../commands/update-profile/update-profile.command';
import { GetUserQuery } from '../queries/get-user/get-user.query';
import { ListSessionsQuery } from '../queries/list-sessions/list-sessions.query';
import { DeleteAccountDto } from './dto/delete-account.dto';
import { UpdateMeDto } from './dto/update-me.dto';
import { SessionView } from './session.view';
import { UserView } from './user.view';

@ApiTags('users')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('users/me')
export class UsersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @ApiOkResponse({ type: UserView })
  me(@CurrentUser() user: AuthenticatedUser): Promise<UserView> {
    return this.queries.execute(new GetUserQuery(user.id));
  }

  @Patch()
  @ApiOkResponse({ type: UserView })
  @ApiProblems(400)
  update(@CurrentUser() user: AuthenticatedUser, @Body() dto: UpdateMeDto): Promise<UserView> {
    return this.commands.execute(new UpdateProfileCommand(user.id, dto));
  }

  @Delete()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The account is deleted and every session ends.' })
  @ApiProblems(403)
  async remove(
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: DeleteAccountDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<void> {
    await this.commands.execute(new DeleteAccountCommand(user.id, dto?.password, meta));
  }

  @Get('sessions')
  @ApiPage(SessionView)
  sessions(@CurrentUser() user: AuthenticatedUser, @Query() page: PageQuery): Promise<Page<SessionView>> {
    return this.queries.execute(new ListSessionsQuery(user.id, user.sessionId, page.limit, page.cursor));
  }

  @Delete('sessions/:id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The session is revoked.' })
  @ApiProblems(404)
  async revokeSession(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe({ version: '4' })) id: string,
  ): Promise<void> {
    await this.commands.execute(new RevokeSessionCommand(user.id, id));
  }
}
