import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/config';

/** API-only: the uploads need the channel tokens, which never leave the API. */
export const YOUTUBE_UPLOAD_QUEUE = 'youtube-uploads';

export interface UploadJobData {
  uploadId: string;
  attempt: number;
}

/**
 * The API's queue of uploads, processed by UploadProcessor. An upload attempt is one Bull job
 * (`<id>:<attempt>`), plus suffixed ones when it must wait (quota, another runner's lease, a
 * shutdown); UploadLease keeps any two of them from working at once.
 */
@Injectable()
export class UploadQueue {
  constructor(
    @InjectQueue(YOUTUBE_UPLOAD_QUEUE) readonly queue: Queue<UploadJobData>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Idempotent for one attempt: Bull ignores a second add with a job id it still holds. */
  async add(uploadId: string, attempt: number, suffix = '', delayMs = 0): Promise<void> {
    await this.queue.add(
      { uploadId, attempt },
      {
        jobId: `${uploadId}:${attempt}${suffix}`,
        delay: delayMs,
        attempts: this.config.YOUTUBE_UPLOAD_ATTEMPTS,
        backoff: { type: 'exponential', delay: this.config.YOUTUBE_UPLOAD_BACKOFF_MS },
        removeOnComplete: true,
        removeOnFail: 1000,
      },
    );
  }

  /** Removes a not-yet-started upload job; false when a processor holds it. */
  async removeIfWaiting(uploadId: string, attempt: number): Promise<boolean> {
    const job = await this.queue.getJob(`${uploadId}:${attempt}`);
    if (!job) return true;
    const state = await job.getState();
    if (state === 'active') return false;
    try {
      await job.remove();
      return true;
    } catch {
      // Bull refuses to remove a job a worker has just locked: it is running now.
      return false;
    }
  }
}
