import { Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser } from '../../../platform/auth/current-user.decorator';
import type { AuthenticatedUser } from '../../../platform/auth/authenticated-user';
import { Roles } from '../../../platform/auth/roles.decorator';
import { ApiProblems } from '../../../platform/http/api-docs';
import { QUEUE_BOARD_COOKIE, QueueBoardAccess } from '../queues/queue-board-access';
import { QUEUE_BOARD_PATH } from '../queues/queue-board';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@ApiProblems(401, 403)
@Controller('admin/queues')
export class AdminQueuesController {
  constructor(private readonly access: QueueBoardAccess) {}

  /** Sets a 15-minute cookie that opens Bull Board at /api/v1/admin/queues in a browser. */
  @Post('session')
  @HttpCode(200)
  @ApiOkResponse({ description: '{ url, expiresAt }; the cookie is httpOnly and limited to the board path.' })
  session(@CurrentUser() user: AuthenticatedUser, @Res({ passthrough: true }) reply: FastifyReply) {
    const cookie = this.access.issueCookie(user.id, user.sessionId);
    (reply as FastifyReply & { setCookie: (n: string, v: string, o: object) => void }).setCookie(QUEUE_BOARD_COOKIE, cookie.value, {
      httpOnly: true,
      sameSite: 'strict',
      path: QUEUE_BOARD_PATH,
      maxAge: cookie.maxAge,
    });
    return { url: QUEUE_BOARD_PATH, expiresAt: cookie.expiresAt.toISOString() };
  }
}
