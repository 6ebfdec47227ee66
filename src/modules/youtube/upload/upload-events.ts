import { Injectable, Logger } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { RealtimeHub } from '../../../platform/realtime/realtime-hub';
import { YouTubeUploadFinishedEvent } from '../events/upload-finished.event';
import { UploadView, videoUrl } from '../http/upload.view';
import type { YouTubeUpload } from '../persistence/youtube-upload.entity';

/** Tells the user's live streams (GET /events) where an upload stands, and the domain when it ends. */
@Injectable()
export class UploadEvents {
  private readonly logger = new Logger(UploadEvents.name);

  constructor(
    private readonly hub: RealtimeHub,
    private readonly events: EventBus,
  ) {}

  async changed(upload: YouTubeUpload): Promise<void> {
    const view = UploadView.of(upload);
    await this.hub
      .publish(upload.userId, { type: `youtube.upload.${upload.status === 'uploading' || upload.status === 'processing' ? 'progress' : upload.status}`, data: { ...view, uploadId: upload.id } })
      .catch((error) => this.logger.warn({ err: (error as Error).message }, 'could not publish upload progress'));
    if (upload.status === 'completed' || upload.status === 'failed' || upload.status === 'cancelled') {
      this.events.publish(
        new YouTubeUploadFinishedEvent(
          upload.id,
          upload.userId,
          upload.projectId,
          upload.status,
          upload.metadata.title,
          upload.channelTitle,
          upload.videoId ? videoUrl(upload.videoId) : null,
          upload.error ?? null,
          upload.warnings,
          upload.attempt,
        ),
      );
    }
  }
}
