import { Command } from '@nestjs/cqrs';
import type { CommandMeta } from '../credit-command-runner';

export interface GrantResult {
  amount: number;
  eventId: string;
}

/**
 * An admin gives credits to an account. They go to the purchased bucket (they never expire).
 * `grantId` (e.g. a UUID the admin action stores) makes it idempotent: key `grant:<grantId>`; a
 * repeat returns the first result, the same id with another amount or user is refused.
 * Put the admin's id in `meta.actorId`. Throws CREDITS.ACCOUNT_NOT_FOUND 404,
 * CREDITS.INVALID_AMOUNT 400, CREDITS.IDEMPOTENCY_KEY_REUSED 409.
 */
export class GrantCreditsCommand extends Command<GrantResult> {
  constructor(readonly input: { userId: string; amount: number; reason: string; grantId: string; meta?: CommandMeta }) {
    super();
  }
}
