import { Command } from '@nestjs/cqrs';
import type { Tier } from '../../domain/credit-account';
import type { CommandMeta } from '../credit-command-runner';

export interface ChangeTierResult {
  changed: boolean;
  /** 'now' for an upgrade (the difference is granted at once), 'next-period' for a downgrade. */
  effective: 'now' | 'next-period' | null;
  /** Allowance granted at once for the current period (an upgrade's difference). */
  grantedNow: number;
}

/**
 * The users module changed the account's tier. An upgrade grants the difference between the new
 * tier's allowance and the one granted for this period at once; a downgrade takes effect at the
 * next reset. The same tier again is a no-op. `changeId` (unique per change, e.g. the users
 * module's audit row id) makes it idempotent: keys `tier:<userId>:<changeId>[:grant]`.
 * Dispatch it inside the transaction that changes the user's tier. Throws
 * CREDITS.ACCOUNT_NOT_FOUND 404, CREDITS.INVALID_INPUT 400 (unknown tier).
 */
export class ChangeTierCommand extends Command<ChangeTierResult> {
  constructor(readonly input: { userId: string; tier: Tier; changeId: string; meta?: CommandMeta }) {
    super();
  }
}
