import { Command } from '@nestjs/cqrs';
import type { CommandMeta } from '../credit-command-runner';

export interface RefundResult {
  requested: number;
  /** Purchased credits actually removed: never more than the unspent purchased balance. */
  refunded: number;
  /** What could not be taken back because it was already spent or reserved. */
  shortfall: number;
  eventId: string;
}

/**
 * Removes purchased credits after a refund (admin, or Stripe `charge.refunded`), up to what is
 * unspent; never below zero. `refundId` makes it idempotent (key `refund:<refundId>`, or
 * `stripe:<eventId>` from the webhook). Throws CREDITS.ACCOUNT_NOT_FOUND 404,
 * CREDITS.INVALID_AMOUNT 400, CREDITS.IDEMPOTENCY_KEY_REUSED 409.
 */
export class RefundCreditsCommand extends Command<RefundResult> {
  constructor(
    readonly input: { userId: string; credits: number; reason: string; refundId: string; paymentRef?: string | null; meta?: CommandMeta },
  ) {
    super();
  }
}
