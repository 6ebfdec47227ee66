import { Command } from '@nestjs/cqrs';
import type { CommandMeta } from '../credit-command-runner';

export interface CaptureResult {
  jobId: string;
  attempt: number;
  /** Credits spent. */
  captured: number;
  fromAllowance: number;
  fromPurchased: number;
  eventId: string;
}

/**
 * Turns the open reservation of a job attempt into spending (the job finished). Key
 * `capture:<jobId>:<attempt>`: a repeat returns the first result. Throws
 * CREDITS.RESERVATION_NOT_OPEN 409 when there is no open reservation (never made, or already
 * released), CREDITS.ACCOUNT_NOT_FOUND 404, CREDITS.CONFLICT 409.
 */
export class CaptureReservationCommand extends Command<CaptureResult> {
  constructor(readonly input: { userId: string; jobId: string; attempt: number; meta?: CommandMeta; at?: Date }) {
    super();
  }
}
