import { Command } from '@nestjs/cqrs';
import type { CommandMeta } from '../credit-command-runner';

export interface ResetResult {
  userId: string;
  period: string;
  expired: number;
  granted: number;
  /** False when the period had already started (a replay, or another replica was first). */
  applied: boolean;
}

/**
 * The monthly reset of one account: if its allowance period ended before `at` (default now), the
 * unused allowance expires and the current tier's allowance is granted for the period of `at`;
 * purchased credits stay. Idempotent per (account, period) through the keys
 * `reset:<userId>:<YYYY-MM>:expire|grant`: running it twice, or on two replicas at once, grants
 * once. Throws CREDITS.ACCOUNT_NOT_FOUND (404) for a user without a credit account.
 */
export class ResetMonthlyAllowanceCommand extends Command<ResetResult> {
  constructor(readonly input: { userId: string; at?: Date; meta?: CommandMeta }) {
    super();
  }
}
