import { Command } from '@nestjs/cqrs';

export interface CheckoutResult {
  sessionId: string;
  /** Stripe's hosted payment page; send the buyer there. */
  url: string;
  packId: string;
  credits: number;
}

/**
 * Creates a Stripe Checkout Session for a pack (user id as `client_reference_id`, pack as
 * `metadata.packId`). With an idempotency key, a repeat returns the same session. Throws
 * CREDITS.STRIPE_NOT_CONFIGURED 503, CREDITS.UNKNOWN_PACK 400, CREDITS.IDEMPOTENCY_KEY_REUSED
 * 409 (same key, other pack), CREDITS.STRIPE_FAILED 502.
 */
export class StartCheckoutCommand extends Command<CheckoutResult> {
  constructor(readonly input: { userId: string; packId: string; idempotencyKey?: string }) {
    super();
  }
}
