import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { AllowanceGranted, TierChanged } from '../../domain/credit-account';
import { requireId, requireTier, requireUserId } from '../command-input';
import { CreditCommandRunner } from '../credit-command-runner';
import { tierKeys } from '../idempotency-keys';
import { ChangeTierCommand, ChangeTierResult } from './change-tier.command';

@CommandHandler(ChangeTierCommand)
export class ChangeTierHandler implements ICommandHandler<ChangeTierCommand> {
  constructor(private readonly runner: CreditCommandRunner) {}

  async execute({ input }: ChangeTierCommand): Promise<ChangeTierResult> {
    requireUserId(input.userId);
    requireTier(input.tier);
    requireId('changeId', input.changeId);
    const keys = tierKeys(input.userId, input.changeId);
    return this.runner.run({
      userId: input.userId,
      command: { type: 'ChangeTier', tier: input.tier },
      keys: [keys.change, keys.grant],
      keyFor: (event) => (event.type === 'TierChanged' ? keys.change : keys.grant),
      fingerprint: { tier: input.tier },
      meta: input.meta,
      result: (events) => {
        const changed = events.find((e) => e.type === 'TierChanged');
        const granted = events.find((e) => e.type === 'AllowanceGranted');
        return {
          changed: !!changed,
          effective: changed ? (changed.data as TierChanged['data']).effective : null,
          grantedNow: granted ? (granted.data as AllowanceGranted['data']).amount : 0,
        };
      },
    });
  }
}
