import { Query } from '@nestjs/cqrs';
import type { BalanceView } from '../../http/views';

/**
 * The balance of a user's credit account, from the projection written with every append (a read
 * after a write sees it; the cost does not grow with the ledger). Throws
 * CREDITS.ACCOUNT_NOT_FOUND 404 when the user has no account.
 */
export class GetBalanceQuery extends Query<BalanceView> {
  constructor(readonly userId: string) {
    super();
  }
}
