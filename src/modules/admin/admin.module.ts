import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bull';
import { QUEUES } from '@afs/contracts';
import { QueueBoard } from './queues/queue-board';
import { QueueBoardAccess } from './queues/queue-board-access';
import { AdminQueuesController } from './http/admin-queues.controller';
import { AdminCreditsController } from './http/admin-credits.controller';
import { AdminGrantCreditsHandler } from './commands/grant-credits/admin-grant-credits.handler';
import { AdminJobActionHandler } from './commands/job-action/admin-job-action.handler';
import { GetUserDetailHandler } from './queries/get-user-detail/get-user-detail.handler';
import { GetStatsHandler } from './queries/get-stats/get-stats.handler';
import { AdminUsersController } from './http/admin-users.controller';
import { AdminAuditController } from './http/admin-audit.controller';
import { AdminModerationController } from './http/admin-moderation.controller';
import { AdminJobsController } from './http/admin-jobs.controller';
import { AdminStatsController } from './http/admin-stats.controller';
import { YOUTUBE_UPLOAD_QUEUE } from '../youtube/upload/upload-queue';

/**
 * Role-guarded views and actions over the other modules. It owns no tables: it reads through the
 * other modules' queries and acts through their commands, on the CQRS buses.
 */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.render }, { name: QUEUES.jobResults }, { name: YOUTUBE_UPLOAD_QUEUE })],
  controllers: [AdminQueuesController, AdminCreditsController, AdminUsersController, AdminAuditController, AdminModerationController, AdminJobsController, AdminStatsController],
  providers: [QueueBoard, QueueBoardAccess, AdminGrantCreditsHandler, AdminJobActionHandler, GetUserDetailHandler, GetStatsHandler],
})
export class AdminModule {}
