import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { YouTubeUpload } from '../persistence/youtube-upload.entity';
import { UploadQueue } from './upload-queue';

/**
 * PostgreSQL is the source of truth for uploads, Bull only carries them. At start-up, an upload
 * that should be moving but has no Bull job (the process died between saving it and queueing it,
 * or Redis lost its data) is queued again; it resumes from what YouTube confirmed.
 */
@Injectable()
export class UploadRecovery implements OnApplicationBootstrap {
  private readonly logger = new Logger(UploadRecovery.name);

  constructor(
    private readonly orm: MikroORM,
    private readonly uploads: UploadQueue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const now = new Date();
    const moving = await this.orm.em.fork().find(
      YouTubeUpload,
      { status: { $in: ['queued', 'uploading', 'processing', 'waiting_quota'] }, $or: [{ leaseUntil: null }, { leaseUntil: { $lt: now } }] },
      { fields: ['id', 'attempt'] },
    );
    for (const upload of moving) {
      const job = await this.uploads.queue.getJob(`${upload.id}:${upload.attempt}`);
      const state = job ? await job.getState() : null;
      if (state && state !== 'completed' && state !== 'failed') continue;
      // A second job for an upload that has one elsewhere (a :wait or :resume job) is harmless:
      // the lease lets one work, and the other finds it done.
      await this.uploads.add(upload.id, upload.attempt, `:recover:${now.getTime()}`);
      this.logger.warn({ uploadId: upload.id }, 'queued a stranded YouTube upload again');
    }
  }
}
