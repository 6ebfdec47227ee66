import { Query } from '@nestjs/cqrs';

export interface CreditStats {
  /** Credits that entered accounts in the range, by source. */
  granted: { allowance: number; admin: number };
  purchased: number;
  /** Captured reservations: credits spent on finished jobs. */
  spent: number;
  refunded: number;
  /** Held by running or waiting jobs now (not limited to the range). */
  reservedNow: number;
  /** Amounts paid in the range, in each currency's minor unit (cents). */
  revenue: { currency: string; amount: number }[];
}

/** For the admin dashboard: what the ledger recorded between `from` (inclusive) and `to` (exclusive). */
export class CreditStatsQuery extends Query<CreditStats> {
  constructor(readonly range: { from: Date; to: Date }) {
    super();
  }
}
