import { Logger } from '@nestjs/common';
import { EventsHandler, IEventHandler } from '@nestjs/cqrs';
import { CreditsPurchasedEvent } from '../../credits/events/credits-purchased.event';
import { Notifier } from '../notifier';

@EventsHandler(CreditsPurchasedEvent)
export class CreditsPurchasedHandler implements IEventHandler<CreditsPurchasedEvent> {
  private readonly logger = new Logger(CreditsPurchasedHandler.name);

  constructor(private readonly notifier: Notifier) {}

  async handle(event: CreditsPurchasedEvent): Promise<void> {
    const price = new Intl.NumberFormat('en', { style: 'currency', currency: event.currency.toUpperCase() }).format(event.amountPaid / 100);
    try {
      await this.notifier.notify({
        userId: event.userId,
        type: 'credits.purchased',
        title: `${event.credits} credits added`,
        body: `Thank you: your payment of ${price} was received and ${event.credits} credits are ready to use. They never expire.`,
        data: { credits: event.credits, amountPaid: event.amountPaid, currency: event.currency },
        // Stripe may deliver one payment several times; the ledger event is the one fact.
        dedupeKey: `purchase:${event.ledgerEventId}`,
      });
    } catch (error) {
      this.logger.error({ err: (error as Error).message, userId: event.userId }, 'could not notify about a purchase');
    }
  }
}
