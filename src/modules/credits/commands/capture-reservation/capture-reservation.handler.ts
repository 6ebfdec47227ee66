import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { ReservationCaptured } from '../../domain/credit-account';
import { only, requireId, requireUserId } from '../command-input';
import { CreditCommandRunner } from '../credit-command-runner';
import { captureKey } from '../idempotency-keys';
import { CaptureReservationCommand, CaptureResult } from './capture-reservation.command';

@CommandHandler(CaptureReservationCommand)
export class CaptureReservationHandler implements ICommandHandler<CaptureReservationCommand> {
  constructor(private readonly runner: CreditCommandRunner) {}

  async execute({ input }: CaptureReservationCommand): Promise<CaptureResult> {
    requireUserId(input.userId);
    requireId('jobId', input.jobId);
    const key = captureKey(input.jobId, input.attempt);
    return this.runner.run({
      userId: input.userId,
      command: { type: 'CaptureReservation', jobId: input.jobId, attempt: input.attempt },
      keys: [key],
      keyFor: () => key,
      meta: input.meta,
      at: input.at,
      result: (events) => {
        const event = only(events, 'ReservationCaptured');
        const data = event.data as ReservationCaptured['data'];
        return {
          jobId: data.jobId,
          attempt: data.attempt,
          captured: data.amount,
          fromAllowance: data.fromAllowance,
          fromPurchased: data.fromPurchased,
          eventId: event.id,
        };
      },
    });
  }
}
