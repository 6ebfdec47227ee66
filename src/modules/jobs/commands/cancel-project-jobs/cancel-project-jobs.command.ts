import { Command } from '@nestjs/cqrs';

/** Cancels every unfinished job of a project (it was deleted); releases their credits. */
export class CancelProjectJobsCommand extends Command<number> {
  constructor(
    readonly projectId: string,
    readonly reason: string,
  ) {
    super();
  }
}
