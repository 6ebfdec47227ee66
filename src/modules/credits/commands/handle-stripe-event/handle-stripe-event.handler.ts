import { Inject, Logger } from '@nestjs/common';
import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { APP_CONFIG, AppConfig } from '../../../../platform/config/config';
import type { CreditsPurchased } from '../../domain/credit-account';
import { CreditErrors } from '../../errors';
import { CheckoutStore } from '../../persistence/checkout-store';
import { streamIdOf, userIdOf } from '../../persistence/event-store';
import { CreditCommandRunner } from '../credit-command-runner';
import { stripeKey } from '../idempotency-keys';
import { PurchaseCreditsCommand } from '../purchase-credits/purchase-credits.command';
import { refundResult } from '../refund-credits/refund-credits.handler';
import { HandleStripeEventCommand, StripeEventOutcome } from './handle-stripe-event.command';
import { isUuid } from '../../../../platform/http/is-uuid';


@CommandHandler(HandleStripeEventCommand)
export class HandleStripeEventHandler implements ICommandHandler<HandleStripeEventCommand> {
  private readonly logger = new Logger('Credits');

  constructor(
    private readonly em: EntityManager,
    private readonly commands: CommandBus,
    private readonly runner: CreditCommandRunner,
    private readonly checkouts: CheckoutStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ event }: HandleStripeEventCommand): Promise<StripeEventOutcome> {
    switch (event.type) {
      case 'checkout.session.completed':
      case 'checkout.session.async_payment_succeeded':
        return this.purchase(event.id, event.data.object);
      case 'charge.refunded':
        return this.refund(event.id, event.data.object);
      default:
        return { outcome: 'ignored', detail: `${event.type} is not used` };
    }
  }

  private async purchase(eventId: string, session: Record<string, unknown>): Promise<StripeEventOutcome> {
    if (session.payment_status !== 'paid') return { outcome: 'ignored', detail: 'the session is not paid yet' };
    const sessionId = String(session.id ?? '');
    const userId = session.client_reference_id;
    if (!isUuid(userId)) {
      throw CreditErrors.stripeEventUnusable(`Checkout Session ${sessionId} carries no user id.`);
    }
    const metadata = (session.metadata ?? {}) as Record<string, string>;
    // What was sold is what we recorded at checkout; the configured pack is the fallback.
    const recorded = await this.checkouts.bySession(this.em.fork(), sessionId);
    const packId = recorded?.packId ?? metadata.packId;
    const credits = recorded?.credits ?? this.config.CREDITS_PACKS.find((p) => p.id === packId)?.credits;
    if (!packId || !credits) throw CreditErrors.stripeEventUnusable(`Checkout Session ${sessionId} names no known pack.`);
    const paymentIntent = session.payment_intent;
    const result = await this.commands.execute(
      new PurchaseCreditsCommand({
        userId,
        credits,
        packId,
        amountPaid: Number(session.amount_total ?? 0),
        currency: String(session.currency ?? recorded?.currency ?? ''),
        stripeEventId: eventId,
        checkoutSessionId: sessionId,
        paymentIntentId:
          typeof paymentIntent === 'string' ? paymentIntent : ((paymentIntent as { id?: string } | null)?.id ?? null),
        meta: { actorId: null, correlationId: eventId, causationId: sessionId },
      }),
    );
    return { outcome: 'credited', detail: `${result.credits} credits` };
  }

  private async refund(eventId: string, charge: Record<string, unknown>): Promise<StripeEventOutcome> {
    const paymentIntent = typeof charge.payment_intent === 'string' ? charge.payment_intent : null;
    if (!paymentIntent) return { outcome: 'ignored', detail: 'the charge has no payment intent' };
    const [purchase]: { stream_id: string; payload: CreditsPurchased['data'] }[] = await this.em.fork().execute(
      `select stream_id, payload from credit_events where type = 'CreditsPurchased' and payload ->> 'paymentIntentId' = ? limit 1`,
      [paymentIntent],
    );
    if (!purchase) return { outcome: 'ignored', detail: 'no purchase of ours for this payment' };
    const userId = userIdOf(purchase.stream_id);
    const amount = Number(charge.amount ?? purchase.payload.amountPaid);
    const amountRefunded = Number(charge.amount_refunded ?? 0);
    // Stripe reports the refunded total so far; credits follow the refunded share of the payment.
    const target = amount > 0 ? Math.floor((purchase.payload.credits * Math.min(amountRefunded, amount)) / amount) : 0;
    const key = stripeKey(eventId);
    const result = await this.runner.run({
      userId,
      keys: [key],
      keyFor: () => key,
      meta: { actorId: null, correlationId: eventId, causationId: paymentIntent },
      // Under the lock: what earlier refunds of this payment already asked for.
      command: async (em) => {
        const [{ asked }]: { asked: string | null }[] = await em.execute(
          `select sum((payload ->> 'requested')::int) as asked from credit_events
            where stream_id = ? and type = 'CreditsRefunded' and payload ->> 'paymentRef' = ?`,
          [streamIdOf(userId), paymentIntent],
        );
        const credits = target - Number(asked ?? 0);
        if (credits <= 0) return null;
        return { type: 'RefundCredits', credits, reason: `Stripe refund of ${paymentIntent}`, paymentRef: paymentIntent };
      },
      result: (events) => (events.length ? refundResult(events) : null),
    });
    if (!result) return { outcome: 'ignored', detail: 'already refunded' };
    this.logger.log({ userId, paymentIntent, ...result }, 'stripe refund applied');
    return { outcome: 'refunded', detail: `${result.refunded} credits refunded, ${result.shortfall} already spent` };
  }
}
