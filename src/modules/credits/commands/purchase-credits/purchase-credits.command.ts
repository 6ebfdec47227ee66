import { Command } from '@nestjs/cqrs';
import type { CommandMeta } from '../credit-command-runner';

export interface PurchaseResult {
  credits: number;
  amountPaid: number;
  currency: string;
  checkoutSessionId: string;
  eventId: string;
}

/**
 * Credits a paid Stripe Checkout Session to the purchased bucket. Idempotent by the Stripe event
 * (key `stripe:<eventId>`) and, under the same lock, by the Checkout Session: a session credits
 * once whichever event brings it. A repeat returns the first result.
 * Throws CREDITS.ACCOUNT_NOT_FOUND 404, CREDITS.INVALID_AMOUNT 400.
 */
export class PurchaseCreditsCommand extends Command<PurchaseResult> {
  constructor(
    readonly input: {
      userId: string;
      credits: number;
      packId: string;
      amountPaid: number;
      currency: string;
      stripeEventId: string;
      checkoutSessionId: string;
      paymentIntentId: string | null;
      meta?: CommandMeta;
    },
  ) {
    super();
  }
}
