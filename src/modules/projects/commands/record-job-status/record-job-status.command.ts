import { Command } from '@nestjs/cqrs';
import type { JobStatus } from '@afs/contracts';
import type { ProjectStatus } from '../../domain/project-enums';

/**
 * Sent by the jobs module, inside its transaction, whenever a job of the project changes status.
 * A project's status follows its latest job; a cancelled job puts it back where it was.
 */
export class RecordJobStatusCommand extends Command<void> {
  constructor(
    readonly projectId: string,
    readonly jobId: string,
    readonly jobStatus: JobStatus,
    /** The project's status when the job was submitted, restored on cancellation. */
    readonly statusBeforeJob: ProjectStatus,
  ) {
    super();
  }
}
