import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { periodOf } from '../../domain/period';
import { requireUserId } from '../command-input';
import { CreditCommandRunner } from '../credit-command-runner';
import { allowanceResult } from '../grant-allowance/grant-allowance.handler';
import { resetKeys } from '../idempotency-keys';
import { ResetMonthlyAllowanceCommand, ResetResult } from './reset-monthly-allowance.command';

@CommandHandler(ResetMonthlyAllowanceCommand)
export class ResetMonthlyAllowanceHandler implements ICommandHandler<ResetMonthlyAllowanceCommand> {
  constructor(private readonly runner: CreditCommandRunner) {}

  async execute({ input }: ResetMonthlyAllowanceCommand): Promise<ResetResult> {
    requireUserId(input.userId);
    const period = periodOf(input.at ?? new Date());
    const keys = resetKeys(input.userId, period);
    return this.runner.run({
      userId: input.userId,
      command: { type: 'StartPeriod', period },
      keys: [keys.expire, keys.grant],
      keyFor: (event) => (event.type === 'AllowanceExpired' ? keys.expire : keys.grant),
      meta: input.meta,
      at: input.at,
      rollover: false,
      result: (events, replayed) => ({ ...allowanceResult(input.userId, period, events), applied: !replayed && events.length > 0 }),
    });
  }
}
