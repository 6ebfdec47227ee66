import { Command } from '@nestjs/cqrs';
import type { CommandMeta } from '../credit-command-runner';

export interface ReservationResult {
  /** `<jobId>:<attempt>`; capture or release it with the same jobId and attempt. */
  reservationId: string;
  jobId: string;
  attempt: number;
  amount: number;
  /** How much came from the monthly allowance (taken first) and how much from purchased credits. */
  fromAllowance: number;
  fromPurchased: number;
  /** The allowance period the reservation was made in. */
  period: string;
  eventId: string;
}

/**
 * Sets `amount` credits aside for one attempt of a job, taking the allowance first, then
 * purchased credits. Key `reserve:<jobId>:<attempt>`: dispatching it again returns the first
 * result and appends nothing (a retry of the job reserves under a new attempt). Commands on one
 * account are serialised, so concurrent reservations never overdraw it.
 *
 * Throws (DomainError): CREDITS.INSUFFICIENT 402 (with `required`, `available`),
 * CREDITS.ACCOUNT_NOT_FOUND 404, CREDITS.INVALID_AMOUNT / CREDITS.INVALID_INPUT 400, CREDITS.IDEMPOTENCY_KEY_REUSED 409
 * (same job and attempt with another amount or user), CREDITS.CONFLICT 409.
 */
export class ReserveCreditsCommand extends Command<ReservationResult> {
  constructor(readonly input: { userId: string; jobId: string; attempt: number; amount: number; meta?: CommandMeta; at?: Date }) {
    super();
  }
}
