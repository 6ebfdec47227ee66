import { ApiProperty } from '@nestjs/swagger';
import { JobView } from '../../http/job.view';
import type { Job } from '../../persistence/job.entity';

/** A job as an admin sees it: with its owner. */
export class AdminJobView extends JobView {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() updatedAt!: string;

  static from(job: Job): AdminJobView {
    return { ...JobView.of(job), userId: job.userId, updatedAt: job.updatedAt.toISOString() };
  }
}
