import { randomUUID } from 'node:crypto';
import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { APP_CONFIG, AppConfig } from '../../../../platform/config/config';
import { CreditErrors } from '../../errors';
import { CheckoutStore } from '../../persistence/checkout-store';
import { STRIPE_GATEWAY, StripeCallError, StripeGateway } from '../../stripe/stripe-gateway';
import { CheckoutResult, StartCheckoutCommand } from './start-checkout.command';

@CommandHandler(StartCheckoutCommand)
export class StartCheckoutHandler implements ICommandHandler<StartCheckoutCommand> {
  private readonly logger = new Logger('Credits');

  constructor(
    private readonly em: EntityManager,
    private readonly checkouts: CheckoutStore,
    @Inject(STRIPE_GATEWAY) private readonly stripe: StripeGateway,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ input }: StartCheckoutCommand): Promise<CheckoutResult> {
    const missing = this.stripe.checkoutUnavailable();
    if (missing) throw CreditErrors.stripeNotConfigured(missing);
    const packs = this.config.CREDITS_PACKS;
    const pack = packs.find((p) => p.id === input.packId);
    if (!pack) throw CreditErrors.unknownPack(input.packId, packs.map((p) => p.id));

    const em = this.em.fork();
    if (input.idempotencyKey) {
      const earlier = await this.checkouts.byKey(em, input.userId, input.idempotencyKey);
      if (earlier) return this.sameOrRefuse(earlier, pack.id, input.idempotencyKey);
    }
    const base = this.config.APP_URL.replace(/\/$/, '');
    let session;
    try {
      session = await this.stripe.createCheckoutSession({
        userId: input.userId,
        packId: pack.id,
        credits: pack.credits,
        unitAmount: pack.unitAmount,
        currency: pack.currency,
        productName: pack.name ?? `${pack.credits} credits`,
        successUrl: this.config.CREDITS_CHECKOUT_SUCCESS_URL ?? `${base}/credits?checkout=success&session_id={CHECKOUT_SESSION_ID}`,
        cancelUrl: this.config.CREDITS_CHECKOUT_CANCEL_URL ?? `${base}/credits?checkout=cancelled`,
        // Scoped by user, so two users' keys never meet at Stripe.
        idempotencyKey: `checkout:${input.userId}:${input.idempotencyKey ?? randomUUID()}`,
      });
    } catch (error) {
      if (error instanceof StripeCallError) {
        this.logger.error({ err: error.message, userId: input.userId }, 'stripe checkout failed');
        throw CreditErrors.stripeFailed('Stripe did not create the checkout session; try again.');
      }
      throw error;
    }
    if (!session.url) throw CreditErrors.stripeFailed('Stripe returned a session without a URL.');
    const saved = await this.checkouts.save(em, {
      sessionId: session.id,
      userId: input.userId,
      packId: pack.id,
      credits: pack.credits,
      unitAmount: pack.unitAmount,
      currency: pack.currency,
      url: session.url,
      idempotencyKey: input.idempotencyKey ?? null,
    });
    return this.sameOrRefuse(saved, pack.id, input.idempotencyKey);
  }

  private sameOrRefuse(row: { sessionId: string; url: string | null; packId: string; credits: number }, packId: string, key?: string): CheckoutResult {
    if (row.packId !== packId) throw CreditErrors.idempotencyKeyReused(key ?? row.sessionId);
    return { sessionId: row.sessionId, url: row.url!, packId: row.packId, credits: row.credits };
  }
}
