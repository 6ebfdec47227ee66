import { Command } from '@nestjs/cqrs';
import type { Tier } from '../../domain/credit-account';
import type { CommandMeta } from '../credit-command-runner';

export interface AllowanceResult {
  userId: string;
  /** The period (YYYY-MM, UTC) the allowance is for. */
  period: string;
  /** Credits granted into the allowance bucket by this command (0 when already granted). */
  granted: number;
  /** Unused allowance of the previous period that expired (when the account moved to a new period). */
  expired: number;
}

/**
 * Opens a user's credit account with the tier's monthly allowance for the current period
 * (registration). Dispatch it inside the registration's transaction: it joins it (as a
 * savepoint), so the account and its allowance commit together. Idempotent per user and period
 * (key `reset:<userId>:<YYYY-MM>:grant`, shared with the monthly reset): a second dispatch
 * returns the first result and appends nothing. Throws CREDITS.INVALID_INPUT (400) on a bad
 * user id or tier.
 */
export class GrantAllowanceCommand extends Command<AllowanceResult> {
  constructor(readonly input: { userId: string; tier: Tier; at?: Date; meta?: CommandMeta }) {
    super();
  }
}
