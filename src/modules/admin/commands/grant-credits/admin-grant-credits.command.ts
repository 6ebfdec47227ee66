import { Command } from '@nestjs/cqrs';
import type { BalanceView } from '../../../credits/http/views';

export interface AdminGrantResult {
  grantId: string;
  amount: number;
  balance: BalanceView;
}

/**
 * An admin gives credits: GrantCreditsCommand in the ledger and the `credits.granted` audit row,
 * in one transaction.
 */
export class AdminGrantCreditsCommand extends Command<AdminGrantResult> {
  constructor(
    readonly actorId: string,
    readonly userId: string,
    readonly amount: number,
    readonly reason: string,
    readonly context: Record<string, unknown> | null = null,
  ) {
    super();
  }
}
