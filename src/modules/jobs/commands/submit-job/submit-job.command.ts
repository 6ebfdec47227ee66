import { Command } from '@nestjs/cqrs';
import type { JobPriority, JobType } from '@afs/contracts';
import type { JobView } from '../../http/job.view';

export interface SubmitJobResult {
  job: JobView;
  /** False when an Idempotency-Key matched an earlier submission, which is returned instead. */
  created: boolean;
}

export class SubmitJobCommand extends Command<SubmitJobResult> {
  constructor(
    readonly userId: string,
    readonly projectId: string,
    readonly type: JobType,
    readonly priority: JobPriority,
    readonly parameters: Record<string, unknown>,
    readonly idempotencyKey?: string,
  ) {
    super();
  }
}
