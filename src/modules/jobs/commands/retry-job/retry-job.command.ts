import { Command } from '@nestjs/cqrs';
import type { JobView } from '../../http/job.view';
import type { JobActionAudit } from '../job-audit';

export class RetryJobCommand extends Command<JobView> {
  constructor(
    readonly jobId: string,
    /** The owner; undefined for an admin. */
    readonly userId: string | undefined,
    /** Admin only: run at no cost. */
    readonly free = false,
    /** Set when an admin retries: the audit row commits with the retry. */
    readonly audit?: JobActionAudit,
  ) {
    super();
  }
}
