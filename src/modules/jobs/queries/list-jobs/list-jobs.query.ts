import { Query } from '@nestjs/cqrs';
import type { Page } from '../../../../platform/http/pagination';
import type { JobView } from '../../http/job.view';

export class ListJobsQuery extends Query<Page<JobView>> {
  constructor(
    readonly userId: string,
    readonly limit: number,
    readonly cursor?: string,
    readonly filter: { status?: string; type?: string; projectId?: string } = {},
  ) {
    super();
  }
}
