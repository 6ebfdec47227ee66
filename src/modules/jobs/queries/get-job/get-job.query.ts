import { Query } from '@nestjs/cqrs';
import type { JobView } from '../../http/job.view';

export class GetJobQuery extends Query<JobView> {
  constructor(
    readonly jobId: string,
    /** The owner; undefined for an admin. */
    readonly userId?: string,
  ) {
    super();
  }
}
