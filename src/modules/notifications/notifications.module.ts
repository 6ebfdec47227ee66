import { Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Notification } from './persistence/notification.entity';
import { Notifier } from './notifier';
import { JobFinishedHandler } from './events/job-finished.handler';
import { ProjectModeratedHandler } from './events/project-moderated.handler';
import { CreditsPurchasedHandler } from './events/credits-purchased.handler';
import { YouTubeUploadFinishedHandler } from './events/youtube-upload-finished.handler';
import { YouTubeChannelNeedsReconnectHandler } from './events/youtube-channel-needs-reconnect.handler';
import { ListNotificationsHandler } from './queries/list-notifications/list-notifications.handler';
import { MarkReadHandler } from './commands/mark-read/mark-read.handler';
import { NotificationsController } from './http/notifications.controller';

@Module({
  imports: [MikroOrmModule.forFeature([Notification])],
  controllers: [NotificationsController],
  providers: [Notifier, JobFinishedHandler, ProjectModeratedHandler, CreditsPurchasedHandler, YouTubeUploadFinishedHandler, YouTubeChannelNeedsReconnectHandler, ListNotificationsHandler, MarkReadHandler],
  exports: [Notifier],
})
export class NotificationsModule {}
