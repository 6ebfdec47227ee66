import { Command } from '@nestjs/cqrs';
import type { JobView } from '../../http/job.view';

export class CancelJobCommand extends Command<JobView> {
  constructor(
    readonly jobId: string,
    /** The owner; undefined when an admin cancels any job. */
    readonly userId: string | undefined,
    readonly reason = 'cancelled by the user',
  ) {
    super();
  }
}
