import { Body, Get, HttpCode, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse } from '@nestjs/swagger';
import { CurrentUser } from '../../../platform/auth/current-user.decorator';
import type { AuthenticatedUser } from '../../../platform/auth/authenticated-user';
import { ApiPage, ApiProblems } from '../../../platform/http/api-docs';
import { Page, PageQuery } from '../../../platform/http/pagination';
import { ModerateProjectCommand } from '../../projects/commands/moderate-project/moderate-project.command';
import { ListModerationQuery } from '../../projects/queries/list-moderation/list-moderation.query';
import { ModerationItemView } from '../../projects/queries/list-moderation/moderation-item.view';
import { ReqMeta, RequestMeta } from '../../users/auth/request-meta';
import { AdminController, auditContext, IdParam } from './admin-route';
import { OptionalReasonDto, ReasonDto } from './dto/admin.dto';

@AdminController()
export class AdminModerationController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('moderation')
  @ApiPage(ModerationItemView)
  @ApiProblems(400)
  list(@Query() page: PageQuery): Promise<Page<ModerationItemView>> {
    return this.queries.execute(new ListModerationQuery(page.limit, page.cursor));
  }

  @Post('projects/:id/approve')
  @HttpCode(200)
  @ApiOkResponse({ type: ModerationItemView })
  @ApiProblems(400, 404, 409)
  approve(
    @CurrentUser() admin: AuthenticatedUser,
    @IdParam() id: string,
    @Body() dto: OptionalReasonDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<ModerationItemView> {
    return this.commands.execute(new ModerateProjectCommand(admin.id, id, 'approve', dto?.reason ?? null, auditContext(meta)));
  }

  @Post('projects/:id/reject')
  @HttpCode(200)
  @ApiOkResponse({ type: ModerationItemView })
  @ApiProblems(400, 404, 409)
  reject(
    @CurrentUser() admin: AuthenticatedUser,
    @IdParam() id: string,
    @Body() dto: ReasonDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<ModerationItemView> {
    return this.commands.execute(new ModerateProjectCommand(admin.id, id, 'reject', dto.reason, auditContext(meta)));
  }
}
