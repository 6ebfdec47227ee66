import { Query } from '@nestjs/cqrs';

export interface UserStats {
  total: number;
  byTier: Record<string, number>;
  byStatus: Record<string, number>;
  byRole: Record<string, number>;
  /** Accounts with a session used in the last 24 hours. */
  activeLast24h: number;
  registeredInRange: number;
}

/** Counts of live (not deleted) accounts, for the admin dashboard. */
export class UserStatsQuery extends Query<UserStats> {
  constructor(readonly range: { from: Date; to: Date }) {
    super();
  }
}
