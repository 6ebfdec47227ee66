import { Body, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse } from '@nestjs/swagger';
import { CurrentUser } from '../../../platform/auth/current-user.decorator';
import type { AuthenticatedUser } from '../../../platform/auth/authenticated-user';
import { ApiPage, ApiProblems } from '../../../platform/http/api-docs';
import type { Page } from '../../../platform/http/pagination';
import { ReqMeta, RequestMeta } from '../../users/auth/request-meta';
import { ChangeUserAccessCommand } from '../../users/commands/change-user-access/change-user-access.command';
import { ReactivateUserCommand } from '../../users/commands/reactivate-user/reactivate-user.command';
import { SuspendUserCommand } from '../../users/commands/suspend-user/suspend-user.command';
import { AdminUserView } from '../../users/queries/get-admin-user/admin-user.view';
import { SearchUsersQuery } from '../../users/queries/search-users/search-users.query';
import { AdminGrantCreditsCommand, AdminGrantResult } from '../commands/grant-credits/admin-grant-credits.command';
import { AdminErrors } from '../errors';
import { GetUserDetailQuery, UserDetailView } from '../queries/get-user-detail/get-user-detail.query';
import { AdminController, auditContext, IdParam } from './admin-route';
import { GrantCreditsDto, OptionalReasonDto, ReasonDto, SearchUsersQueryDto, UpdateUserDto } from './dto/admin.dto';

@AdminController()
export class AdminUsersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('users')
  @ApiPage(AdminUserView)
  @ApiProblems(400)
  search(@Query() query: SearchUsersQueryDto): Promise<Page<AdminUserView>> {
    const { q, limit, cursor, status, role, tier } = query;
    return this.queries.execute(new SearchUsersQuery(q, limit, cursor, { status, role, tier }));
  }

  @Get('users/:id')
  @ApiOkResponse({ type: UserDetailView })
  @ApiProblems(400, 404)
  detail(@IdParam() id: string): Promise<UserDetailView> {
    return this.queries.execute(new GetUserDetailQuery(id));
  }

  @Post('users/:id/suspend')
  @HttpCode(200)
  @ApiOkResponse({ type: AdminUserView, description: 'Suspended; every session of the account ended.' })
  @ApiProblems(400, 404, 409)
  suspend(
    @CurrentUser() admin: AuthenticatedUser,
    @IdParam() id: string,
    @Body() dto: ReasonDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<AdminUserView> {
    return this.commands.execute(new SuspendUserCommand(admin.id, id, dto.reason, auditContext(meta)));
  }

  @Post('users/:id/reactivate')
  @HttpCode(200)
  @ApiOkResponse({ type: AdminUserView })
  @ApiProblems(400, 404, 409)
  reactivate(
    @CurrentUser() admin: AuthenticatedUser,
    @IdParam() id: string,
    @Body() dto: OptionalReasonDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<AdminUserView> {
    return this.commands.execute(new ReactivateUserCommand(admin.id, id, dto?.reason ?? null, auditContext(meta)));
  }

  @Patch('users/:id')
  @ApiOkResponse({ type: AdminUserView, description: 'A tier change adjusts the credit allowance.' })
  @ApiProblems(400, 404, 409)
  update(
    @CurrentUser() admin: AuthenticatedUser,
    @IdParam() id: string,
    @Body() dto: UpdateUserDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<AdminUserView> {
    if (!dto?.tier && !dto?.role) throw AdminErrors.invalid('tier', 'give tier, role or both');
    return this.commands.execute(
      new ChangeUserAccessCommand(admin.id, id, { tier: dto.tier, role: dto.role }, dto.reason ?? null, auditContext(meta)),
    );
  }

  @Post('users/:id/credits')
  @HttpCode(201)
  @ApiProblems(400, 404)
  grant(
    @CurrentUser() admin: AuthenticatedUser,
    @IdParam() id: string,
    @Body() dto: GrantCreditsDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<AdminGrantResult> {
    return this.commands.execute(new AdminGrantCreditsCommand(admin.id, id, dto.amount, dto.reason, auditContext(meta)));
  }
}
