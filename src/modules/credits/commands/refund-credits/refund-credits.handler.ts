import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { CreditsRefunded } from '../../domain/credit-account';
import type { StoredEvent } from '../../persistence/event-store';
import { only, requireId, requireUserId } from '../command-input';
import { CreditCommandRunner } from '../credit-command-runner';
import { refundKey } from '../idempotency-keys';
import { RefundCreditsCommand, RefundResult } from './refund-credits.command';

@CommandHandler(RefundCreditsCommand)
export class RefundCreditsHandler implements ICommandHandler<RefundCreditsCommand> {
  constructor(private readonly runner: CreditCommandRunner) {}

  async execute({ input }: RefundCreditsCommand): Promise<RefundResult> {
    requireUserId(input.userId);
    requireId('refundId', input.refundId);
    return this.refund({ ...input, key: refundKey(input.refundId) });
  }

  /** Shared with the Stripe webhook, which keys refunds by the Stripe event. */
  refund(input: RefundCreditsCommand['input'] & { key: string }): Promise<RefundResult> {
    return this.runner.run({
      userId: input.userId,
      command: { type: 'RefundCredits', credits: input.credits, reason: String(input.reason ?? '').slice(0, 500), paymentRef: input.paymentRef ?? null },
      keys: [input.key],
      keyFor: () => input.key,
      fingerprint: { userId: input.userId, credits: input.credits },
      meta: input.meta,
      result: refundResult,
    });
  }
}

export function refundResult(events: StoredEvent[]): RefundResult {
  const event = only(events, 'CreditsRefunded');
  const data = event.data as CreditsRefunded['data'];
  return { requested: data.requested, refunded: data.refunded, shortfall: data.shortfall, eventId: event.id };
}
