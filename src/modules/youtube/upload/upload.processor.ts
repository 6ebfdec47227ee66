import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/config';
import { UploadQueue } from './upload-queue';
import { UploadRunner } from './upload-runner';

/**
 * Registers the upload worker in every API process. Not @Process(): its concurrency comes from
 * config (YOUTUBE_UPLOAD_CONCURRENCY), which a decorator argument cannot read.
 */
@Injectable()
export class UploadProcessor implements OnModuleInit {
  constructor(
    private readonly uploads: UploadQueue,
    private readonly runner: UploadRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    void this.uploads.queue.process(this.config.YOUTUBE_UPLOAD_CONCURRENCY, (job) => this.runner.run(job));
  }
}
