import { Command } from '@nestjs/cqrs';
import type { JobView } from '../../http/job.view';
import type { JobActionAudit } from '../job-audit';

export class CancelJobCommand extends Command<JobView> {
  constructor(
    readonly jobId: string,
    /** The owner; undefined when an admin cancels any job. */
    readonly userId: string | undefined,
    readonly reason = 'cancelled by the user',
    /** Set when an admin cancels: the audit row commits with the cancellation. */
    readonly audit?: JobActionAudit,
  ) {
    super();
  }
}
