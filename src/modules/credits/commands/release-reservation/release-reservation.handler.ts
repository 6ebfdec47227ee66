import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { ReservationReleased } from '../../domain/credit-account';
import { only, requireId, requireUserId } from '../command-input';
import { CreditCommandRunner } from '../credit-command-runner';
import { releaseKey } from '../idempotency-keys';
import { ReleaseReservationCommand, ReleaseResult } from './release-reservation.command';

@CommandHandler(ReleaseReservationCommand)
export class ReleaseReservationHandler implements ICommandHandler<ReleaseReservationCommand> {
  constructor(private readonly runner: CreditCommandRunner) {}

  async execute({ input }: ReleaseReservationCommand): Promise<ReleaseResult> {
    requireUserId(input.userId);
    requireId('jobId', input.jobId);
    const key = releaseKey(input.jobId, input.attempt);
    return this.runner.run({
      userId: input.userId,
      command: { type: 'ReleaseReservation', jobId: input.jobId, attempt: input.attempt, reason: (input.reason ?? 'released').slice(0, 500) },
      keys: [key],
      keyFor: () => key,
      meta: input.meta,
      at: input.at,
      result: (events) => {
        const event = only(events, 'ReservationReleased');
        const data = event.data as ReservationReleased['data'];
        return {
          jobId: data.jobId,
          attempt: data.attempt,
          released: data.amount,
          toAllowance: data.toAllowance,
          toPurchased: data.toPurchased,
          forfeitedAllowance: data.forfeitedAllowance,
          eventId: event.id,
        };
      },
    });
  }
}
