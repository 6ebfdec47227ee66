import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../../../platform/auth/current-user.decorator';
import type { AuthenticatedUser } from '../../../platform/auth/authenticated-user';
import { ApiPage, ApiProblems } from '../../../platform/http/api-docs';
import { Page, PageQuery } from '../../../platform/http/pagination';
import { MarkReadCommand } from '../commands/mark-read/mark-read.command';
import { ListNotificationsQuery } from '../queries/list-notifications/list-notifications.query';
import { NotificationView } from './notification.view';

@ApiTags('notifications')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @ApiPage(NotificationView)
  list(@CurrentUser() user: AuthenticatedUser, @Query() page: PageQuery): Promise<Page<NotificationView>> {
    return this.queries.execute(new ListNotificationsQuery(user.id, page.limit, page.cursor));
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOkResponse({ description: '{ updated }: how many were unread.' })
  async readAll(@CurrentUser() user: AuthenticatedUser) {
    return { updated: await this.commands.execute(new MarkReadCommand(user.id)) };
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOkResponse({ description: '{ updated }: 0 when it was already read.' })
  @ApiProblems(404)
  async read(@CurrentUser() user: AuthenticatedUser, @Param('id', new ParseUUIDPipe({ version: '4' })) id: string) {
    return { updated: await this.commands.execute(new MarkReadCommand(user.id, id)) };
  }
}
