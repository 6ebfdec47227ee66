import { Inject, Logger } from '@nestjs/common';
import { EventsHandler, IEventHandler, QueryBus } from '@nestjs/cqrs';
import { APP_CONFIG, AppConfig } from '../../../platform/config/config';
import { GetUserQuery } from '../../users/queries/get-user/get-user.query';
import { YouTubeUploadFinishedEvent } from '../../youtube/events/upload-finished.event';
import { Notifier } from '../notifier';

/** Upload on YouTube, or failed: in-app, and by mail when the user wants mail. Cancellations are the user's act. */
@EventsHandler(YouTubeUploadFinishedEvent)
export class YouTubeUploadFinishedHandler implements IEventHandler<YouTubeUploadFinishedEvent> {
  private readonly logger = new Logger(YouTubeUploadFinishedHandler.name);

  constructor(
    private readonly notifier: Notifier,
    private readonly queries: QueryBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async handle(event: YouTubeUploadFinishedEvent): Promise<void> {
    if (event.status === 'cancelled') return;
    try {
      const user = await this.queries.execute(new GetUserQuery(event.userId));
      const done = event.status === 'completed';
      const heading = done ? `"${event.title}" is on YouTube` : `"${event.title}" could not be uploaded to YouTube`;
      const notes = event.warnings.length ? `\n\nPlease note:\n- ${event.warnings.join('\n- ')}` : '';
      const body = done
        ? `Your film is on ${event.channelTitle}: ${event.videoUrl}${notes}`
        : `The upload to ${event.channelTitle} stopped: ${event.error ?? 'an unknown error'} You can retry it.`;
      const link = `${this.config.PUBLIC_URL ?? ''}/api/v1/youtube-uploads/${event.uploadId}`;
      await this.notifier.notify({
        userId: event.userId,
        type: done ? 'youtube.upload.completed' : 'youtube.upload.failed',
        title: heading,
        body,
        data: { uploadId: event.uploadId, projectId: event.projectId, videoUrl: event.videoUrl, warnings: event.warnings, link, ...(done ? {} : { error: event.error }) },
        dedupeKey: `youtube-upload:${event.uploadId}:${event.attempt}:${event.status}`,
        mail: user.mailNotifications ? { to: user.email, subject: heading, text: `Hello ${user.firstName},\n\n${body}\n` } : undefined,
      });
    } catch (error) {
      this.logger.error({ err: (error as Error).message, uploadId: event.uploadId }, 'could not notify about a finished upload');
    }
  }
}
