import { Query } from '@nestjs/cqrs';
import type { Page } from '../../../../platform/http/pagination';
import type { AdminJobView } from './admin-job.view';

/** Every user's failed jobs, most recently failed first, with the error, attempt and tries. */
export class ListFailedJobsQuery extends Query<Page<AdminJobView>> {
  constructor(
    readonly limit: number,
    readonly cursor?: string,
    readonly filter: { userId?: string; type?: string } = {},
  ) {
    super();
  }
}
