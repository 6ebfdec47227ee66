import { Command } from '@nestjs/cqrs';
import type { JobResultMessage } from '@afs/contracts';

/** Applies a runner's result; returns whether it changed the job (duplicates and stale ones do not). */
export class ApplyJobResultCommand extends Command<boolean> {
  constructor(readonly result: JobResultMessage) {
    super();
  }
}
