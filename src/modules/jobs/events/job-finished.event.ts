import type { JobType } from '@afs/contracts';

/**
 * Published after a job ended and the change committed. For reactions that may be lost without
 * harm (notifications); nothing that must happen with the job's end hangs on it.
 */
export class JobFinishedEvent {
  constructor(
    readonly jobId: string,
    readonly userId: string,
    readonly projectId: string,
    readonly type: JobType,
    readonly status: 'completed' | 'failed' | 'cancelled',
    readonly attempt: number,
    readonly error: string | null,
  ) {}
}
