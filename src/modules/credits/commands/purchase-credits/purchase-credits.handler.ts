import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { CreditsPurchasedEvent } from '../../events/credits-purchased.event';
import type { CreditsPurchased } from '../../domain/credit-account';
import { EventRow, StoredEvent, toStored } from '../../persistence/event-store';
import { only, requireId, requireUserId } from '../command-input';
import { CreditCommandRunner } from '../credit-command-runner';
import { stripeKey } from '../idempotency-keys';
import { PurchaseCreditsCommand, PurchaseResult } from './purchase-credits.command';

@CommandHandler(PurchaseCreditsCommand)
export class PurchaseCreditsHandler implements ICommandHandler<PurchaseCreditsCommand> {
  constructor(
    private readonly runner: CreditCommandRunner,
    private readonly events: EventBus,
  ) {}

  async execute({ input }: PurchaseCreditsCommand): Promise<PurchaseResult> {
    requireUserId(input.userId);
    requireId('stripeEventId', input.stripeEventId);
    requireId('checkoutSessionId', input.checkoutSessionId);
    const key = stripeKey(input.stripeEventId);
    const { meta, userId: _userId, ...purchase } = input;
    const result = await this.runner.run({
      userId: input.userId,
      command: { type: 'PurchaseCredits', purchase },
      keys: [key],
      keyFor: () => key,
      meta: { actorId: null, ...meta },
      prior: async (em) => {
        const rows: EventRow[] = await em.execute(
          `select * from credit_events where type = 'CreditsPurchased' and payload ->> 'checkoutSessionId' = ?`,
          [input.checkoutSessionId],
        );
        return rows.map(toStored);
      },
      result: purchaseResult,
    });
    this.events.publish(new CreditsPurchasedEvent(input.userId, result.credits, result.amountPaid, result.currency, result.eventId));
    return result;
  }
}

export function purchaseResult(events: StoredEvent[]): PurchaseResult {
  const event = only(events, 'CreditsPurchased');
  const data = event.data as CreditsPurchased['data'];
  return {
    credits: data.credits,
    amountPaid: data.amountPaid,
    currency: data.currency,
    checkoutSessionId: data.checkoutSessionId,
    eventId: event.id,
  };
}
