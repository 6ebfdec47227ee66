import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CreditsReserved, reservationId } from '../../domain/credit-account';
import { only, requireId, requireUserId } from '../command-input';
import { CreditCommandRunner } from '../credit-command-runner';
import { reserveKey } from '../idempotency-keys';
import { ReservationResult, ReserveCreditsCommand } from './reserve-credits.command';

@CommandHandler(ReserveCreditsCommand)
export class ReserveCreditsHandler implements ICommandHandler<ReserveCreditsCommand> {
  constructor(private readonly runner: CreditCommandRunner) {}

  async execute({ input }: ReserveCreditsCommand): Promise<ReservationResult> {
    requireUserId(input.userId);
    requireId('jobId', input.jobId);
    const key = reserveKey(input.jobId, input.attempt);
    return this.runner.run({
      userId: input.userId,
      command: { type: 'ReserveCredits', jobId: input.jobId, attempt: input.attempt, amount: input.amount },
      keys: [key],
      keyFor: () => key,
      fingerprint: { amount: input.amount },
      meta: input.meta,
      at: input.at,
      result: (events) => {
        const event = only(events, 'CreditsReserved');
        const data = event.data as CreditsReserved['data'];
        return {
          reservationId: reservationId(data.jobId, data.attempt),
          jobId: data.jobId,
          attempt: data.attempt,
          amount: data.amount,
          fromAllowance: data.fromAllowance,
          fromPurchased: data.fromPurchased,
          period: data.period,
          eventId: event.id,
        };
      },
    });
  }
}
