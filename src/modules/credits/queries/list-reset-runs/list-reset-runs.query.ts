import { Query } from '@nestjs/cqrs';
import type { Page } from '../../../../platform/http/pagination';
import type { ResetRunView } from '../../http/views';

/** Monthly reset runs, newest first (for the admin view). Throws PAGINATION.BAD_CURSOR 400. */
export class ListResetRunsQuery extends Query<Page<ResetRunView>> {
  constructor(
    readonly limit = 20,
    readonly cursor?: string,
  ) {
    super();
  }
}
