import { Command } from '@nestjs/cqrs';
import type { JobView } from '../../../jobs/http/job.view';

export type AdminJobAction = { type: 'retry'; free: boolean } | { type: 'cancel' };

/**
 * An admin retries (optionally at no cost) or cancels any user's job through the jobs module's
 * own commands, and the action is audited (`job.retried`, `job.cancelled`).
 *
 * The jobs commands commit their own transaction and only then hand the job to Bull (the
 * dispatcher reads committed rows on its own connection), so the audit row is written right
 * after the command commits rather than inside it: wrapping them would leave the retried job
 * invisible to the dispatcher until the reconciler's next pass.
 */
export class AdminJobActionCommand extends Command<JobView> {
  constructor(
    readonly actorId: string,
    readonly jobId: string,
    readonly action: AdminJobAction,
    readonly reason: string | null,
    readonly context: Record<string, unknown> | null = null,
  ) {
    super();
  }
}
