import { Command } from '@nestjs/cqrs';
import type { StripeEventEnvelope } from '../../stripe/stripe-gateway';

export interface StripeEventOutcome {
  outcome: 'credited' | 'refunded' | 'ignored';
  detail?: string;
}

/**
 * Applies a verified Stripe event: a paid `checkout.session.completed` or
 * `checkout.session.async_payment_succeeded` becomes CreditsPurchased, `charge.refunded` becomes
 * CreditsRefunded for the share of the purchase refunded; other events are ignored. Each is keyed
 * `stripe:<eventId>`, so redeliveries (also concurrent ones) apply once.
 */
export class HandleStripeEventCommand extends Command<StripeEventOutcome> {
  constructor(readonly event: StripeEventEnvelope) {
    super();
  }
}
