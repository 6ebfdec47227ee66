import { Command } from '@nestjs/cqrs';
import type { CommandMeta } from '../credit-command-runner';

export interface ReleaseResult {
  jobId: string;
  attempt: number;
  /** The reservation's whole amount, no longer reserved. */
  released: number;
  /** What went back to each bucket. */
  toAllowance: number;
  toPurchased: number;
  /** Allowance of a period that ended meanwhile: it stays expired instead of coming back. */
  forfeitedAllowance: number;
  eventId: string;
}

/**
 * Gives the credits of a job attempt's open reservation back to the buckets they came from (the
 * job failed or was cancelled). If the allowance period of the reservation has ended, only the
 * purchased part comes back. Key `release:<jobId>:<attempt>`: a repeat returns the first result.
 * Throws CREDITS.RESERVATION_NOT_OPEN 409 (never made, or already captured),
 * CREDITS.ACCOUNT_NOT_FOUND 404, CREDITS.CONFLICT 409.
 */
export class ReleaseReservationCommand extends Command<ReleaseResult> {
  constructor(readonly input: { userId: string; jobId: string; attempt: number; reason?: string; meta?: CommandMeta; at?: Date }) {
    super();
  }
}
