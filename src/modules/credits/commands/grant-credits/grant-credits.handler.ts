import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { CreditsGranted } from '../../domain/credit-account';
import { only, requireId, requireUserId } from '../command-input';
import { CreditCommandRunner } from '../credit-command-runner';
import { grantKey } from '../idempotency-keys';
import { GrantCreditsCommand, GrantResult } from './grant-credits.command';

@CommandHandler(GrantCreditsCommand)
export class GrantCreditsHandler implements ICommandHandler<GrantCreditsCommand> {
  constructor(private readonly runner: CreditCommandRunner) {}

  async execute({ input }: GrantCreditsCommand): Promise<GrantResult> {
    requireUserId(input.userId);
    requireId('grantId', input.grantId);
    const key = grantKey(input.grantId);
    return this.runner.run({
      userId: input.userId,
      command: { type: 'GrantCredits', amount: input.amount, reason: String(input.reason ?? '').slice(0, 500), grantedBy: input.meta?.actorId ?? null },
      keys: [key],
      keyFor: () => key,
      fingerprint: { userId: input.userId, amount: input.amount },
      meta: input.meta,
      result: (events) => {
        const event = only(events, 'CreditsGranted');
        return { amount: (event.data as CreditsGranted['data']).amount, eventId: event.id };
      },
    });
  }
}
