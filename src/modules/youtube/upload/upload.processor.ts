import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { MikroORM, RequestContext } from '@mikro-orm/postgresql';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/config';
import { UploadQueue } from './upload-queue';
import { UploadRunner } from './upload-runner';

/**
 * Registers the upload worker in every API process. Not @Process(): its concurrency comes from
 * config (YOUTUBE_UPLOAD_CONCURRENCY), which a decorator argument cannot read.
 */
@Injectable()
export class UploadProcessor implements OnModuleInit {
  private readonly logger = new Logger(UploadProcessor.name);

  constructor(
    private readonly uploads: UploadQueue,
    private readonly runner: UploadRunner,
    private readonly orm: MikroORM,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    // A request context per job: query handlers of other modules use the context's EntityManager.
    void this.uploads.queue.process(this.config.YOUTUBE_UPLOAD_CONCURRENCY, (job) => RequestContext.create(this.orm.em, () => this.runner.run(job)));
    this.uploads.queue.on('failed', (job) => {
      this.runner.abandoned(job).catch((error) => this.logger.error({ err: (error as Error).message, jobId: job.id }, 'could not end an abandoned upload'));
    });
  }
}
