import { Query } from '@nestjs/cqrs';
import type { Page } from '../../../../platform/http/pagination';
import type { LedgerEntryView } from '../../http/views';

/**
 * A user's ledger, newest first, keyset-paginated by version: each entry with its type, what it
 * changed in each bucket, its reason and its job or payment reference. Throws
 * PAGINATION.BAD_CURSOR 400.
 */
export class GetLedgerQuery extends Query<Page<LedgerEntryView>> {
  constructor(
    readonly userId: string,
    readonly limit = 20,
    readonly cursor?: string,
  ) {
    super();
  }
}
