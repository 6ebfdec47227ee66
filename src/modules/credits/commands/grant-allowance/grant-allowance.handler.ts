import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { periodOf } from '../../domain/period';
import type { StoredEvent } from '../../persistence/event-store';
import { requireTier, requireUserId } from '../command-input';
import { CreditCommandRunner } from '../credit-command-runner';
import { resetKeys } from '../idempotency-keys';
import { AllowanceResult, GrantAllowanceCommand } from './grant-allowance.command';

@CommandHandler(GrantAllowanceCommand)
export class GrantAllowanceHandler implements ICommandHandler<GrantAllowanceCommand> {
  constructor(private readonly runner: CreditCommandRunner) {}

  async execute({ input }: GrantAllowanceCommand): Promise<AllowanceResult> {
    requireUserId(input.userId);
    requireTier(input.tier);
    const period = periodOf(input.at ?? new Date());
    const keys = resetKeys(input.userId, period);
    return this.runner.run({
      userId: input.userId,
      command: { type: 'GrantAllowance', tier: input.tier, period },
      keys: [keys.expire, keys.grant],
      keyFor: (event) => (event.type === 'AllowanceExpired' ? keys.expire : keys.grant),
      meta: input.meta,
      at: input.at,
      rollover: false,
      result: (events) => allowanceResult(input.userId, period, events),
    });
  }
}

export function allowanceResult(userId: string, period: string, events: StoredEvent[]): AllowanceResult {
  const sum = (type: StoredEvent['type']) =>
    events.filter((e) => e.type === type).reduce((total, e) => total + (e.data as { amount: number }).amount, 0);
  return { userId, period, granted: sum('AllowanceGranted'), expired: sum('AllowanceExpired') };
}
